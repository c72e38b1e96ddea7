// SPDX-License-Identifier: GPL-3.0-or-later
// The queue arithmetic both backends share (Store::queueRowsOf, checkItemRow,
// unlabeledQueueRows, queueSearch): each backend only counts and lists keys in its own SQL.
#include "core/store/store.h"

#include <algorithm>
#include <string_view>

namespace concord::core {

namespace {

char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

bool QueueFilter::matches(const QueueEntry &entry, std::int64_t row) const
{
    const bool answered = isAnswered(entry);
    const bool skipped = entry.state == AssignmentState::Skipped;
    switch (status) {
    case Status::Any: break;
    case Status::Unlabeled:
        if (answered || skipped)
            return false;
        break;
    case Status::Skipped:
        if (answered || !skipped)
            return false;
        break;
    case Status::Relabel:
        if (entry.round == 0)
            return false;
        break;
    case Status::Labeled:
        if (!answered)
            return false;
        break;
    }
    if (answer && (!answered || entry.myLabelClass != answer))
        return false;
    if (nameContains.empty() && !number)
        return true;
    if (number && row + 1 == *number)
        return true;
    if (nameContains.empty())
        return false;
    // The file name as shownImageName() shows it: the path's last part.
    const auto slash = entry.path.find_last_of("/\\");
    const std::string_view name =
        slash == std::string::npos ? std::string_view(entry.path) : std::string_view(entry.path).substr(slash + 1);
    const auto same = [](char a, char b) { return lowerAscii(a) == lowerAscii(b); };
    return std::search(name.begin(), name.end(), nameContains.begin(), nameContains.end(), same) != name.end();
}

std::vector<QueueRow> Store::queueSearch(Id labeler, const QueueFilter &filter) const
{
    std::vector<QueueRow> rows;
    const auto take = [&](const QueueEntry &e, std::int64_t row) {
        if (filter.matches(e, row))
            rows.push_back(QueueRow{row, e.image, e.checkItem});
    };
    if (filter.nameContains.empty() && filter.number) {
        if (*filter.number >= 1)
            for (const QueueEntry &e : queue(labeler, *filter.number - 1, 1))
                take(e, *filter.number - 1);
        return rows;
    }
    // The whole queue in one read: paging by OFFSET would step over the rows before each page
    // again. The backends read it in index order (no sort); about 10 MB for 10^5 rows, briefly.
    const std::vector<QueueEntry> entries = queue(labeler);
    for (std::size_t i = 0; i < entries.size(); ++i)
        take(entries[i], static_cast<std::int64_t>(i));
    return rows;
}

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
