// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/queuemodel.h"

#include "ui/projectdocument.h"

#include <QColor>
#include <QFileInfo>

#include <algorithm>

namespace concord::ui {

QueueModel::QueueModel(ProjectDocument *document, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
{
    m_fetched = std::min(m_document->queueSize(), ProjectDocument::kQueuePageSize);
    connect(document, &ProjectDocument::sessionStarted, this, [this] {
        m_announcing = true; // no rows are inserted while a change is announced
        beginResetModel();
        m_fetched = std::min(m_document->queueSize(), ProjectDocument::kQueuePageSize);
        endResetModel();
        m_announcing = false;
    });
    connect(document, &ProjectDocument::imageStateChanged, this, &QueueModel::imageChanged);
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_fetched;
}

bool QueueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_announcing && m_fetched < m_document->queueSize();
}

void QueueModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetchTo(m_fetched + ProjectDocument::kQueuePageSize);
}

void QueueModel::ensureFetched(int row)
{
    if (row >= m_fetched) // whole pages, so the rows after it are there too
        fetchTo((row / ProjectDocument::kQueuePageSize + 1) * ProjectDocument::kQueuePageSize);
}

void QueueModel::fetchTo(int rows)
{
    const int target = std::min(rows, m_document->queueSize());
    if (target <= m_fetched)
        return;
    // Only the row count grows: the rows' data is read when a view asks for it.
    m_announcing = true;
    beginInsertRows({}, m_fetched, target - 1);
    m_fetched = target;
    endInsertRows();
    m_announcing = false;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::QueueEntry e = m_document->queueEntry(index.row());
    const auto cls = e.myLabelClass ? m_document->labelClass(*e.myLabelClass) : std::nullopt;
    switch (role) {
    case Qt::DisplayRole: {
        QString text = QStringLiteral("%1  %2").arg(index.row() + 1, 3).arg(
            QFileInfo(QString::fromStdString(e.path)).fileName());
        if (cls)
            text += QStringLiteral("  · ") + QString::fromStdString(cls->name);
        else if (e.state == core::AssignmentState::Skipped)
            text += QStringLiteral("  · ") + tr("skipped");
        return text;
    }
    case Qt::ToolTipRole:
        return QString::fromStdString(e.path);
    case Qt::DecorationRole:
        if (cls)
            return QColor(QString::fromStdString(cls->color));
        return QColor(e.state == core::AssignmentState::Skipped ? 0x9e9e9e : 0xdedede);
    case ImageIdRole:
        return QVariant::fromValue<qint64>(e.image);
    case LabelClassRole:
        return e.myLabelClass ? QVariant::fromValue<qint64>(*e.myLabelClass) : QVariant();
    case StateRole:
        return QString::fromLatin1(core::toString(e.state).data(),
                                   static_cast<qsizetype>(core::toString(e.state).size()));
    default:
        return {};
    }
}

QHash<int, QByteArray> QueueModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(ImageIdRole, "imageId");
    names.insert(LabelClassRole, "labelClass");
    names.insert(StateRole, "state");
    return names;
}

void QueueModel::imageChanged(qint64 image)
{
    const int row = m_document->queueIndexOf(image);
    if (row >= 0 && row < m_fetched)
        emit dataChanged(index(row), index(row));
}

} // namespace concord::ui
