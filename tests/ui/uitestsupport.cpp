// SPDX-License-Identifier: GPL-3.0-or-later
#include "uitestsupport.h"

#include "core/demo/demo.h"
#include "core/store/store.h"

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QSettings>
#include <QTest>
#include <QTextBrowser>
#include <QWidget>

namespace concord::uitest {

void isolateSettings(const QString &dir)
{
    QCoreApplication::setOrganizationName(QStringLiteral("ConcordTests"));
    QCoreApplication::setApplicationName(QStringLiteral("ConcordTests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
    QSettings().clear();
}

std::filesystem::path makeDemo(const QString &dir, int images, int labelers, int overlap, std::uint64_t seed)
{
    const auto file = std::filesystem::path(QDir(dir).filePath(QStringLiteral("demo.concord")).toStdString());
    core::DemoOptions o;
    o.images = images;
    o.labelers = labelers;
    o.overlap = overlap;
    o.seed = seed;
    o.threads = 2;
    core::generateDemo(file, o);
    return file;
}

core::Id addPlainImage(core::Store &store, const QString &dir, const QString &name, QSize size, QColor colour)
{
    QImage picture(size, QImage::Format_RGB32);
    picture.fill(colour);
    if (!picture.save(QDir(dir).filePath(name)))
        return 0;
    core::ImageRecord r;
    r.path = name.toStdString();
    r.hash = r.path;
    r.width = size.width();
    r.height = size.height();
    return store.addImage(r);
}

void drag(QWidget *viewport, QPoint from, QPoint to)
{
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, from);
    constexpr int kSteps = 5;
    for (int i = 1; i <= kSteps; ++i) {
        const QPoint p = from + (to - from) * i / kSteps;
        QMouseEvent move(QEvent::MouseMove, QPointF(p), viewport->mapToGlobal(QPointF(p)), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &move);
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, to);
}

QStringList visibleTexts(QWidget *root)
{
    QStringList out;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : widgets) {
        if (!w->isVisible())
            continue;
        out << w->windowTitle() << w->toolTip() << w->statusTip();
        if (auto *l = qobject_cast<QLabel *>(w))
            out << l->text();
        if (auto *b = qobject_cast<QAbstractButton *>(w))
            out << b->text();
        if (auto *e = qobject_cast<QLineEdit *>(w))
            out << e->text();
        if (auto *t = qobject_cast<QTextBrowser *>(w))
            out << t->toPlainText();
        for (QAction *a : w->actions())
            out << a->text() << a->toolTip();
    }
    out.removeAll(QString());
    return out;
}

namespace {

void walk(const QAbstractItemModel &model, const QModelIndex &parent, QStringList &out)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        for (int c = 0; c < model.columnCount(parent); ++c) {
            const QModelIndex idx = model.index(r, c, parent);
            for (int role = 0; role <= Qt::UserRole + 32; ++role) {
                const QVariant v = model.data(idx, role);
                if (v.isValid() && v.canConvert<QString>())
                    out << v.toString();
            }
            if (c == 0)
                walk(model, idx, out);
        }
    }
}

} // namespace

QStringList modelTexts(const QAbstractItemModel &model)
{
    QStringList out;
    walk(model, {}, out);
    return out;
}

} // namespace concord::uitest
