// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/objectagreement.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

/// \file
/// Consensus objects (issue #17, docs/AGREEMENT.md "Consensus objects"): per image, the shapes
/// of all its labelers are clustered (at most one shape per labeler in a cluster, every two
/// members of a cluster a match by the pairwise criterion of objectagreement.h); a cluster with
/// a quorum of members becomes one object with a class by vote and a fused geometry, a smaller
/// one is left unresolved for adjudication. Pure: works on an ObjectTable, no store.

namespace concord::core {

/// How many members a cluster needs, out of the L labelers who labeled its image.
struct ObjectQuorum
{
    enum class Kind : std::uint8_t
    {
        Majority, ///< more than half: ⌊L/2⌋ + 1
        Count,    ///< an absolute number n (an image with fewer than n labelers has no consensus)
        Fraction  ///< at least f · L members, 0 < f ≤ 1: ⌈f · L⌉ (f · L taken to 1e-9)
    };
    Kind kind = Kind::Majority;
    double value = 0.0; ///< n or f

    static ObjectQuorum majority() { return {}; }
    static ObjectQuorum count(std::int32_t n) { return {Kind::Count, static_cast<double>(n)}; }
    static ObjectQuorum fraction(double f) { return {Kind::Fraction, f}; }
    /// Members needed on an image with `labelers` labelers (at least 1).
    std::int32_t required(std::int32_t labelers) const;
    /// "majority", "2 labelers", "60 % of labelers".
    std::string describe() const;
};

/// Reads a quorum as the CLI takes it: "majority"; digits only (e.g. "2"): an absolute count
/// ≥ 1; a number with a decimal point in (0, 1] (e.g. "0.5") or a percentage ("50%"): a
/// fraction. Error(Invalid) otherwise.
ObjectQuorum parseObjectQuorum(std::string_view text);

/// How a cluster's class is chosen among its members' classes.
enum class ObjectClassVote : std::uint8_t
{
    /// The class most members gave; a tie goes to the class first in the table's class order
    /// (for a project: the display order) and is flagged (ConsensusObject::classTie).
    Majority,
    /// Dawid & Skene (1979) EM (dawidskene.h) over all clusters of the table, the clusters as
    /// items and their members' classes as responses: each labeler's class confusion weighs
    /// their vote. Falls back to Majority for a cluster EM leaves undecided.
    DawidSkene
};

/// How a consensus object's geometry was made from its members.
enum class ObjectFusion : std::uint8_t
{
    Single,            ///< one member: its shape as drawn (corners ordered for a box)
    WeightedBoxFusion, ///< boxes: corners averaged, weighted by each member's mean IoU with the others
    Medoid             ///< lines, polygons, points: the member closest to the others
};

std::string_view toString(ObjectFusion f);
std::string_view toString(ObjectClassVote v);
/// "majority" or "dawid-skene"; Error(Invalid) otherwise.
ObjectClassVote parseObjectClassVote(std::string_view s);

struct ObjectConsensusOptions
{
    double iou = 0.5;         ///< t: boxes and polygons are matched at IoU ≥ t (0 < t ≤ 1)
    double distancePx = 10.0; ///< d: lines and points match within d pixels (d ≥ 0)
    ObjectQuorum quorum;
    /// false (the default): shapes of different classes may share a cluster and the class is
    /// voted (ObjectClassVote), as the class κ's class-agnostic matching does. true: only
    /// shapes of one class cluster, so a class disagreement leaves separate, smaller clusters.
    bool classAware = false;
    ObjectClassVote classVote = ObjectClassVote::Majority;
    /// Worker threads for the clustering and fusion (0: all cores); results do not depend on it.
    unsigned threads = 0;
};

/// One labeler's shape in a cluster.
struct ConsensusMember
{
    std::int32_t labeler = 0; ///< index into ObjectTable::labelerNames()
    std::int32_t shape = 0;   ///< index into that labeler's Drawing::shapes on the image
    std::int32_t cls = 0;     ///< the shape's class
    /// Boxes and polygons: mean IoU with the other members (the box fusion's weight); lines and
    /// points: mean distance to the other members in pixels. NaN for a cluster of one.
    double agreement = std::numeric_limits<double>::quiet_NaN();
};

/// Two members of a cluster (indices into ConsensusObject::members, a < b) and how they match.
struct ConsensusPair
{
    std::int32_t a = 0;
    std::int32_t b = 0;
    double iou = std::numeric_limits<double>::quiet_NaN();      ///< boxes, polygons
    double distance = std::numeric_limits<double>::quiet_NaN(); ///< lines, points
};

/// A cluster: a consensus object when it reached the quorum, else an unresolved one (its class
/// and geometry then are a proposal for the lead).
struct ConsensusObject
{
    std::int32_t item = 0;
    ObjectKind kind = ObjectKind::Box;
    std::int32_t cls = 0;
    bool classTie = false;   ///< the vote was tied (Majority) and broken by class order
    double classShare = 0.0; ///< members whose class is `cls`, over members
    ObjectShape shape;       ///< the fused geometry, with `cls`
    ObjectFusion fusion = ObjectFusion::Single;
    std::int32_t medoid = -1;             ///< Medoid: the member whose shape was taken
    std::vector<ConsensusMember> members; ///< in labeler-name order
    std::vector<ConsensusPair> pairs;     ///< every two members (all of them match)
    std::int32_t labelers = 0;            ///< labelers of the image (L)
    std::int32_t quorum = 0;              ///< members needed on this image
};

struct ObjectConsensus
{
    double iou = 0.5;
    double distancePx = 10.0;
    ObjectQuorum quorum;
    bool classAware = false;
    ObjectClassVote classVote = ObjectClassVote::Majority;
    std::int64_t images = 0; ///< images in the table
    std::int64_t shapes = 0;
    /// Clusters that reached the quorum, by item, then kind, then the fused shape's coordinates.
    std::vector<ConsensusObject> objects;
    std::vector<ConsensusObject> unresolved; ///< below quorum, in the same order
    std::int64_t singleMemberObjects = 0;    ///< consensus objects with one member (quorum 1)
    std::int64_t classTies = 0;              ///< consensus objects whose class vote was tied
    std::vector<std::string> itemNames;
    std::vector<std::string> labelerNames;
    std::vector<std::string> classNames;
};

/// Clusters every image's shapes and fuses the clusters (docs/AGREEMENT.md, "Consensus
/// objects"). Deterministic, and independent of the order of labelers and shapes in the table
/// (but for the class order that breaks a tied vote). Throws Error(Invalid) for t outside
/// (0, 1], a negative or non-finite d, or a quorum count < 1 or fraction outside (0, 1].
ObjectConsensus computeObjectConsensus(const ObjectTable &table, const ObjectConsensusOptions &options = {});

/// `objects.consensus` of `concord-cli agreement --objects --json`: iou, distance_px, quorum,
/// class_aware, class_vote, consensus_objects, unresolved_objects, single_member_objects,
/// class_ties, by_kind {box, line, polygon, point: {consensus, unresolved}}; with
/// `withObjects` also `objects` and `unresolved` [objectJson()].
nlohmann::json toJson(const ObjectConsensus &consensus, bool withObjects);

/// One object: item, kind, class, class_tie, class_share, shape (points [[x, y], …]), method,
/// medoid_labeler, labelers, quorum, members [{labeler, shape, class, agreement}], pairs
/// [{a, b, iou, distance}] (a, b: labeler names). NaN → null.
nlohmann::json objectJson(const ObjectConsensus &consensus, const ConsensusObject &object);

} // namespace concord::core
