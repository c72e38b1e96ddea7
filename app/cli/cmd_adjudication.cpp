// SPDX-License-Identifier: GPL-3.0-or-later
// conflicts, adjudicate: the lead's adjudication loop, headless. The queue, its order, the
// majority and the cited standard are core/adjudication's, so this list is the window's.
#include "cli_common.h"

#include "core/adjudication/conflictqueue.h"
#include "core/adjudication/decisionlog.h"
#include "core/adjudication/objectqueue.h"
#include "core/common/error.h"
#include "core/common/numbertext.h"
#include "core/project/project_ops.h"

#include <cmath>
#include <iostream>
#include <map>

namespace concord::cli {

namespace {

std::map<core::Id, std::string> classNames(const core::Store &store)
{
    std::map<core::Id, std::string> names;
    for (const auto &c : store.classes())
        names[c.id] = c.name;
    return names;
}

std::string nameOf(const std::map<core::Id, std::string> &names, core::Id id)
{
    const auto it = names.find(id);
    return it != names.end() ? it->second : std::to_string(id);
}

std::string standardName(const core::Standard &s)
{
    return "#" + std::to_string(s.id) + " \"" + s.title + "\" v" + std::to_string(s.version);
}

/// The lead who decides: `lead` when given (Error(Denied) when that name is a labeler's),
/// else the project's first lead, else "lead".
std::string leadName(const core::Store &store, const std::string &lead)
{
    std::string who = lead;
    if (who.empty()) {
        who = "lead";
        for (const auto &l : store.labelers())
            if (l.role == core::Role::Lead) {
                who = l.name;
                break;
            }
    }
    if (const auto existing = store.labelerByName(who); existing && existing->role != core::Role::Lead)
        throw core::Error(core::ErrorCode::Denied, "'" + who + "' is a labeler, not a lead", {}, 0, "--lead");
    return who;
}

nlohmann::json pointsJson(const std::vector<std::pair<double, double>> &points)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto &[x, y] : points)
        out.push_back({x, y});
    return out;
}

nlohmann::json objectJson(std::size_t number, const core::UnresolvedObject &o)
{
    nlohmann::json members = nlohmann::json::array();
    for (const auto &m : o.members)
        members.push_back({{"labeler", m.labeler},
                           {"annotation", m.annotation ? nlohmann::json(*m.annotation) : nlohmann::json()},
                           {"class", m.className},
                           {"points", pointsJson(m.points)},
                           {"agreement", std::isnan(m.agreement) ? nlohmann::json() : nlohmann::json(m.agreement)}});
    return {{"number", number},
            {"image", o.path},
            {"kind", std::string(core::toString(o.kind))},
            {"class", o.className},
            {"class_tie", o.classTie},
            {"class_share", o.classShare},
            {"points", pointsJson(o.points)},
            {"method", o.method},
            {"labelers", o.labelers},
            {"quorum", o.quorum},
            {"members", members}};
}

std::string membersText(const core::UnresolvedObject &o)
{
    std::string out;
    for (const auto &m : o.members)
        out += (out.empty() ? "" : ", ") + m.labeler + " (" + m.className + ")";
    return out;
}

std::string pointsText(const std::vector<std::pair<double, double>> &points)
{
    std::string out;
    for (const auto &[x, y] : points)
        out += (out.empty() ? "" : " ") + core::formatFixed(x, 1) + "," + core::formatFixed(y, 1);
    return out;
}

/// `adjudicate PROJECT --objects`: the unresolved objects, or the lead's decision on one.
struct ObjectArgs
{
    std::string quorum = "majority";
    double iou = 0.5;
    double distance = 10.0;
    std::size_t accept = 0;
    std::size_t drop = 0;
    std::string as;
    bool undo = false;
    bool json = false;
};

void adjudicateObjects(core::Store &store, const ObjectArgs &a, const std::string &lead)
{
    if (a.undo) {
        const auto who = leadName(store, lead);
        const auto undone = core::undoLastObjectDecision(store, who);
        if (a.json) {
            printJson(undone ? nlohmann::json{{"undone", undone->decision.id}, {"audit", undone->auditId}}
                             : nlohmann::json{{"undone", nullptr}});
            return;
        }
        if (!undone) {
            std::cout << "No object decision to undo.\n";
            return;
        }
        const auto img = store.image(undone->decision.image);
        std::cout << who << ": took back the " << core::toString(undone->decision.action) << " of a "
                  << core::toString(undone->decision.kind) << " on " << (img ? img->path : "?")
                  << "; it is unresolved again\n";
        return;
    }
    core::ObjectConsensusOptions options;
    options.quorum = core::parseObjectQuorum(a.quorum);
    options.iou = a.iou;
    options.distancePx = a.distance;
    const core::ObjectQueue queue = core::objectQueue(store, options);
    if (a.accept > 0 || a.drop > 0) {
        const std::size_t number = a.accept > 0 ? a.accept : a.drop;
        if (number > queue.objects.size())
            throw core::Error(core::ErrorCode::Invalid,
                              "there is no unresolved object " + std::to_string(number) + " (" +
                                  std::to_string(queue.objects.size()) + " to decide; list them with --objects)",
                              {}, 0, a.accept > 0 ? "--accept" : "--drop");
        const auto &object = queue.objects[number - 1];
        core::ObjectAction action = a.drop > 0 ? core::ObjectAction::Drop : core::ObjectAction::Accept;
        std::optional<core::Id> cls;
        if (!a.as.empty()) {
            cls = core::findClass(store, a.as).id;
            if (*cls != object.classId)
                action = core::ObjectAction::Class;
            else
                cls.reset();
        }
        const auto who = leadName(store, lead);
        core::ObjectDecisionEdit edit;
        store.transaction([&] {
            const auto by = core::ensureLabeler(store, who, core::Role::Lead).id;
            edit = core::decideObject(store, object, action, cls, by, who);
        });
        std::string className;
        if (edit.decision.cls)
            for (const auto &c : store.classes())
                if (c.id == *edit.decision.cls)
                    className = c.name;
        if (a.json) {
            printJson({{"decision",
                        {{"id", edit.decision.id},
                         {"number", number},
                         {"image", object.path},
                         {"kind", std::string(core::toString(object.kind))},
                         {"action", std::string(core::toString(edit.decision.action))},
                         {"class", className.empty() ? nlohmann::json() : nlohmann::json(className)},
                         {"points", pointsJson(object.points)},
                         {"members", objectJson(number, object)["members"]}}},
                       {"audit", edit.auditId}});
            return;
        }
        std::cout << who << ": object " << number << ", a " << core::toString(object.kind) << " on " << object.path
                  << " (" << membersText(object) << ") → "
                  << (action == core::ObjectAction::Drop ? std::string("dropped, not an object")
                                                         : className + " at " + pointsText(object.points))
                  << '\n';
        return;
    }
    if (a.json) {
        nlohmann::json objects = nlohmann::json::array();
        for (std::size_t i = 0; i < queue.objects.size(); ++i)
            objects.push_back(objectJson(i + 1, queue.objects[i]));
        nlohmann::json stale = nlohmann::json::array();
        for (const auto &d : queue.stale)
            stale.push_back({{"id", d.id}, {"action", std::string(core::toString(d.action))}, {"at", d.createdAt}});
        printJson({{"quorum", options.quorum.describe()},
                   {"unresolved", queue.unresolved},
                   {"accepted", queue.accepted},
                   {"dropped", queue.dropped},
                   {"stale", stale},
                   {"objects", objects}});
        return;
    }
    std::cout << queue.objects.size() << " unresolved " << (queue.objects.size() == 1 ? "object" : "objects")
              << " to decide (quorum " << options.quorum.describe() << "; decided: " << queue.accepted << " accepted, "
              << queue.dropped << " dropped)\n";
    if (!queue.stale.empty())
        std::cout << queue.stale.size()
                  << " earlier decisions no longer apply: their shapes changed since, so those objects are listed "
                     "again\n";
    if (queue.objects.empty())
        return;
    std::cout << pad("#", 5, true) << "  " << pad("image", 28) << pad("kind", 9) << pad("class", 12) << pad("shape", 30)
              << "members\n";
    for (std::size_t i = 0; i < queue.objects.size(); ++i) {
        const auto &o = queue.objects[i];
        std::cout << pad(std::to_string(i + 1), 5, true) << "  " << pad(o.path, 28)
                  << pad(std::string(core::toString(o.kind)), 9) << pad(o.className + (o.classTie ? "?" : ""), 12)
                  << pad(pointsText(o.points), 30) << membersText(o) << '\n';
    }
}

void registerConflicts(CLI::App &app)
{
    auto *cmd = app.add_subcommand("conflicts",
                                   "The adjudication queue in the window's order: undecided disputed images, those "
                                   "a disagreement cluster explains first, with the majority and the cited standard");
    auto project = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project, true);
            const auto queue = core::conflictQueue(*store);
            const auto names = classNames(*store);
            std::map<core::Id, core::Standard> standards;
            for (auto &s : store->standards())
                standards.emplace(s.id, std::move(s));
            if (*json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto &e : queue) {
                    nlohmann::json j{{"image", e.image},
                                     {"path", e.path},
                                     {"classes", e.classNames},
                                     {"labels", e.vote.labels},
                                     {"agreement", e.vote.agreement},
                                     {"majority", e.vote.majority ? nlohmann::json(nameOf(names, *e.vote.majority))
                                                                  : nlohmann::json(nullptr)},
                                     {"cluster", e.cluster ? nlohmann::json(e.cluster) : nlohmann::json(nullptr)},
                                     {"standard", nullptr}};
                    if (e.citedStandard) {
                        const auto &s = standards.at(*e.citedStandard);
                        j["standard"] = {{"id", s.id}, {"title", s.title}, {"version", s.version}};
                    }
                    out.push_back(std::move(j));
                }
                printJson(out);
                return;
            }
            if (queue.empty()) {
                std::cout << "Nothing to adjudicate.\n";
                return;
            }
            std::cout << queue.size() << (queue.size() == 1 ? " conflict" : " conflicts") << " to decide\n"
                      << pad("#", 5, true) << "  " << pad("image", 28) << pad("dispute", 24) << pad("agree", 7, true)
                      << "  " << pad("majority", 12) << pad("cluster", 8) << "standard\n";
            std::size_t row = 0;
            for (const auto &e : queue) {
                // pad() counts bytes: each " ↔ " is 3 bytes wider than it shows.
                const std::size_t arrows = e.classNames.empty() ? 0 : e.classNames.size() - 1;
                std::cout << pad(std::to_string(++row), 5, true) << "  " << pad(e.path, 28)
                          << pad(e.dispute, 24 + 2 * arrows) << pad(core::formatShare(e.vote.agreement, 0), 7, true)
                          << "  " << pad(e.vote.majority ? nameOf(names, *e.vote.majority) : "(tie)", 12)
                          << pad(e.cluster ? std::to_string(e.cluster) : "-", 8)
                          << (e.citedStandard ? standardName(standards.at(*e.citedStandard)) : "-") << '\n';
            }
        });
    });
}

void registerAdjudicate(CLI::App &app)
{
    auto *cmd = app.add_subcommand(
        "adjudicate", "Record the lead's decision on an image (a class, or --exclude as ambiguous), audited and citing "
                      "the standard the window would cite; with --objects, list the unresolved objects (clusters of "
                      "labelers' shapes below the quorum) and accept or drop one");
    auto project = std::make_shared<std::string>();
    auto image = std::make_shared<std::string>();
    auto cls = std::make_shared<std::string>();
    auto exclude = std::make_shared<bool>(false);
    auto note = std::make_shared<std::string>();
    auto lead = std::make_shared<std::string>();
    auto objects = std::make_shared<bool>(false);
    auto args = std::make_shared<ObjectArgs>();
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("IMAGE", *image, "Relative path or file name of the image (not with --objects)");
    auto *classOpt = cmd->add_option("CLASS", *cls, "The class decided");
    auto *excludeOpt = cmd->add_flag("--exclude", *exclude, "Mark the image ambiguous: excluded from the dataset");
    classOpt->excludes(excludeOpt);
    cmd->add_option("--note", *note, "Note kept with the decision");
    cmd->add_option("--lead", *lead, "The lead who decides (default: the project's first lead, else \"lead\")");
    auto *objectsOpt = cmd->add_flag(
        "--objects", *objects,
        "Objects instead of an image: list the unresolved objects, numbered in the queue's order (image, kind, "
        "coordinates), with every labeler's shape");
    auto *acceptOpt = cmd->add_option("--accept", args->accept,
                                      "With --objects: accept object N (its number in the list) as an object with "
                                      "its voted class (or --as CLASS) and the fused shape");
    auto *asOpt = cmd->add_option("--as", args->as, "With --accept: the object's class, when not the voted one");
    auto *dropOpt =
        cmd->add_option("--drop", args->drop, "With --objects: drop object N: not an object, never exported");
    auto *undoOpt = cmd->add_flag("--undo", args->undo, "With --objects: take back the last object decision");
    acceptOpt->check(CLI::PositiveNumber)->needs(objectsOpt);
    dropOpt->check(CLI::PositiveNumber)->needs(objectsOpt);
    undoOpt->needs(objectsOpt);
    asOpt->needs(acceptOpt);
    acceptOpt->excludes(dropOpt)->excludes(undoOpt);
    dropOpt->excludes(undoOpt);
    cmd->add_option("--quorum", args->quorum,
                    "With --objects: the export's quorum: majority, a count (2) or a fraction (0.5, 50%)")
        ->capture_default_str();
    cmd->add_option("--iou", args->iou, "With --objects: boxes and polygons match at IoU ≥ this")
        ->check(finiteNumber())
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    cmd->add_option("--distance", args->distance, "With --objects: lines' ends and points match within this many px")
        ->check(finiteNumber())
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_flag("--json", args->json, "With --objects: machine-readable output on stdout");
    cmd->footer("A lead write: with a lead passphrase set, it comes from CONCORD_LEAD_PASSPHRASE or the terminal. "
                "The decision replaces the image's earlier one; the audit entry keeps both (docs/RELIABILITY.md). "
                "Object numbers change as objects are decided: list again before the next one. Give the export's "
                "--quorum, --iou and --distance, so the objects listed are the ones the export leaves out.");
    cmd->callback([=] {
        runCommand([&] {
            if (*objects) {
                if (!image->empty() || *exclude)
                    throw core::Error(core::ErrorCode::Invalid,
                                      "--objects works on the whole project: give no IMAGE, CLASS or --exclude", {}, 0,
                                      "--objects");
                const bool writes = args->accept > 0 || args->drop > 0 || args->undo;
                auto store = openAsLead(*project, !writes);
                adjudicateObjects(*store, *args, *lead);
                return;
            }
            if (image->empty())
                throw core::Error(core::ErrorCode::Invalid, "give the IMAGE decided, or --objects", {}, 0, "IMAGE");
            if (cls->empty() && !*exclude)
                throw core::Error(core::ErrorCode::Invalid, "give the CLASS decided, or --exclude", {}, 0, "CLASS");
            auto store = openAsLead(*project);
            const std::string who = leadName(*store, *lead);
            const auto img = core::findImage(*store, *image);
            core::Decision d;
            d.image = img.id;
            d.note = *note;
            if (*exclude) {
                d.method = core::DecisionMethod::Excluded;
            } else {
                d.labelClass = core::findClass(*store, *cls).id;
                d.method = core::DecisionMethod::Adjudicated;
            }
            core::DecisionEdit change;
            std::optional<core::Standard> cited;
            store->transaction([&] {
                d.by = core::ensureLabeler(*store, who, core::Role::Lead).id;
                cited = core::citedStandard(*store, img.id);
                if (cited)
                    d.standard = cited->id;
                change = core::recordDecision(*store, d, who);
            });
            const auto names = classNames(*store);
            auto text = [&](const std::optional<core::Decision> &x) {
                if (!x)
                    return std::string("undecided");
                if (!x->labelClass)
                    return std::string("ambiguous (excluded)");
                return nameOf(names, *x->labelClass) + " (" + std::string(core::toString(x->method)) + ")";
            };
            std::cout << who << ": " << img.path << " → " << text(change.after);
            if (change.before)
                std::cout << ", was " << text(change.before);
            std::cout << '\n';
            if (cited)
                std::cout << "  cites standard " << standardName(*cited) << '\n';
        });
    });
}

} // namespace

void registerAdjudicationCommands(CLI::App &app)
{
    registerConflicts(app);
    registerAdjudicate(app);
}

} // namespace concord::cli
