// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/standardapply.h"

#include "core/adjudication/decisionlog.h"
#include "core/common/error.h"
#include "core/standards/standardbook.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace concord::core {

namespace {

using nlohmann::json;

json labelState(const Label &l)
{
    return {{"class", l.labelClass},
            {"source", std::string(toString(l.source))},
            {"standard", optionalIdJson(l.standard)},
            {"round", l.round},
            {"updated_at", l.updatedAt}};
}

json annotationJson(const Annotation &a)
{
    return {{"id", a.id},
            {"label", a.label},
            {"kind", std::string(toString(a.kind))},
            {"geometry", a.geometry},
            {"length_px", a.lengthPx},
            {"length_mm", a.lengthMm ? json(*a.lengthMm) : json(nullptr)},
            {"area", a.area},
            {"class", a.classId}};
}

Annotation annotationFromJson(const json &j)
{
    Annotation a;
    a.id = j.at("id").get<Id>();
    a.label = j.at("label").get<Id>();
    a.kind = parseAnnotationKind(j.at("kind").get<std::string>());
    a.geometry = j.at("geometry").get<std::string>();
    a.lengthPx = j.at("length_px").get<double>();
    if (!j.at("length_mm").is_null())
        a.lengthMm = j.at("length_mm").get<double>();
    a.area = j.at("area").get<double>();
    a.classId = j.at("class").get<Id>();
    return a;
}

/// The label `id` (any labeler's) of `image`, or nothing.
std::optional<Label> labelById(const Store &store, Id image, Id id)
{
    for (const auto &l : store.labelsOfImage(image))
        if (l.id == id)
            return l;
    return std::nullopt;
}

/// Drops or relabels the objects of an object rule's preview; the payload entry of each
/// holds the whole shape and its label's update time, for an exact undo.
json applyObjectChanges(Store &store, const StandardPreview &p)
{
    json objects = json::array();
    std::unordered_map<Id, std::vector<Annotation>> shapesOf; // by label
    for (const auto &ch : p.objectChanges) {
        auto it = shapesOf.find(ch.label);
        if (it == shapesOf.end())
            it = shapesOf.emplace(ch.label, store.annotationsOfLabel(ch.label)).first;
        const auto a = std::find_if(it->second.begin(), it->second.end(),
                                    [&](const Annotation &x) { return x.id == ch.annotation; });
        const auto label = labelById(store, ch.image, ch.label);
        if (a == it->second.end() || !label)
            continue; // cannot happen inside the transaction; keep the payload exact
        if (ch.drop)
            store.removeAnnotation(ch.annotation);
        else
            store.setAnnotationClass(ch.annotation, ch.toClass);
        objects.push_back({{"image", ch.image},
                           {"labeler", ch.labeler},
                           {"label_updated_at", label->updatedAt},
                           {"before", annotationJson(*a)},
                           {"drop", ch.drop},
                           {"to", ch.toClass}});
    }
    return objects;
}

} // namespace

ApplyResult applyStandard(Store &store, Id standardId, const std::string &actor)
{
    const Standard standard = findStandard(store, standardId);
    if (standard.status == StandardStatus::Retired)
        throw Error(ErrorCode::Invalid,
                    "standard " + std::to_string(standardId) + " (\"" + standard.title + "\" v" +
                        std::to_string(standard.version) + ") is retired; add a new version of it to apply it again",
                    {}, 0, "standard");
    ApplyResult result;
    store.transaction([&] {
        store.lockLabelsForRewrite();
        // Everything is recomputed inside the transaction (and again if it is retried), so
        // what is written is exactly what the data held when it was written.
        result = ApplyResult{};
        result.preview = previewStandard(store, standardId);
        const auto &p = result.preview;
        const std::string now = utcNow();
        json payload;
        payload["standard"] = standardId;
        payload["family"] = standard.family;
        payload["version"] = standard.version;
        payload["title"] = standard.title;

        json labels = json::array();
        for (const auto &ch : p.changes) {
            const auto old = store.label(ch.image, ch.labeler);
            if (!old)
                continue; // cannot happen inside the transaction; keep the payload exact
            Label l = *old;
            l.labelClass = ch.toClass;
            l.source = LabelSource::Standard;
            l.standard = standardId;
            l.updatedAt = now;
            store.setLabel(l);
            labels.push_back(
                {{"image", ch.image}, {"labeler", ch.labeler}, {"before", labelState(*old)}, {"after", labelState(l)}});
        }
        payload["labels"] = std::move(labels);
        payload["objects"] = applyObjectChanges(store, p);

        json decisions = json::array();
        for (const auto &ch : p.decisionChanges) {
            const auto old = store.decision(ch.image);
            if (!old)
                continue;
            Decision d = *old;
            d.labelClass = ch.toClass;
            d.method = DecisionMethod::Standard;
            d.standard = standardId;
            d.createdAt = now;
            store.setDecision(d);
            decisions.push_back(
                {{"image", ch.image}, {"before", decisionStateJson(old)}, {"after", decisionStateJson(d)}});
        }
        payload["decisions"] = std::move(decisions);

        json statuses = json::array();
        auto setStatus = [&](const Standard &s, StandardStatus to) {
            store.setStandardStatus(s.id, to);
            statuses.push_back(
                {{"id", s.id}, {"from", std::string(toString(s.status))}, {"to", std::string(toString(to))}});
        };
        if (standard.status != StandardStatus::Active)
            setStatus(standard, StandardStatus::Active);
        for (const auto &s : store.standards())
            if (s.family == standard.family && s.id != standardId && s.status == StandardStatus::Active)
                setStatus(s, StandardStatus::Retired);
        payload["statuses"] = std::move(statuses);

        json assignments = json::array();
        if (!p.relabel.empty()) {
            result.round = store.maxRound() + 1;
            std::map<Id, int> nextPosition;
            for (const auto &r : p.relabel) {
                const int position = nextPosition[r.labeler]++;
                store.assign({r.image, r.labeler, result.round, position, AssignmentState::Pending});
                assignments.push_back(
                    {{"image", r.image}, {"labeler", r.labeler}, {"round", result.round}, {"position", position}});
            }
            result.assignments = static_cast<std::int64_t>(p.relabel.size());
        }
        payload["round"] = result.round;
        payload["assignments"] = std::move(assignments);
        payload["before"] = {{"hlp", p.before.hlp}, {"fleiss_kappa", p.before.fleissKappa}};
        payload["after"] = {{"hlp", p.after.hlp}, {"fleiss_kappa", p.after.fleissKappa}};
        result.auditId = store.appendAudit(actor, kAuditStandardApply, payload.dump());
    });
    return result;
}

namespace {

/// Undoes the apply of `entry` (inside the caller's transaction).
UndoResult undoApplyEntry(Store &store, const AuditEntry &entry, const std::string &actor)
{
    UndoResult result;
    const json payload = json::parse(entry.payload);
    result.applyAuditId = entry.id;
    result.standard = payload.at("standard").get<Id>();

    // Refuse before touching anything if a person changed a label or a decision the
    // standard set: the undo would silently discard that work.
    std::int64_t conflicts = 0;
    std::string first;
    auto conflict = [&](Id image, const std::string &what) {
        if (conflicts++ == 0) {
            const auto img = store.image(image);
            first = (img ? img->path : std::to_string(image)) + " " + what;
        }
    };
    for (const auto &l : payload.at("labels")) {
        const Id image = l.at("image").get<Id>();
        const Id labeler = l.at("labeler").get<Id>();
        const auto &after = l.at("after");
        const auto cur = store.label(image, labeler);
        // The class alone does not tell: a labeler may have chosen the class the standard set
        // (their answer then, which the undo must keep). Source, standard and time must match.
        if (cur && cur->labelClass == after.at("class").get<Id>() && cur->source == LabelSource::Standard &&
            cur->standard == std::optional<Id>(result.standard) &&
            cur->updatedAt == after.at("updated_at").get<std::string>())
            continue;
        const auto who = store.labeler(labeler);
        conflict(image, "by " + (who ? who->name : std::to_string(labeler)));
    }
    for (const auto &d : payload.at("decisions")) {
        const Id image = d.at("image").get<Id>();
        const auto cur = store.decision(image);
        // Applies written before the "after" state was kept: the decision must still be
        // the standard's own.
        const bool unchanged =
            cur && (d.contains("after") ? decisionStateJson(cur) == d.at("after")
                                        : cur->method == DecisionMethod::Standard && cur->standard == result.standard);
        if (!unchanged)
            conflict(image, "(the lead's decision)");
    }
    const json noObjects = json::array();
    const json &objects = payload.contains("objects") ? payload.at("objects") : noObjects;
    for (const auto &o : objects) {
        // The labeler's label must be as the apply left it (a save rewrites its shapes), and
        // the shape still dropped, or still of the class the standard gave it.
        const Annotation before = annotationFromJson(o.at("before"));
        const Id image = o.at("image").get<Id>();
        const auto label = labelById(store, image, before.label);
        bool unchanged = label && label->updatedAt == o.at("label_updated_at").get<std::string>();
        if (unchanged) {
            const auto shapes = store.annotationsOfLabel(before.label);
            const auto cur =
                std::find_if(shapes.begin(), shapes.end(), [&](const Annotation &x) { return x.id == before.id; });
            unchanged = o.at("drop").get<bool>() ? cur == shapes.end()
                                                 : cur != shapes.end() && cur->classId == o.at("to").get<Id>();
        }
        if (!unchanged) {
            const auto who = store.labeler(o.at("labeler").get<Id>());
            conflict(image, "(an object of " + (who ? who->name : std::string("a labeler")) + ")");
        }
    }
    if (conflicts > 0)
        throw Error(ErrorCode::Invalid,
                    std::to_string(conflicts) +
                        " label(s), object(s) or decision(s) set by the standard changed since "
                        "it was applied (first: " +
                        first + "); undoing would discard that work, so nothing was undone",
                    {}, 0, "standard");

    for (const auto &l : payload.at("labels")) {
        const Id image = l.at("image").get<Id>();
        const Id labeler = l.at("labeler").get<Id>();
        const auto &before = l.at("before");
        Label restored = *store.label(image, labeler);
        restored.labelClass = before.at("class").get<Id>();
        restored.source = parseLabelSource(before.at("source").get<std::string>());
        restored.standard = optionalIdFromJson(before.at("standard"));
        restored.round = before.at("round").get<int>();
        restored.updatedAt = before.at("updated_at").get<std::string>();
        store.setLabel(restored);
        ++result.labels;
    }
    for (const auto &o : objects) {
        const Annotation before = annotationFromJson(o.at("before"));
        if (o.at("drop").get<bool>())
            store.restoreAnnotation(before);
        else
            store.setAnnotationClass(before.id, before.classId);
        ++result.objects;
    }
    for (const auto &d : payload.at("decisions")) {
        store.setDecision(*decisionFromJson(d.at("image").get<Id>(), d.at("before")));
        ++result.decisions;
    }
    for (const auto &a : payload.at("assignments")) {
        store.unassign(a.at("image").get<Id>(), a.at("labeler").get<Id>(), a.at("round").get<int>());
        ++result.assignments;
    }
    for (const auto &s : payload.at("statuses"))
        store.setStandardStatus(s.at("id").get<Id>(), parseStandardStatus(s.at("from").get<std::string>()));
    store.markAuditUndone(entry.id);
    json undo{{"undoes", entry.id},        {"standard", result.standard},   {"labels", result.labels},
              {"objects", result.objects}, {"decisions", result.decisions}, {"assignments", result.assignments}};
    result.auditId = store.appendAudit(actor, kAuditStandardUndo, undo.dump());
    return result;
}

std::string describeApply(const AuditEntry &e)
{
    const json payload = json::parse(e.payload, nullptr, false);
    const std::string title = payload.is_discarded() ? std::string("?") : payload.value("title", std::string("?"));
    return "\"" + title + "\" (applied by " + e.actor + " at " + e.at + ")";
}

} // namespace

UndoResult undoLastStandard(Store &store, const std::string &actor)
{
    UndoResult result;
    store.transaction([&] {
        store.lockLabelsForRewrite();
        std::optional<AuditEntry> entry;
        for (const auto &e : store.auditLog()) // newest first
            if (e.action == kAuditStandardApply && !e.undone) {
                entry = e;
                break;
            }
        if (!entry)
            throw Error(ErrorCode::NotFound, "no applied standard to undo", {}, 0, "standard");
        result = undoApplyEntry(store, *entry, actor);
    });
    return result;
}

UndoResult undoStandardApply(Store &store, Id applyAuditId, const std::string &actor)
{
    UndoResult result;
    store.transaction([&] {
        store.lockLabelsForRewrite();
        std::optional<AuditEntry> later;
        for (const auto &e : store.auditLog()) { // newest first
            if (e.id == applyAuditId) {
                if (e.action != kAuditStandardApply)
                    throw Error(ErrorCode::NotFound,
                                "audit entry " + std::to_string(applyAuditId) + " is not a standard apply", {}, 0,
                                "standard");
                if (e.undone)
                    throw Error(ErrorCode::Invalid, describeApply(e) + " is undone already", {}, 0, "standard");
                if (later)
                    throw Error(ErrorCode::Invalid,
                                "standard " + describeApply(*later) + " was applied after " + describeApply(e) +
                                    "; undo that one first, so nothing was undone",
                                {}, 0, "standard");
                result = undoApplyEntry(store, e, actor);
                return;
            }
            if (e.action == kAuditStandardApply && !e.undone && !later)
                later = e;
        }
        throw Error(ErrorCode::NotFound, "no standard apply with audit id " + std::to_string(applyAuditId), {}, 0,
                    "standard");
    });
    return result;
}

std::optional<Standard> standardOfRound(const Store &store, int round)
{
    if (round <= 0)
        return std::nullopt;
    for (const auto &entry : store.auditLog()) {
        if (entry.action != kAuditStandardApply || entry.undone)
            continue;
        const json payload = json::parse(entry.payload, nullptr, false);
        if (payload.is_discarded() || payload.value("round", 0) != round)
            continue;
        const Id id = payload.value("standard", Id{0});
        for (const auto &s : store.standards())
            if (s.id == id)
                return s;
    }
    return std::nullopt;
}

} // namespace concord::core
