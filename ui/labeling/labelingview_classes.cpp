// SPDX-License-Identifier: GPL-3.0-or-later
// LabelingView's classes: the class keys and the class bar, following the project's classes
// as Project → Settings… changes them (issue #19), and what a class key does to the image or
// the selected shape. Kept beside labelingview.cpp so that file stays the queue and the image.
#include "ui/labeling/labelingview.h"

#include "core/imaging/image_check.h"
#include "ui/canvas/imagecanvas.h"
#include "ui/document/projectdocument.h"
#include "ui/image/imagefetch.h"
#include "ui/labeling/classbar.h"
#include "ui/labeling/queuepanel.h"
#include "ui/models/classmodel.h"
#include "ui/shell/keybindings.h"
#include "ui/shell/toast.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>

#include <algorithm>

namespace concord::ui {

namespace {

/// A class that names an image without a defect ("ok"): never given to a shape by default.
bool isNoDefectName(const std::string &name)
{
    const QString n = QString::fromStdString(name).trimmed().toLower();
    return n == QLatin1String("ok") || n == QLatin1String("good") || n == QLatin1String("normal") ||
           n == QLatin1String("none") || n == QLatin1String("no defect");
}

} // namespace

core::Id LabelingView::defaultObjectClass(const std::vector<core::LabelClass> &classes)
{
    for (const auto &c : classes)
        if (c.scope != core::ClassScope::Image && !isNoDefectName(c.name))
            return c.id;
    return 0;
}

void LabelingView::rebuildClassActions()
{
    qDeleteAll(m_classActions);
    m_classActions.clear();
    if (!m_document)
        return;
    // An action (a Label menu entry) for the classes with a key or a button only: the rest are
    // chosen in the class bar's list, found with Ctrl+K (200,000 actions took minutes to add).
    int unkeyed = 0;
    for (const auto &c : m_document->classes()) {
        const QString key = QString::fromStdString(c.shortcut);
        if (key.isEmpty() && unkeyed++ >= ClassBar::kMaxButtons)
            continue;
        auto *a = makeAction(QString::fromStdString(c.name),
                             key.isEmpty() ? QList<QKeySequence>{} : QList<QKeySequence>{QKeySequence(key)},
                             QStringLiteral("actionClass_%1").arg(c.id));
        connect(a, &QAction::triggered, this, [this, id = c.id] { chooseClass(id); });
        m_classActions << a;
    }
    if (m_classBar->picker()) {
        // "/" as in a browser's quick find; no class can have it (classkeys.h).
        auto *find =
            makeAction(tr("&Other class\u2026"), {QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::Key_Slash)},
                       QStringLiteral("actionFindClass"));
        connect(find, &QAction::triggered, this, [this] {
            if (QComboBox *picker = m_classBar->picker()) {
                picker->setFocus(Qt::ShortcutFocusReason);
                picker->lineEdit()->selectAll();
            }
        });
        m_classActions << find;
    }
}

void LabelingView::followClasses()
{
    if (!m_document)
        return;
    m_classModel->setClasses(m_document->classes()); // the class bar rebuilds on the reset
    rebuildClassActions();
    for (auto *a : std::as_const(m_classActions))
        a->setEnabled(m_document->hasSession());
    warnOfKeyClashes();
    // Shapes show their class's colour and name; the bar checks the current class again.
    if (currentImage())
        refreshState();
}

void LabelingView::warnOfKeyClashes()
{
    // The settings dialog and Preferences refuse a key in use, but the command line gives a
    // class any key and a binding made with no project open knows no classes: two actions with
    // one key in one window both stay silent, so say which ones (issue #19).
    if (!m_document || !window())
        return;
    QStringList clashes;
    for (const auto &c : m_document->classes()) {
        if (c.shortcut.empty())
            continue;
        const QKeySequence key(QString::fromStdString(c.shortcut));
        if (const QAction *other = actionWithClassKey(window(), key))
            clashes << tr("class \u201c%1\u201d and \u201c%2\u201d both have %3")
                           .arg(QString::fromStdString(c.name), plainActionText(other), key.toString());
    }
    if (!clashes.isEmpty())
        m_toast->showMessage(tr("A key does nothing while two things have it: %1. Change the class's key (Project "
                                "\u2192 Settings\u2026) or the other one's (Edit \u2192 Preferences\u2026).")
                                 .arg(clashes.join(QStringLiteral("; "))),
                             Toast::Kind::Error);
}

void LabelingView::followClassesIfChanged()
{
    const auto &shown = m_classModel->classes();
    const auto &now = m_document->classes();
    const auto same = [](const core::LabelClass &a, const core::LabelClass &b) {
        return a.id == b.id && a.name == b.name && a.color == b.color && a.shortcut == b.shortcut &&
               a.description == b.description && a.scope == b.scope;
    };
    if (!std::equal(shown.begin(), shown.end(), now.begin(), now.end(), same))
        followClasses();
}

QList<QAction *> LabelingView::labelActions() const
{
    return m_classActions + QList<QAction *>{m_autoAdvanceAction};
}

void LabelingView::updateClassBar()
{
    const core::Id image = currentImage();
    if (!image) {
        m_classBar->setCurrentClass(std::nullopt);
        return;
    }
    // The bar shows what the keys act on: the selected shape's class, else the image's.
    const ImageState s = m_document->imageState(image);
    const int shape = m_canvas->selectedAnnotation();
    if (shape >= 0 && static_cast<std::size_t>(shape) < s.annotations.size() &&
        s.annotations[static_cast<std::size_t>(shape)].classId != 0)
        m_classBar->setCurrentClass(s.annotations[static_cast<std::size_t>(shape)].classId);
    else
        m_classBar->setCurrentClass(s.labelClass);
}

ShapeStyle LabelingView::styleOf(core::Id classId) const
{
    if (m_document)
        if (const auto c = m_document->labelClass(classId))
            return {QColor(QString::fromStdString(c->color)), QString::fromStdString(c->name)};
    return {};
}

core::Id LabelingView::newShapeClass() const
{
    if (!m_document)
        return 0;
    if (m_lastObjectClass != 0)
        if (const auto c = m_document->labelClass(m_lastObjectClass); c && c->scope != core::ClassScope::Image)
            return c->id;
    return defaultObjectClass(m_document->classes());
}

void LabelingView::updateDrawingStyle()
{
    const core::Id cls = newShapeClass();
    ShapeStyle style = styleOf(cls);
    if (!style.color.isValid())
        style.color = QColor(0xe6, 0x9f, 0x00);
    m_canvas->setDrawingStyle(style);
}

bool LabelingView::setShapeClass(core::Id image, int index, core::Id classId)
{
    const ImageState s = m_document->imageState(image);
    if (index < 0 || static_cast<std::size_t>(index) >= s.annotations.size())
        return false;
    m_lastObjectClass = classId; // the next shape drawn gets it too
    updateDrawingStyle();
    core::Annotation shape = s.annotations[static_cast<std::size_t>(index)];
    if (shape.classId == classId)
        return true;
    shape.classId = classId;
    m_document->changeAnnotation(image, index, shape); // one undo step ("Set shape class to …")
    return true;
}

void LabelingView::chooseClass(qint64 classId)
{
    const core::Id image = currentImage();
    if (!image)
        return;
    // With a shape selected, the key names the shape (issue #17); a class for whole images
    // only ("ok" with scope Image) still names the image.
    if (const int shape = m_canvas->selectedAnnotation(); shape >= 0) {
        const auto cls = m_document->labelClass(classId);
        if (cls && cls->scope != core::ClassScope::Image && setShapeClass(image, shape, classId))
            return;
    }
    // A key pressed before the decode reported: at least make sure the file is there (a server
    // project's image not fetched yet is on its way: the decoder's worker brings it).
    if (m_document->imageHealth(image).health == core::ImageHealth::Unknown && !isFetchable(m_currentPath))
        if (const auto access = core::checkImageAccess(QFile::encodeName(m_currentPath).toStdString()); !access.ok())
            m_document->setImageHealth(image, access);
    if (!m_document->setLabel(image, classId))
        return; // refused (the toast says why): stay on the image
    if (!autoAdvance())
        return;
    // The next image that still needs this labeler, not merely the next row (issue 19); with a
    // search, among the images it shows.
    if (m_queuePanel->isFiltered()) {
        if (const int row = m_queuePanel->nextNeededAfter(m_current); row >= 0)
            goTo(row);
        else
            m_toast->showMessage(tr("Done: every image this search shows is labeled."));
    } else if (const int row = m_document->nextUnlabeledIndex(m_current); row >= 0) {
        goTo(row);
    } else {
        m_toast->showMessage(tr("Done: all %n image(s) in your queue are labeled.", nullptr, m_document->queueSize()));
    }
}

} // namespace concord::ui
