// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/queuesearchmodel.h"

#include "ui/document/projectdocument.h"
#include "ui/models/queuemodel.h"

#include <algorithm>

namespace concord::ui {

QueueSearchModel::QueueSearchModel(ProjectDocument *document, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
{
    connect(document, &ProjectDocument::imageStateChanged, this, &QueueSearchModel::imageChanged);
    connect(document, &ProjectDocument::imageHealthChanged, this, &QueueSearchModel::imageChanged);
    connect(document, &ProjectDocument::imagesRelinked, this, [this] {
        if (!m_rows.empty())
            emit dataChanged(index(0), index(rowCount() - 1));
    });
}

void QueueSearchModel::setRows(std::vector<int> queueRows)
{
    beginResetModel();
    m_rows = std::move(queueRows);
    endResetModel();
}

int QueueSearchModel::positionOf(int queueRow) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), queueRow);
    return it != m_rows.end() && *it == queueRow ? static_cast<int>(it - m_rows.begin()) : -1;
}

int QueueSearchModel::rowAfter(int queueRow) const
{
    const auto it = std::upper_bound(m_rows.begin(), m_rows.end(), queueRow);
    return it == m_rows.end() ? -1 : *it;
}

int QueueSearchModel::rowBefore(int queueRow) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), queueRow);
    return it == m_rows.begin() ? -1 : *(it - 1);
}

int QueueSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant QueueSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = m_rows[static_cast<std::size_t>(index.row())];
    if (row >= m_document->queueSize()) // the queue shrank (another process) before a new search
        return {};
    return QueueModel::rowData(*m_document, row, role);
}

QHash<int, QByteArray> QueueSearchModel::roleNames() const
{
    return QueueModel::rowRoleNames();
}

void QueueSearchModel::imageChanged(qint64 image)
{
    for (const int row : m_document->queueRowsOf(image))
        if (const int at = positionOf(row); at >= 0)
            emit dataChanged(index(at), index(at));
}

} // namespace concord::ui
