// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/adjudication/conflictqueue.h"

#include "core/agreement/consensus.h"
#include "core/agreement/itemagreement.h"
#include "core/agreement/itemcounts.h"
#include "core/agreement/ratingtable.h"
#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/standards/rule.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace concord::core {

ImageVote voteOf(const std::vector<Label> &labels)
{
    ImageVote vote;
    vote.labels = static_cast<std::int32_t>(labels.size());
    std::set<Id> classes;
    RatingTable table;
    for (const auto &l : labels) {
        classes.insert(l.labelClass);
        table.add("image", std::to_string(l.labeler), std::to_string(l.labelClass));
    }
    vote.classes.assign(classes.begin(), classes.end());
    if (labels.empty())
        return vote;
    const ItemCounts counts(table);
    const double pi = itemAgreement(counts).front().agreement;
    vote.agreement = std::isnan(pi) ? 1.0 : pi;
    const std::int32_t winner = majorityVote(counts).label.front();
    if (winner >= 0)
        vote.majority = std::stoll(table.classNames()[static_cast<std::size_t>(winner)]);
    return vote;
}

std::vector<Standard> activeStandardsNewestFirst(const Store &store)
{
    std::vector<Standard> out;
    for (auto &s : store.standards())
        if (s.status == StandardStatus::Active)
            out.push_back(std::move(s));
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.id > b.id; });
    return out;
}

std::optional<Standard> citedStandard(const std::vector<Standard> &active, const std::set<std::string> &inDispute)
{
    for (const auto &s : active) {
        if (s.rule.empty())
            continue;
        try {
            std::set<std::string> named;
            for (const auto &n : parseRule(s.rule).classes())
                named.insert(n.text);
            if (std::includes(named.begin(), named.end(), inDispute.begin(), inDispute.end()))
                return s;
        } catch (const std::exception &) {
            // A rule that no longer parses cites nothing.
        }
    }
    return std::nullopt;
}

namespace {

std::map<Id, std::string> classNamesById(const Store &store)
{
    std::map<Id, std::string> names;
    for (const auto &c : store.classes())
        names[c.id] = c.name;
    return names;
}

} // namespace

std::optional<Standard> citedStandard(const Store &store, Id image)
{
    const auto names = classNamesById(store);
    std::set<std::string> inDispute;
    for (const auto &l : store.labelsOfImage(image))
        if (const auto it = names.find(l.labelClass); it != names.end())
            inDispute.insert(it->second);
    return citedStandard(activeStandardsNewestFirst(store), inDispute);
}

std::vector<ConflictEntry> conflictQueue(const Store &store)
{
    const auto names = classNamesById(store);
    const auto active = activeStandardsNewestFirst(store);
    std::vector<ConflictEntry> entries;
    std::map<std::string, int> groupSize;
    for (const Id id : store.conflictImages()) {
        ConflictEntry e;
        e.image = id;
        if (const auto rec = store.image(id)) {
            e.path = rec->path;
            e.resolvedPath = store.resolveImagePath(*rec).string();
        }
        e.vote = voteOf(store.labelsOfImage(id));
        std::set<std::string> inDispute;
        for (const Id c : e.vote.classes) {
            const auto it = names.find(c);
            e.classNames.push_back(it != names.end() ? it->second : std::to_string(c));
            if (it != names.end())
                inDispute.insert(it->second);
            e.dispute += (e.dispute.empty() ? "" : " \u2194 ") + e.classNames.back();
        }
        if (const auto s = citedStandard(active, inDispute))
            e.citedStandard = s->id;
        ++groupSize[e.dispute];
        entries.push_back(std::move(e));
    }
    // The engine's ranking, as the clusters page lists it; with several clusters holding an
    // image, the best-ranked one counts.
    const auto input = clusterInputFromStore(store);
    const auto clusters = findClusters(input);
    std::map<Id, int> rankOf;
    for (std::size_t r = clusters.clusters.size(); r-- > 0;)
        for (const std::size_t member : clusters.clusters[r].members)
            rankOf[input.items[member].image] = static_cast<int>(r);
    for (auto &e : entries)
        if (const auto it = rankOf.find(e.image); it != rankOf.end())
            e.cluster = it->second + 1;
    std::stable_sort(entries.begin(), entries.end(), [&](const ConflictEntry &a, const ConflictEntry &b) {
        if (a.cluster != b.cluster)
            return a.cluster != 0 && (b.cluster == 0 || a.cluster < b.cluster);
        if (a.dispute != b.dispute) {
            const int sa = groupSize[a.dispute], sb = groupSize[b.dispute];
            return sa != sb ? sa > sb : a.dispute < b.dispute;
        }
        if (a.vote.agreement != b.vote.agreement)
            return a.vote.agreement < b.vote.agreement;
        return a.image < b.image;
    });
    return entries;
}

} // namespace concord::core
