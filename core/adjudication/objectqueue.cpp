// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/adjudication/objectqueue.h"

#include "core/adjudication/decisionlog.h"
#include "core/common/error.h"
#include "core/geometry/geometry.h"
#include "core/project/project_objects.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace concord::core {

namespace {

using nlohmann::json;

/// A coordinate written so that reading it back gives the same double.
std::string exact(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

using KeyMember = std::pair<std::string, std::vector<std::pair<double, double>>>;

std::string keyOf(AnnotationKind kind, std::vector<KeyMember> members)
{
    std::sort(members.begin(), members.end());
    std::string key(toString(kind));
    for (const auto &[labeler, points] : members) {
        key += '\x1e';
        key += labeler;
        for (const auto &[x, y] : points)
            key += '\x1f' + exact(x) + ',' + exact(y);
    }
    return key;
}

/// The fused geometry as core/geometry stores a shape of its kind.
Shape shapeOf(AnnotationKind kind, const std::vector<std::pair<double, double>> &p)
{
    switch (kind) {
    case AnnotationKind::Box: return BoxShape{Segment{p.at(0).first, p.at(0).second, p.at(1).first, p.at(1).second}};
    case AnnotationKind::Line: return LineShape{Segment{p.at(0).first, p.at(0).second, p.at(1).first, p.at(1).second}};
    case AnnotationKind::Point: return PointShape{ShapePoint{p.at(0).first, p.at(0).second}};
    case AnnotationKind::Polygon: break;
    }
    PolygonShape polygon;
    for (const auto &[x, y] : p)
        polygon.points.push_back({x, y});
    return polygon;
}

json membersJson(const std::vector<ObjectMember> &members)
{
    json out = json::array();
    for (const auto &m : members) {
        json points = json::array();
        for (const auto &[x, y] : m.points)
            points.push_back({x, y});
        out.push_back({{"labeler", m.labeler},
                       {"annotation", optionalIdJson(m.annotation)},
                       {"class", m.className},
                       {"points", points}});
    }
    return out;
}

json stateJson(const ObjectDecision &d)
{
    return {{"id", d.id},
            {"image", d.image},
            {"kind", std::string(toString(d.kind))},
            {"geometry", d.geometry},
            {"class", optionalIdJson(d.cls)},
            {"action", std::string(toString(d.action))},
            {"members", d.members},
            {"by", optionalIdJson(d.by)},
            {"created_at", d.createdAt}};
}

} // namespace

std::string objectMembersKey(AnnotationKind kind, const std::vector<ObjectMember> &members)
{
    std::vector<KeyMember> k;
    for (const auto &m : members)
        k.emplace_back(m.labeler, m.points);
    return keyOf(kind, std::move(k));
}

std::string objectMembersKey(const ObjectTable &table, const ConsensusObject &cluster)
{
    std::vector<KeyMember> k;
    for (const auto &m : cluster.members)
        if (const ObjectShape *shape = memberShape(table, cluster, m))
            k.emplace_back(table.labelerNames()[static_cast<std::size_t>(m.labeler)], objectPoints(*shape));
    return keyOf(annotationKind(cluster.kind), std::move(k));
}

std::vector<std::pair<double, double>> objectPoints(const ObjectShape &shape)
{
    std::vector<std::pair<double, double>> out;
    out.reserve(shape.points.size());
    for (const auto &v : shape.points)
        out.emplace_back(v.x, v.y);
    return out;
}

const ObjectShape *memberShape(const ObjectTable &table, const ConsensusObject &object, const ConsensusMember &member)
{
    for (const auto &d : table.drawingsOf(object.item))
        if (d.labeler == member.labeler)
            return &d.shapes[static_cast<std::size_t>(member.shape)];
    return nullptr;
}

ObjectProposal objectProposal(const ObjectConsensus &consensus, const ConsensusObject &object)
{
    ObjectProposal p;
    p.kind = annotationKind(object.kind);
    p.className = consensus.classNames[static_cast<std::size_t>(object.cls)];
    p.classTie = object.classTie;
    p.classShare = object.classShare;
    p.points = objectPoints(object.shape);
    p.method = std::string(toString(object.fusion));
    p.labelers = object.labelers;
    p.quorum = object.quorum;
    return p;
}

ObjectProposalMember objectProposalMember(const ObjectConsensus &consensus, const ConsensusMember &member)
{
    ObjectProposalMember m;
    m.labeler = consensus.labelerNames[static_cast<std::size_t>(member.labeler)];
    m.className = consensus.classNames[static_cast<std::size_t>(member.cls)];
    m.agreement = member.agreement;
    return m;
}

std::vector<ObjectMember> objectDecisionMembers(const ObjectDecision &decision)
{
    const json j = json::parse(decision.members, nullptr, false);
    try {
        if (j.is_discarded() || !j.is_array())
            throw Error(ErrorCode::Invalid, "not a JSON array", {}, 0, "members");
        std::vector<ObjectMember> members;
        for (const auto &m : j) {
            ObjectMember o;
            o.labeler = m.at("labeler").get<std::string>();
            o.annotation = optionalIdFromJson(m.at("annotation"));
            o.className = m.at("class").get<std::string>();
            for (const auto &p : m.at("points"))
                o.points.emplace_back(p.at(0).get<double>(), p.at(1).get<double>());
            members.push_back(std::move(o));
        }
        return members;
    } catch (const std::exception &e) {
        throw Error(ErrorCode::Invalid,
                    "object decision " + std::to_string(decision.id) +
                        " has members not in the current form: " + e.what(),
                    {}, 0, "members");
    }
}

std::map<std::pair<Id, std::string>, ObjectDecision> objectDecisionsByKey(const Store &store)
{
    std::map<std::pair<Id, std::string>, ObjectDecision> out;
    for (auto &d : store.objectDecisions()) // by id: a newer one replaces an older
        out[{d.image, objectMembersKey(d.kind, objectDecisionMembers(d))}] = std::move(d);
    return out;
}

ObjectQueue objectQueue(const Store &store, const ObjectConsensusOptions &options)
{
    ShapeAnnotations annotations;
    const ObjectTable table = objectTableFromStore(store, {}, &annotations);
    const ObjectConsensus consensus = computeObjectConsensus(table, options);
    const auto classes = store.classes(); // the table's class indices, in display order
    std::unordered_map<std::string, Id> imageIds;
    for (const auto &img : store.images())
        imageIds.emplace(img.path, img.id);
    std::unordered_map<std::string, Id> labelerIds;
    for (const auto &l : store.labelers())
        labelerIds.emplace(l.name, l.id);

    auto decisions = objectDecisionsByKey(store);
    ObjectQueue queue;
    queue.unresolved = static_cast<std::int64_t>(consensus.unresolved.size());
    for (const auto &c : consensus.unresolved) {
        const auto cls = [&](std::int32_t i) { return classes.at(static_cast<std::size_t>(i)); };
        UnresolvedObject o;
        static_cast<ObjectProposal &>(o) = objectProposal(consensus, c);
        o.path = consensus.itemNames[static_cast<std::size_t>(c.item)];
        o.image = imageIds.at(o.path);
        o.classId = cls(c.cls).id;
        for (const auto &m : c.members) {
            ObjectMember member;
            static_cast<ObjectProposalMember &>(member) = objectProposalMember(consensus, m);
            member.labelerId = labelerIds.at(member.labeler);
            member.classId = cls(m.cls).id;
            if (const ObjectShape *shape = memberShape(table, c, m))
                member.points = objectPoints(*shape);
            const auto ids = annotations.find({c.item, m.labeler});
            if (ids != annotations.end())
                member.annotation = ids->second.at(static_cast<std::size_t>(m.shape));
            o.members.push_back(std::move(member));
        }
        const auto decided = decisions.find({o.image, objectMembersKey(o.kind, o.members)});
        if (decided != decisions.end()) {
            ++(decided->second.action == ObjectAction::Drop ? queue.dropped : queue.accepted);
            decisions.erase(decided); // what is left is stale
            continue;
        }
        queue.objects.push_back(std::move(o));
    }
    for (auto &[key, d] : decisions)
        queue.stale.push_back(std::move(d));
    std::sort(queue.stale.begin(), queue.stale.end(),
              [](const ObjectDecision &a, const ObjectDecision &b) { return a.id < b.id; });
    return queue;
}

ObjectDecisionEdit decideObject(Store &store, const UnresolvedObject &object, ObjectAction action,
                                std::optional<Id> cls, std::optional<Id> by, const std::string &actor)
{
    if (object.members.empty())
        throw Error(ErrorCode::Invalid, "an unresolved object has at least one member", {}, 0, "members");
    switch (action) {
    case ObjectAction::Accept:
        if (cls && *cls != object.classId)
            throw Error(ErrorCode::Invalid, "accepting keeps the voted class; pick another class with 'class'", {}, 0,
                        "class");
        cls = object.classId;
        break;
    case ObjectAction::Class:
        if (!cls)
            throw Error(ErrorCode::Invalid, "picking a class needs the class", {}, 0, "class");
        break;
    case ObjectAction::Drop:
        if (cls)
            throw Error(ErrorCode::Invalid, "a dropped object has no class", {}, 0, "class");
        break;
    }
    ObjectDecisionEdit edit;
    store.transaction([&] {
        if (!store.image(object.image))
            throw Error(ErrorCode::NotFound, "no image with id " + std::to_string(object.image), {}, 0, "image");
        if (cls) {
            const auto classes = store.classes();
            if (std::none_of(classes.begin(), classes.end(), [&](const LabelClass &c) { return c.id == *cls; }))
                throw Error(ErrorCode::NotFound, "no class with id " + std::to_string(*cls), {}, 0, "class");
        }
        const std::string key = objectMembersKey(object.kind, object.members);
        for (const auto &d : store.objectDecisions())
            if (d.image == object.image && objectMembersKey(d.kind, objectDecisionMembers(d)) == key)
                throw Error(ErrorCode::Invalid,
                            "this object on " + object.path + " was decided already (" +
                                std::string(toString(d.action)) + (d.createdAt.empty() ? "" : " at " + d.createdAt) +
                                "); undo that decision first",
                            {}, 0, "object_decision");
        ObjectDecision d;
        d.image = object.image;
        d.kind = object.kind;
        d.geometry = encodeGeometry(shapeOf(object.kind, object.points));
        d.cls = cls;
        d.action = action;
        d.members = membersJson(object.members).dump();
        d.by = by;
        const Id id = store.addObjectDecision(d);
        edit.decision = store.objectDecision(id).value();
        edit.auditId =
            store.appendAudit(actor, kAuditObjectDecision, json{{"object_decision", stateJson(edit.decision)}}.dump());
    });
    return edit;
}

ObjectDecisionEdit undoObjectDecision(Store &store, Id id, const std::string &actor)
{
    ObjectDecisionEdit edit;
    store.transaction([&] {
        const auto d = store.objectDecision(id);
        if (!d)
            throw Error(ErrorCode::NotFound, "no object decision with id " + std::to_string(id), {}, 0,
                        "object_decision");
        // The entry that made it: the "object-decision" entry naming this id, not undone.
        std::optional<Id> made;
        for (const auto &e : store.auditLog(-1)) {
            if (e.action != kAuditObjectDecision || e.undone)
                continue;
            const json p = json::parse(e.payload, nullptr, false);
            if (!p.is_discarded() && p.contains("object_decision") && p["object_decision"].value("id", Id{0}) == id)
                made = e.id;
        }
        store.removeObjectDecision(id);
        json payload{{"object_decision", stateJson(*d)}};
        if (made) {
            store.markAuditUndone(*made);
            payload["undoes"] = *made;
        }
        edit.decision = *d;
        edit.auditId = store.appendAudit(actor, kAuditObjectDecisionUndo, payload.dump());
    });
    return edit;
}

std::optional<ObjectDecisionEdit> undoLastObjectDecision(Store &store, const std::string &actor)
{
    std::optional<ObjectDecisionEdit> edit;
    store.transaction([&] {
        const auto all = store.objectDecisions();
        if (!all.empty())
            edit = undoObjectDecision(store, all.back().id, actor);
    });
    return edit;
}

} // namespace concord::core
