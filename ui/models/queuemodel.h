// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>

namespace concord::ui {

class ProjectDocument;

/// The session labeler's queue: one row per assigned image, showing only what this labeler
/// did with it (their own class, or skipped). Nothing about other labelers (blind).
///
/// Rows arrive a page at a time (canFetchMore()/fetchMore(), issue #10): a queue of 10^5
/// images starts with one page, the view asks for more as it scrolls, and ensureFetched()
/// brings in the rows up to one the view must show (the first unlabeled image far down, an
/// image revealed by undo). Each row's data is read through the document's page cache.
class QueueModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        ImageIdRole = Qt::UserRole + 1, ///< qint64
        LabelClassRole,                 ///< qint64 of the labeler's class, invalid when none
        StateRole,                      ///< "done", "pending" or "skipped"
    };

    explicit QueueModel(ProjectDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    /// Makes rows up to `row` available (row < the queue's size), for a view that must show it.
    void ensureFetched(int row);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void imageChanged(qint64 image);

    void fetchTo(int rows);

    ProjectDocument *m_document;
    int m_fetched = 0; ///< rows made available so far
    /// From begin to end of a reset or an insertion: a fetchMore() from a slot of their signals
    /// (views, QAbstractItemModelTester) would insert rows while the change is being announced.
    bool m_announcing = false;
};

} // namespace concord::ui
