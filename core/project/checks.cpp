// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/checks.h"

#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/project/project_ops.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

namespace concord::core {

namespace {

/// round(share · n), the number of checks a queue of n assignments should hold.
std::int64_t wantedChecks(double share, std::size_t n)
{
    return static_cast<std::int64_t>(std::llround(share * static_cast<double>(n)));
}

CheckSchedule scheduleFor(Store &store, const Labeler &labeler, const ProjectSettings &settings,
                          const std::vector<GoldLabel> &gold, std::mt19937_64 &rng)
{
    CheckSchedule added;
    std::vector<QueueEntry> assignments;
    std::int64_t frontier = -1; // index in `assignments` of the last row answered or skipped
    std::int64_t repeats = 0;
    std::int64_t golds = 0;
    std::set<Id> repeated;
    std::set<Id> goldShown;
    for (auto &e : store.queue(labeler.id)) {
        if (e.checkItem) {
            const auto c = store.checkItem(*e.checkItem);
            if (c && c->kind == CheckKind::Repeat) {
                ++repeats;
                repeated.insert(c->image);
            } else if (c) {
                ++golds;
                goldShown.insert(c->image);
            }
            if (e.myLabelClass || e.state != AssignmentState::Pending)
                frontier = static_cast<std::int64_t>(assignments.size()) - 1;
            continue;
        }
        if (e.myLabelClass || e.state != AssignmentState::Pending)
            frontier = static_cast<std::int64_t>(assignments.size());
        assignments.push_back(std::move(e));
    }
    const auto n = static_cast<std::int64_t>(assignments.size());
    if (n == 0)
        return added;
    auto placeAfter = [&](std::int64_t index, Id image, CheckKind kind) {
        const QueueEntry &after = assignments[static_cast<std::size_t>(index)];
        CheckItem c;
        c.image = image;
        c.labeler = labeler.id;
        c.kind = kind;
        c.round = after.round;
        c.position = after.position;
        store.addCheckItem(c);
    };

    // Repeats: candidates in a seeded order; each gets the first spot at least repeatGap rows on.
    const std::int64_t gap = settings.repeatGap;
    std::int64_t wanted = wantedChecks(settings.repeatShare, assignments.size()) - repeats;
    std::vector<std::int64_t> candidates;
    for (std::int64_t i = 0; i + gap < n; ++i)
        if (!repeated.count(assignments[static_cast<std::size_t>(i)].image))
            candidates.push_back(i);
    std::shuffle(candidates.begin(), candidates.end(), rng);
    for (const std::int64_t i : candidates) {
        if (wanted <= 0)
            break;
        const std::int64_t jitter = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(gap / 2 + 1));
        const std::int64_t spaced = i + gap + jitter;
        if (spaced >= n)
            continue;
        // Past everything answered; when the labeler has answered their whole queue, at its end.
        const std::int64_t t = std::min(std::max(spaced, frontier + 1), n - 1);
        placeAfter(t, assignments[static_cast<std::size_t>(i)].image, CheckKind::Repeat);
        ++added.repeats;
        --wanted;
    }

    // Gold: images with a gold class the labeler was never given, each after a random
    // assignment beyond the frontier.
    std::set<Id> mine;
    for (const auto &e : assignments)
        mine.insert(e.image);
    std::vector<Id> pool;
    for (const auto &g : gold)
        if (!mine.count(g.image) && !goldShown.count(g.image))
            pool.push_back(g.image);
    std::shuffle(pool.begin(), pool.end(), rng);
    std::int64_t wantedGold = wantedChecks(settings.goldShare, assignments.size()) - golds;
    const std::int64_t room = n - (frontier + 1);
    for (const Id image : pool) {
        if (wantedGold <= 0 || room <= 0)
            break;
        const std::int64_t t = frontier + 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(room));
        placeAfter(t, image, CheckKind::Gold);
        ++added.gold;
        --wantedGold;
    }
    return added;
}

} // namespace

CheckSchedule scheduleChecks(Store &store, std::uint64_t seed, std::optional<Id> only, const std::string &actor)
{
    CheckSchedule total;
    store.transaction([&] {
        total = {};
        const ProjectSettings settings = store.settings();
        if (settings.repeatShare <= 0.0 && settings.goldShare <= 0.0)
            return;
        const auto gold = store.goldLabels();
        for (const auto &l : store.labelers()) {
            if (l.role != Role::Labeler || (only && *only != l.id))
                continue;
            std::mt19937_64 rng(seed ^ (static_cast<std::uint64_t>(l.id) * 0x9E3779B97F4A7C15ULL));
            const CheckSchedule one = scheduleFor(store, l, settings, gold, rng);
            total.repeats += one.repeats;
            total.gold += one.gold;
        }
        if (total.repeats + total.gold > 0)
            store.appendAudit(actor, "checks.schedule",
                              nlohmann::json{{"repeats", total.repeats}, {"gold", total.gold}}.dump());
    });
    return total;
}

void answerCheck(Store &store, Id item, Id labelClass, const std::vector<Annotation> &annotations)
{
    const auto classes = store.classes();
    if (std::none_of(classes.begin(), classes.end(), [&](const LabelClass &c) { return c.id == labelClass; }))
        throw Error(ErrorCode::Invalid, "no class with id " + std::to_string(labelClass), {}, 0, "class");
    store.transaction([&] {
        if (!store.checkItem(item))
            throw Error(ErrorCode::NotFound, "no check item " + std::to_string(item), {}, 0, "check_item");
        store.answerCheckItem(item, labelClass, AssignmentState::Done);
        store.replaceCheckAnnotations(item, annotations);
    });
}

std::int64_t markDecisionsGold(Store &store, const std::vector<Id> &images, const std::string &actor)
{
    std::int64_t set = 0;
    store.transaction([&] {
        set = 0;
        std::vector<Decision> decided;
        if (images.empty()) {
            for (auto &d : store.decisions())
                if (d.labelClass && d.method != DecisionMethod::Excluded)
                    decided.push_back(std::move(d));
        } else {
            for (const Id image : images) {
                auto d = store.decision(image);
                if (!d)
                    throw Error(ErrorCode::NotFound, "image " + std::to_string(image) + " has no decision", {}, 0,
                                "image");
                if (!d->labelClass || d->method == DecisionMethod::Excluded)
                    throw Error(ErrorCode::Invalid, "image " + std::to_string(image) + " was excluded, not decided", {},
                                0, "image");
                decided.push_back(std::move(*d));
            }
        }
        for (const auto &d : decided) {
            store.setGold({d.image, *d.labelClass, "decision", {}});
            ++set;
        }
        store.appendAudit(actor, "gold.mark", nlohmann::json{{"images", set}}.dump());
    });
    return set;
}

std::int64_t importGoldCsv(Store &store, const std::filesystem::path &csv, const std::string &actor)
{
    const CsvTable table = CsvTable::readFile(csv.string());
    const auto imageCol = static_cast<std::size_t>(table.requireColumn("image"));
    const auto classCol = static_cast<std::size_t>(table.requireColumn("class"));
    std::vector<GoldLabel> rows;
    std::map<Id, std::int64_t> lineOf;
    for (const auto &row : table.rows()) {
        GoldLabel g;
        g.source = "import";
        try {
            g.image = findImage(store, row.cells[imageCol]).id;
        } catch (const Error &e) {
            throw Error(e.code(), e.detail() + " ('" + row.cells[imageCol] + "')", csv.string(), row.line, "image");
        }
        try {
            g.labelClass = findClass(store, std::string(trim(row.cells[classCol]))).id;
        } catch (const Error &e) {
            throw Error(e.code(), e.detail(), csv.string(), row.line, "class");
        }
        if (const auto [it, fresh] = lineOf.emplace(g.image, row.line); !fresh)
            throw Error(ErrorCode::Invalid, "duplicate row: the image is also on line " + std::to_string(it->second),
                        csv.string(), row.line, "image");
        rows.push_back(std::move(g));
    }
    store.transaction([&] {
        for (const auto &g : rows)
            store.setGold(g);
        store.appendAudit(actor, "gold.import",
                          nlohmann::json{{"file", csv.filename().string()}, {"images", rows.size()}}.dump());
    });
    return static_cast<std::int64_t>(rows.size());
}

} // namespace concord::core
