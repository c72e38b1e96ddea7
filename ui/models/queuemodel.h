// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/pagedlistmodel.h"

#include <string>

namespace concord::ui {

class ProjectDocument;

/// The session labeler's queue: one row per assigned image, showing only what this labeler
/// did with it (their own class, or skipped). Nothing about other labelers (blind), and no
/// file name when the project hides them from labelers (core::shownImageName): "Image 12".
///
/// Rows arrive a page at a time (canFetchMore()/fetchMore(), issue #10): a queue of 10^5
/// images starts with one page, the view asks for more as it scrolls, and ensureFetched()
/// brings in the rows up to one the view must show (the first unlabeled image far down, an
/// image revealed by undo). Each row's data is read through the document's page cache.
class QueueModel final : public PagedListModel
{
    Q_OBJECT

public:
    enum Role
    {
        ImageIdRole = Qt::UserRole + 1, ///< qint64
        LabelClassRole,                 ///< qint64 of the labeler's class, invalid when none
        StateRole,                      ///< "done", "pending" or "skipped"
        /// What is known of the image file, as int(core::ImageHealth): Unknown until it was
        /// decoded. The row shows a red icon for the ones that cannot be shown and an amber
        /// one for damaged ones.
        HealthRole,
        QueueRowRole, ///< int, the row's index in the queue (also in a search's list)
    };

    explicit QueueModel(ProjectDocument *document, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// What queue row `row` shows for `role`: the one description of a row, also for the rows
    /// a search of the queue shows (QueueSearchModel).
    static QVariant rowData(const ProjectDocument &document, int row, int role);
    /// The role names of rowData().
    static QHash<int, QByteArray> rowRoleNames();

protected:
    int totalRows() const override;

private:
    void imageChanged(qint64 image);

    ProjectDocument *m_document;
};

} // namespace concord::ui
