// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/project_ops.h"

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/project/checks.h"
#include "core/project/classkeys.h"
#include "core/store/pg_store.h"
#include "core/store/server.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace concord::core {

std::string defaultClassColor(std::size_t index)
{
    // Colour-blind safe: Okabe & Ito's eight (2008), then Paul Tol's "muted" nine and three of
    // his "light" scheme (SRON/EPS/TN/09-002). The closest two of these 20 differ by
    // CIE76 ΔE 14.4 (#56b4e9 and #88ccee); the light colours too close to another were left out.
    static constexpr std::array<const char *, kDistinctClassColors> kColors{
        "#009e73", "#d55e00", "#0072b2", "#e69f00", "#cc79a7", "#56b4e9", "#f0e442", "#000000", "#cc6677", "#332288",
        "#ddcc77", "#117733", "#88ccee", "#882255", "#44aa99", "#999933", "#aa4499", "#ee8866", "#ffaabb", "#aaaa00"};
    return kColors[index % kColors.size()];
}

std::unique_ptr<Store> initProject(const std::string &location, const ProjectSettings &settings,
                                   const std::vector<std::string> &classNames)
{
    std::vector<LabelClass> classes;
    for (std::size_t i = 0; i < classNames.size(); ++i) {
        LabelClass c;
        c.name = classNames[i];
        c.color = defaultClassColor(i);
        c.shortcut = i < defaultClassKeys().size() ? defaultClassKeys()[i] : std::string();
        classes.push_back(std::move(c));
    }
    return initProjectWithClasses(location, settings, std::move(classes));
}

void checkProjectClasses(std::vector<LabelClass> &classes)
{
    if (classes.empty())
        throw Error(ErrorCode::Invalid, "a project needs at least one class", {}, 0, "classes");
    std::set<std::string> seen, keys;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        LabelClass &c = classes[i];
        if (c.name.empty())
            throw Error(ErrorCode::Invalid, "a class name is empty", {}, 0, "classes");
        checkName(c.name, "class name", {}, 0, "classes");
        if (!seen.insert(c.name).second)
            throw Error(ErrorCode::Invalid, "class '" + c.name + "' is listed twice", {}, 0, "classes");
        c.shortcut = checkedClassKey(c.shortcut, c.name, "classes");
        if (!c.shortcut.empty() && !keys.insert(c.shortcut).second)
            throw Error(ErrorCode::Invalid, "shortcut '" + c.shortcut + "' is given to two classes", {}, 0, "classes");
        if (c.color.empty())
            c.color = defaultClassColor(i);
        c.id = 0;
        c.order = static_cast<int>(i);
    }
}

std::unique_ptr<Store> initProjectWithClasses(const std::string &location, const ProjectSettings &settings,
                                              std::vector<LabelClass> classes)
{
    if (!settings.name.empty())
        checkName(settings.name, "the project name", {}, 0, "name");
    checkCalibration(settings.pxPerMm, "px-per-mm");
    checkProjectClasses(classes);
    // Validate everything before the project is created, so a bad request leaves nothing behind.
    const bool server = isServerLocation(location);
    auto store = server ? createServerProject(location, settings) : createProject(location, settings);
    try {
        store->transaction([&] {
            for (const LabelClass &c : classes)
                store->addClass(c);
        });
    } catch (...) {
        store.reset();
        if (!server) {
            std::error_code ec;
            std::filesystem::remove(location, ec);
        }
        throw;
    }
    return store;
}

void checkCalibration(double pxPerMm, const std::string &field)
{
    if (!std::isfinite(pxPerMm) || pxPerMm < 0)
        throw Error(ErrorCode::Invalid, "the calibration must be a finite number of pixels per millimetre, 0 or more",
                    {}, 0, field);
}

ImageRecord findImage(const Store &store, const std::string &ref)
{
    std::string norm = ref;
    std::replace(norm.begin(), norm.end(), '\\', '/');
    while (norm.rfind("./", 0) == 0)
        norm.erase(0, 2);
    if (auto byPath = store.imageByPath(norm))
        return *byPath;
    const auto slash = norm.find_last_of('/');
    const std::string name = slash == std::string::npos ? norm : norm.substr(slash + 1);
    auto matches = store.imagesByFileName(name);
    if (matches.size() == 1)
        return matches.front();
    if (matches.empty())
        throw Error(ErrorCode::NotFound, "no image with this path or file name in the project", {}, 0, ref);
    std::string list;
    for (std::size_t i = 0; i < matches.size() && i < 5; ++i)
        list += (i ? ", " : "") + matches[i].path;
    throw Error(ErrorCode::Invalid,
                "file name is ambiguous, give the relative path (" + std::to_string(matches.size()) +
                    " images: " + list + (matches.size() > 5 ? ", ..." : "") + ")",
                {}, 0, ref);
}

LabelClass findClass(const Store &store, const std::string &name)
{
    if (auto c = store.classByName(name))
        return *c;
    std::string list;
    for (const auto &c : store.classes())
        list += (list.empty() ? "" : ", ") + c.name;
    throw Error(ErrorCode::NotFound, "unknown class (the project's classes are: " + list + ")", {}, 0, name);
}

Labeler ensureLabeler(Store &store, const std::string &name, Role role)
{
    if (auto l = store.labelerByName(name))
        return *l;
    checkName(name, "labeler name", {}, 0, "labeler");
    const Id id = store.addLabeler(name, role);
    return Labeler{id, name, role};
}

std::optional<Standard> standardInForce(const Store &store)
{
    std::optional<Standard> best;
    for (const auto &s : store.standards())
        if (s.status == StandardStatus::Active && (!best || s.id > best->id))
            best = s;
    return best;
}

Id saveLabel(Store &store, Id image, Id labeler, Id labelClass, const std::vector<Annotation> &annotations,
             LabelSource source)
{
    // On a server the same save is one round trip instead of nine (issue #18, "Speed").
    if (auto *server = dynamic_cast<PgStore *>(&store))
        return server->saveLabel(image, labeler, labelClass, annotations, source);
    Id id = 0;
    store.transaction([&] {
        Label l;
        l.image = image;
        l.labeler = labeler;
        l.labelClass = labelClass;
        l.source = source;
        l.round = store.assignmentRound(image, labeler).value_or(0);
        if (auto s = standardInForce(store))
            l.standard = s->id;
        if (auto old = store.label(image, labeler))
            l.createdAt = old->createdAt;
        id = store.setLabel(l);
        store.replaceAnnotations(id, annotations);
        store.markAssignmentsDone(image, labeler);
    });
    return id;
}

ProjectSummary summarize(const Store &store)
{
    ProjectSummary s;
    s.settings = store.settings();
    s.images = store.imageCount();
    s.labels = store.labelCount();
    s.decisions = static_cast<std::int64_t>(store.decisions().size());
    s.standards = static_cast<std::int64_t>(store.standards().size());
    s.schemaVersion = store.schemaVersion();
    std::unordered_map<Id, std::int64_t> perClass;
    std::unordered_map<Id, std::int64_t> perLabeler;
    for (const auto &row : store.labelRows()) {
        ++perClass[row.label.labelClass];
        ++perLabeler[row.label.labeler];
    }
    for (const auto &c : store.classes())
        s.classes.push_back({c, perClass[c.id]});
    for (const auto &l : store.labelers())
        s.labelers.push_back({l, perLabeler[l.id], store.queueSize(l.id)});
    return s;
}

namespace {

struct AssignmentState2
{
    std::vector<Labeler> labelers;
    std::unordered_map<Id, std::unordered_set<Id>> byImage; // image -> labelers
    std::unordered_map<Id, std::int64_t> load;              // labeler -> assignments
    std::unordered_map<Id, int> nextPosition;               // labeler -> next queue slot
};

AssignmentState2 loadAssignments(const Store &store)
{
    AssignmentState2 st;
    for (const auto &l : store.labelers())
        if (l.role == Role::Labeler)
            st.labelers.push_back(l);
    for (const auto &l : store.labelers()) {
        for (const auto &q : store.queue(l.id)) {
            st.nextPosition[l.id] = std::max(st.nextPosition[l.id], q.position + 1);
            if (q.checkItem)
                continue; // a repeat or gold check is no assignment of its image
            st.byImage[q.image].insert(l.id);
            ++st.load[l.id];
            st.nextPosition[l.id] = std::max(st.nextPosition[l.id], q.position + 1);
        }
    }
    return st;
}

} // namespace

std::int64_t assignImages(Store &store, int overlap, std::uint64_t seed, int round)
{
    if (overlap < 1)
        throw Error(ErrorCode::Invalid, "labels per image must be at least 1", {}, 0, "overlap");
    std::int64_t added = 0;
    store.transaction([&] {
        added = 0;
        auto st = loadAssignments(store);
        if (st.labelers.empty())
            return;
        if (static_cast<std::size_t>(overlap) > st.labelers.size())
            throw Error(ErrorCode::Invalid,
                        "labels per image (" + std::to_string(overlap) + ") exceeds the number of labelers (" +
                            std::to_string(st.labelers.size()) + ")",
                        {}, 0, "overlap");
        std::mt19937_64 rng(seed);
        auto images = store.images();
        std::shuffle(images.begin(), images.end(), rng);
        std::map<Id, std::vector<Id>> fresh; // labeler -> new images
        for (const auto &img : images) {
            auto &have = st.byImage[img.id];
            int need = overlap - static_cast<int>(have.size());
            if (need <= 0)
                continue;
            std::vector<std::pair<std::pair<std::int64_t, std::uint64_t>, Id>> candidates;
            for (const auto &l : st.labelers)
                if (!have.count(l.id))
                    candidates.push_back({{st.load[l.id], rng()}, l.id});
            std::sort(candidates.begin(), candidates.end());
            for (int k = 0; k < need && k < static_cast<int>(candidates.size()); ++k) {
                const Id lab = candidates[static_cast<std::size_t>(k)].second;
                have.insert(lab);
                ++st.load[lab];
                fresh[lab].push_back(img.id);
            }
        }
        for (auto &[lab, imgs] : fresh) {
            std::shuffle(imgs.begin(), imgs.end(), rng);
            for (Id img : imgs) {
                store.assign({img, lab, round, st.nextPosition[lab]++, AssignmentState::Pending});
                ++added;
            }
        }
        if (added > 0 && round == 0)
            scheduleChecks(store, seed);
    });
    return added;
}

std::int64_t ensureQueue(Store &store, const Labeler &labeler)
{
    if (labeler.role == Role::Lead || store.queueSize(labeler.id) > 0 || store.imageCount() == 0)
        return 0;
    return assignNewLabeler(store, labeler.id, std::max(1, store.settings().overlap), kJoinQueueSeed);
}

std::int64_t assignNewLabeler(Store &store, Id labeler, int overlap, std::uint64_t seed)
{
    std::int64_t total = 0;
    store.transaction([&] {
        auto st = loadAssignments(store);
        auto images = store.images();
        const std::size_t nLabelers = std::max<std::size_t>(st.labelers.size(), 1);
        const auto share =
            static_cast<std::int64_t>((images.size() * static_cast<std::size_t>(overlap) + nLabelers - 1) / nLabelers);
        std::mt19937_64 rng(seed ^ static_cast<std::uint64_t>(labeler));
        std::shuffle(images.begin(), images.end(), rng);
        std::stable_sort(images.begin(), images.end(), [&](const ImageRecord &a, const ImageRecord &b) {
            return st.byImage[a.id].size() < st.byImage[b.id].size();
        });
        std::int64_t have = st.load[labeler];
        std::vector<Id> picked;
        for (const auto &img : images) {
            if (have >= share)
                break;
            if (st.byImage[img.id].count(labeler))
                continue;
            picked.push_back(img.id);
            ++have;
        }
        // Images short of k first (already sorted), each group in shuffled order.
        for (Id img : picked)
            store.assign({img, labeler, store.maxRound(), st.nextPosition[labeler]++, AssignmentState::Pending});
        if (!picked.empty())
            scheduleChecks(store, seed, labeler);
        total = have;
    });
    return total;
}

} // namespace concord::core
