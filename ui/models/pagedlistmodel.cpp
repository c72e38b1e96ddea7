// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/pagedlistmodel.h"

#include <algorithm>

namespace concord::ui {

PagedListModel::PagedListModel(int pageSize, QObject *parent)
    : QAbstractListModel(parent)
    , m_pageSize(std::max(1, pageSize))
{
}

int PagedListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_fetched;
}

bool PagedListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_announcing && m_fetched < totalRows();
}

void PagedListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetchTo(m_fetched + m_pageSize);
}

void PagedListModel::ensureFetched(int row)
{
    if (row >= m_fetched) // whole pages, so the rows right after it are there too
        fetchTo((row / m_pageSize + 1) * m_pageSize);
}

void PagedListModel::resetRows(const std::function<void()> &change)
{
    m_announcing = true;
    beginResetModel();
    change();
    m_fetched = std::min(totalRows(), m_pageSize);
    endResetModel();
    m_announcing = false;
}

void PagedListModel::fetchTo(int rows)
{
    const int target = std::min(rows, totalRows());
    if (target <= m_fetched)
        return;
    // Only the row count grows: a row's data is read when a view asks for it.
    m_announcing = true;
    beginInsertRows({}, m_fetched, target - 1);
    m_fetched = target;
    endInsertRows();
    m_announcing = false;
}

} // namespace concord::ui
