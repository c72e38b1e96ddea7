// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>

#include <vector>

namespace concord::ui {

class ProjectDocument;

/// The rows of the session labeler's queue that a search shows (issue #19: search and filter
/// the queue), in queue order. It holds only their queue row numbers; every row shows what
/// the whole queue's row shows (QueueModel::rowData), so a found image looks the same as in
/// the queue and follows its changes. The list stays as it was searched while the labeler
/// works through it (an image labeled under "Unlabeled" stays, shown as labeled), until the
/// search is run again.
class QueueSearchModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit QueueSearchModel(ProjectDocument *document, QObject *parent = nullptr);

    void setRows(std::vector<int> queueRows);
    const std::vector<int> &rows() const { return m_rows; }
    /// The list position of a queue row, or -1 when the search does not show it.
    int positionOf(int queueRow) const;
    /// The first shown queue row after (before) `queueRow`, whether `queueRow` is shown or not;
    /// -1 when none.
    int rowAfter(int queueRow) const;
    int rowBefore(int queueRow) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void imageChanged(qint64 image);

    ProjectDocument *m_document;
    std::vector<int> m_rows; ///< ascending queue rows
};

} // namespace concord::ui
