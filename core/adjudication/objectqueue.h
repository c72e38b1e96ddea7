// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/objectconsensus.h"
#include "core/store/store.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

/// \file
/// Adjudication per object (issue #17, docs/AGREEMENT.md "Adjudicating objects"): the
/// unresolved objects of a project (clusters of labelers' shapes below quorum,
/// computeObjectConsensus() over objectTableFromStore()) that the lead has not decided yet,
/// and the lead's decision on one: accept it as an object (the voted class, or another the
/// lead picks, with the fused geometry) or drop it. The window's Objects mode and
/// `concord-cli adjudicate --objects` both ask here, and the export applies the decisions
/// (core/io/exportdataset.cpp) through objectDecisionsInForce().
///
/// A decision names its cluster by its members: each labeler's shape as drawn (kind and
/// coordinates). It is in force while an unresolved cluster of the image has exactly those
/// members; when a labeler moves, redraws or deletes a member, or the cluster reaches the
/// quorum after all, the decision is "stale": kept and listed, but no longer applied, and the
/// cluster as it is now comes back to the queue. (Annotation ids are recorded too, but a save
/// rewrites a label's shapes with new ids, so they cannot name a cluster.)
///
/// Audit schema (docs/RELIABILITY.md):
///   "object-decision":      {"object_decision": <state>}
///   "object-decision.undo": {"object_decision": <state>, "undoes": <audit id>}
/// with <state> = {"id", "image", "kind", "geometry", "class" (id|null), "action"
/// ("accept"|"class"|"drop"), "members" (the JSON of ObjectDecision::members), "by" (id|null),
/// "created_at"}.

namespace concord::core {

/// Audit actions written here.
inline constexpr const char *kAuditObjectDecision = "object-decision";
inline constexpr const char *kAuditObjectDecisionUndo = "object-decision.undo";

/// One member of a consensus object as the lead's queue and the export both describe it: who
/// drew it, its own class, the stored shape it is, and how well it agrees with the others.
struct ObjectProposalMember
{
    std::string labeler;
    std::optional<Id> annotation; ///< the stored shape (none if the project changed in between)
    std::string className;        ///< the shape's own class
    /// Mean IoU with the other members (boxes, polygons) or mean distance in pixels (lines,
    /// points); NaN for a cluster of one.
    double agreement = 0.0;
};

/// A consensus object as the lead's queue and the export both describe it (issue #17): the
/// engine's proposal (kind, voted class, fused geometry, how it was fused) and its quorum.
/// UnresolvedObject and ExportObject (core/io/exportdataset.h) extend it, and both fill it with
/// objectProposal(), so a ConsensusObject is copied into the project's words in one place.
struct ObjectProposal
{
    AnnotationKind kind = AnnotationKind::Box;
    std::string className; ///< the class vote (ObjectConsensusOptions::classVote)
    bool classTie = false;
    double classShare = 0.0;
    std::vector<std::pair<double, double>> points; ///< the fused geometry (box: ordered corners)
    std::string method;                            ///< toString(ObjectFusion)
    int labelers = 0;                              ///< labelers of the image (L)
    int quorum = 0;                                ///< members needed (q)
};

/// The proposal of `object`, its class named from `consensus`'s classes.
ObjectProposal objectProposal(const ObjectConsensus &consensus, const ConsensusObject &object);
/// Member `member` of a consensus object without its annotation: its labeler and class named
/// from `consensus`, its agreement.
ObjectProposalMember objectProposalMember(const ObjectConsensus &consensus, const ConsensusMember &member);
/// The shape `member` of `object` is, as its labeler drew it (null if the table has none).
const ObjectShape *memberShape(const ObjectTable &table, const ConsensusObject &object, const ConsensusMember &member);
/// A shape's vertices as (x, y) pairs.
std::vector<std::pair<double, double>> objectPoints(const ObjectShape &shape);

/// One labeler's shape in an unresolved object.
struct ObjectMember : ObjectProposalMember
{
    Id labelerId = 0;
    Id classId = 0;                                ///< the shape's own class
    std::vector<std::pair<double, double>> points; ///< as drawn (a box: its two stored corners)
};

/// A cluster below quorum, with the engine's proposal (voted class, fused geometry).
struct UnresolvedObject : ObjectProposal
{
    Id image = 0;
    std::string path;
    Id classId = 0;                    ///< of the class vote
    std::vector<ObjectMember> members; ///< in labeler-name order
};

/// The lead's object queue of a project.
struct ObjectQueue
{
    /// Unresolved objects without a decision in force, in the engine's order (image path, kind,
    /// coordinates): the order the lead steps through and the CLI numbers them.
    std::vector<UnresolvedObject> objects;
    std::int64_t unresolved = 0; ///< every unresolved cluster, decided or not
    std::int64_t accepted = 0;   ///< decisions in force that accept (with the vote or another class)
    std::int64_t dropped = 0;    ///< decisions in force that drop
    /// Decisions whose cluster no longer exists as it was decided (see the file comment).
    std::vector<ObjectDecision> stale;
};

/// The unresolved objects of the project under `options` (the export's object options), with
/// every labeler's member shape, leaving out those a decision in force settles. Reads every
/// human shape: call it on a worker for a big project.
ObjectQueue objectQueue(const Store &store, const ObjectConsensusOptions &options = {});

/// The key that names a cluster by its members (labeler, kind, coordinates as drawn), the
/// same for an ObjectMember list, for ObjectDecision::members and for a cluster of the engine.
std::string objectMembersKey(AnnotationKind kind, const std::vector<ObjectMember> &members);
std::string objectMembersKey(const ObjectTable &table, const ConsensusObject &cluster);
/// The members of a decision (ObjectDecision::members) read back. Error(Invalid) for JSON not
/// in the form objectQueue() writes.
std::vector<ObjectMember> objectDecisionMembers(const ObjectDecision &decision);

/// The object decisions of the store by (image, objectMembersKey()), for the export: the
/// newest one per cluster (a cluster is decided once; an older duplicate could only come from
/// a copy of two projects' rows).
std::map<std::pair<Id, std::string>, ObjectDecision> objectDecisionsByKey(const Store &store);

/// One audited object decision (or its undo).
struct ObjectDecisionEdit
{
    Id auditId = 0;
    ObjectDecision decision; ///< as stored (id and createdAt filled in)
};

/// Decides `object` (as objectQueue() listed it), in one transaction with one audit entry:
///  - ObjectAction::Accept: an object of the voted class (object.classId) with the fused
///    geometry; `cls` must be empty or that class;
///  - ObjectAction::Class: an object of class `cls` (required) with the fused geometry;
///  - ObjectAction::Drop: not an object (`cls` must be empty).
/// `by` is the lead's labeler id, `actor` their name for the audit. Error(NotFound) for an
/// image or class that does not exist; Error(Invalid) when a decision is in force for the
/// same cluster already (decided elsewhere since it was listed) or the arguments contradict
/// the action; nothing is written then.
ObjectDecisionEdit decideObject(Store &store, const UnresolvedObject &object, ObjectAction action,
                                std::optional<Id> cls, std::optional<Id> by, const std::string &actor);

/// Takes back the object decision `id`: removes it and marks its audit entry undone, in one
/// transaction with one audit entry of its own; the cluster is unresolved and undecided again.
/// Error(NotFound) when no decision has the id.
ObjectDecisionEdit undoObjectDecision(Store &store, Id id, const std::string &actor);

/// Takes back the newest object decision (the highest id), as undoObjectDecision(); none when
/// there is no object decision.
std::optional<ObjectDecisionEdit> undoLastObjectDecision(Store &store, const std::string &actor);

} // namespace concord::core
