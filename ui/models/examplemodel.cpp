// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/examplemodel.h"

#include "ui/scaledimage.h"

#include <QColor>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

namespace concord::ui {

ExampleModel::ExampleModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

ExampleModel::~ExampleModel() = default;

void ExampleModel::setExamples(std::vector<Entry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    const int generation = ++m_generation;
    const int side = m_side;
    QPointer<ExampleModel> self(this);
    for (const auto &e : m_entries) {
        if (m_thumbnails.contains(e.path))
            continue;
        const QString path = e.path;
        QThreadPool::globalInstance()->start([self, path, side, generation] {
            const QImage img = readScaledImage(path, side);
            QMetaObject::invokeMethod(
                qApp, [self, path, img, generation] {
                    ExampleModel *model = self.data();
                    if (model && model->m_generation == generation)
                        model->thumbnailReady(path, img);
                },
                Qt::QueuedConnection);
        });
    }
}

void ExampleModel::thumbnailReady(const QString &path, const QImage &image)
{
    m_thumbnails.insert(path, image);
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].path == path)
            emit dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)), {Qt::DecorationRole});
}

int ExampleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant ExampleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &e = m_entries[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (e.example.role) {
        case core::ExampleRole::Example: return tr("Example");
        case core::ExampleRole::Counterexample: return tr("Counterexample");
        case core::ExampleRole::Borderline: return tr("Borderline");
        }
        return {};
    case Qt::ToolTipRole:
        return e.example.note.empty() ? QFileInfo(e.path).fileName() : QString::fromStdString(e.example.note);
    case Qt::DecorationRole: {
        const auto it = m_thumbnails.constFind(e.path);
        if (it != m_thumbnails.constEnd() && !it->isNull())
            return *it;
        QImage grey(m_side, m_side, QImage::Format_RGB32);
        grey.fill(QColor(0x60, 0x60, 0x60));
        return grey;
    }
    case ImageIdRole:
        return QVariant::fromValue<qint64>(e.example.image);
    case PathRole:
        return e.path;
    case ExampleRoleRole: {
        const auto s = core::toString(e.example.role);
        return QString::fromLatin1(s.data(), static_cast<qsizetype>(s.size()));
    }
    default:
        return {};
    }
}

} // namespace concord::ui
