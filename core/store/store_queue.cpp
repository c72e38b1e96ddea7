// SPDX-License-Identifier: GPL-3.0-or-later
// The queue arithmetic both backends share (Store::queueRowsOf, checkItemRow,
// unlabeledQueueRows): each backend only counts and lists keys in its own SQL.
#include "core/store/store.h"

#include <algorithm>

namespace concord::core {

std::vector<std::int64_t> Store::queueRowsOf(Id labeler, Id image) const
{
    std::vector<std::int64_t> rows;
    for (const QueueKey &k : assignmentKeys(labeler, image))
        rows.push_back(queueRowIndex(labeler, k));
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::optional<std::int64_t> Store::checkItemRow(Id labeler, Id item) const
{
    const auto c = checkItem(item);
    if (!c || c->labeler != labeler)
        return std::nullopt;
    return queueRowIndex(labeler, QueueKey{c->round, c->position, 1, c->id, c->image});
}

std::vector<QueueRow> Store::unlabeledQueueRows(Id labeler, bool skipped, std::int64_t limit) const
{
    std::vector<QueueRow> rows;
    for (const QueueKey &k : unlabeledQueueKeys(labeler, skipped, limit))
        rows.push_back(QueueRow{queueRowIndex(labeler, k), k.image, k.check ? std::optional<Id>(k.key) : std::nullopt});
    return rows;
}

} // namespace concord::core
