// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/project_settings.h"

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/project/classkeys.h"
#include "core/project/project_ops.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace concord::core {

namespace {

bool isColor(const std::string &c)
{
    return c.size() == 7 && c[0] == '#' &&
           std::all_of(c.begin() + 1, c.end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); });
}

} // namespace

void checkClassChange(const Store &store, const LabelClass &changed)
{
    const auto classes = store.classes();
    if (changed.id != 0 &&
        std::none_of(classes.begin(), classes.end(), [&](const LabelClass &c) { return c.id == changed.id; }))
        throw Error(ErrorCode::NotFound, "the project has no class of this id", {}, 0, std::to_string(changed.id));
    if (changed.name.empty())
        throw Error(ErrorCode::Invalid, "a class needs a name", {}, 0, "name");
    checkName(changed.name, "class name", {}, 0, "name");
    if (!isColor(changed.color))
        throw Error(ErrorCode::Invalid, "a class colour is written #rrggbb, not '" + changed.color + "'", {}, 0,
                    "color");
    // A key the class has already passes as it is: a project keyed before the grammar existed
    // ("10") may still rename the class.
    const auto stored =
        std::find_if(classes.begin(), classes.end(), [&](const LabelClass &c) { return c.id == changed.id; });
    const bool keyKept = changed.id != 0 && stored != classes.end() && stored->shortcut == changed.shortcut;
    const std::string key = keyKept ? changed.shortcut : checkedClassKey(changed.shortcut, changed.name, "shortcut");
    for (const LabelClass &c : classes) {
        if (c.id == changed.id)
            continue;
        if (c.name == changed.name)
            throw Error(ErrorCode::Invalid, "another class is called '" + changed.name + "' already", {}, 0, "name");
        if (!key.empty() && (c.shortcut == key || canonicalClassKey(c.shortcut) == key))
            throw Error(ErrorCode::Invalid, "key " + key + " is the key of class '" + c.name + "' already", {}, 0,
                        "shortcut");
    }
}

LabelClass addProjectClass(Store &store, LabelClass cls, const std::string &actor)
{
    LabelClass added;
    store.transaction([&] {
        const auto classes = store.classes();
        LabelClass c = cls;
        c.id = 0;
        if (c.color.empty())
            c.color = defaultClassColor(classes.size());
        c.shortcut = c.shortcut.empty() ? firstFreeClassKey(classes) : checkedClassKey(c.shortcut, c.name, "shortcut");
        int order = 0;
        for (const auto &o : classes)
            order = std::max(order, o.order + 1);
        c.order = order;
        checkClassChange(store, c);
        c.id = store.addClass(c);
        store.appendAudit(
            actor, "class.add",
            nlohmann::json{{"class", c.id}, {"name", c.name}, {"color", c.color}, {"key", c.shortcut}}.dump());
        added = c;
    });
    return added;
}

void changeClass(Store &store, const LabelClass &changed, const std::string &actor)
{
    if (changed.id == 0)
        throw Error(ErrorCode::Invalid, "which class to change is not given", {}, 0, "class");
    store.transaction([&] {
        checkClassChange(store, changed);
        const auto classes = store.classes();
        const auto before =
            std::find_if(classes.begin(), classes.end(), [&](const LabelClass &c) { return c.id == changed.id; });
        LabelClass stored = changed;
        if (stored.shortcut != before->shortcut)
            stored.shortcut = *canonicalClassKey(stored.shortcut); // "s" is kept as "S"
        store.updateClass(stored);
        store.appendAudit(
            actor, "class.change",
            nlohmann::json{{"class", changed.id},
                           {"from", {{"name", before->name}, {"color", before->color}, {"key", before->shortcut}}},
                           {"to", {{"name", stored.name}, {"color", stored.color}, {"key", stored.shortcut}}}}
                .dump());
    });
}

void reorderClasses(Store &store, const std::vector<Id> &ids, const std::string &actor)
{
    store.transaction([&] {
        auto classes = store.classes();
        const std::set<Id> given(ids.begin(), ids.end());
        std::set<Id> have;
        for (const auto &c : classes)
            have.insert(c.id);
        if (given != have || ids.size() != classes.size())
            throw Error(ErrorCode::Invalid, "the new order must name every class of the project once", {}, 0, "order");
        for (std::size_t i = 0; i < ids.size(); ++i) {
            auto c = std::find_if(classes.begin(), classes.end(), [&](const LabelClass &x) { return x.id == ids[i]; });
            if (c->order != static_cast<int>(i)) {
                c->order = static_cast<int>(i);
                store.updateClass(*c);
            }
        }
        store.appendAudit(actor, "class.order", nlohmann::json{{"classes", ids}}.dump());
    });
}

void setOverlap(Store &store, int overlap, const std::string &actor)
{
    if (overlap < 1 || overlap > kMaxOverlap)
        throw Error(ErrorCode::Invalid,
                    "the overlap k (labels wanted per image) must be between 1 and " + std::to_string(kMaxOverlap), {},
                    0, "overlap");
    store.transaction([&] {
        ProjectSettings s = store.settings();
        const int before = s.overlap;
        s.overlap = overlap;
        store.setSettings(s);
        store.appendAudit(actor, "settings.overlap", nlohmann::json{{"from", before}, {"to", overlap}}.dump());
    });
}

void setCalibration(Store &store, double pxPerMm, const std::string &actor)
{
    checkCalibration(pxPerMm, "px_per_mm");
    store.transaction([&] {
        ProjectSettings s = store.settings();
        const double before = s.pxPerMm;
        s.pxPerMm = pxPerMm;
        store.setSettings(s);
        store.appendAudit(actor, "settings.calibration", nlohmann::json{{"from", before}, {"to", pxPerMm}}.dump());
    });
}

AddedLabeler addLabelerWithQueue(Store &store, const std::string &name, Role role, const std::string &actor)
{
    checkName(name, "labeler name", {}, 0, "labeler");
    AddedLabeler added;
    store.transaction([&] {
        if (store.labelerByName(name))
            throw Error(ErrorCode::Invalid, "someone in the project is called '" + name + "' already", {}, 0,
                        "labeler");
        added.labeler = ensureLabeler(store, name, role);
        added.queued = ensureQueue(store, added.labeler);
        store.appendAudit(actor, "labeler.add",
                          nlohmann::json{{"labeler", added.labeler.id},
                                         {"name", name},
                                         {"role", role == Role::Lead ? "lead" : "labeler"},
                                         {"queued", added.queued}}
                              .dump());
    });
    return added;
}

std::vector<LabelerWorkload> labelerWorkloads(const Store &store)
{
    std::vector<LabelerWorkload> rows;
    for (const Labeler &l : store.labelers())
        rows.push_back({l, store.queueSize(l.id), store.queueLabeledCount(l.id)});
    return rows;
}

} // namespace concord::core
