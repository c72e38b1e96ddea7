// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/models/pagedlistmodel.h"

#include <functional>
#include <optional>
#include <vector>

namespace concord::ui {

/// The adjudication queue as a list model (lead-only): one row per conflict, in the order the
/// page computed. Rows are exposed a page at a time (canFetchMore()/fetchMore(), issue #10), so
/// a queue of tens of thousands of conflicts does not lay out every row; ensureFetched() brings
/// in the rows up to one the page must show (after an undo, the next undecided conflict).
/// The entries themselves come whole from the page's worker, which reads every conflict's
/// labels and runs the clusters engine to order them: the rows shown are paged, the
/// computation is not.
class AdjudicationQueueModel final : public PagedListModel
{
    Q_OBJECT

public:
    enum Role
    {
        ImageIdRole = Qt::UserRole, ///< qint64
        DecidedRole,                ///< bool: the conflict has a decision
    };

    struct Entry
    {
        core::Id image = 0;
        QString path;
        int cluster = 0; ///< rank of the best disagreement cluster holding it (1 = top), 0 = none
        QString dispute; ///< "ok ↔ scratch"
        double agreement = 0.0;
        std::optional<core::Decision> decision;
    };

    /// Rows made available to views per fetchMore().
    static constexpr int kPageSize = 256;

    /// `className` names a class id for the decided rows ("✓ scratch — …").
    explicit AdjudicationQueueModel(std::function<QString(std::optional<core::Id>)> className,
                                    QObject *parent = nullptr);

    void setEntries(std::vector<Entry> entries);
    /// Every entry, fetched as rows or not.
    const std::vector<Entry> &entries() const { return m_entries; }
    /// Index of the image's entry (fetched or not), or -1.
    int rowOf(core::Id image) const;
    void setDecision(int row, std::optional<core::Decision> decision);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    int totalRows() const override { return static_cast<int>(m_entries.size()); }

private:
    std::function<QString(std::optional<core::Id>)> m_className;
    std::vector<Entry> m_entries;
};

} // namespace concord::ui
