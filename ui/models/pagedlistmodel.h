// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>

#include <functional>

namespace concord::ui {

/// A list model whose rows are made available to views a page at a time (issue #10: a list of
/// 10^5 images must not be laid out, or read, whole). Views grow it through canFetchMore() /
/// fetchMore() as they scroll; ensureFetched() brings in the rows up to one a view must show
/// (a jump far down the list). Subclasses say how many rows there are in all (totalRows())
/// and read a row's data only when data() asks for it.
///
/// No rows are inserted while a reset or an insertion is being announced: a fetchMore() from
/// a slot of those signals (views, QAbstractItemModelTester) is ignored, and the view asks
/// again when it lays out.
class PagedListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit PagedListModel(int pageSize, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const final;
    bool canFetchMore(const QModelIndex &parent) const final;
    void fetchMore(const QModelIndex &parent) final;
    /// Makes rows up to `row` available, in whole pages (row < totalRows()).
    void ensureFetched(int row);
    int pageSize() const { return m_pageSize; }

protected:
    /// Rows there are in all, fetched or not.
    virtual int totalRows() const = 0;
    /// Resets the model around `change` (which may change totalRows()); one page is
    /// available after it.
    void resetRows(const std::function<void()> &change);

private:
    void fetchTo(int rows);

    int m_pageSize;
    int m_fetched = 0;
    bool m_announcing = false;
};

} // namespace concord::ui
