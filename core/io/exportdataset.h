// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/adjudication/objectqueue.h"
#include "core/agreement/objectconsensus.h"
#include "core/store/types.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// \file
/// The export model (DESIGN §9): one ExportItem per image with its final label and the whole
/// provenance behind it, computed once and handed to every DatasetWriter, so that all formats
/// agree on what the final label is.

namespace concord::core {

class Store;

enum class ConsensusMethod : std::uint8_t
{
    Majority,
    DawidSkene
};
/// Where an image's final label came from, in order of precedence.
enum class FinalSource : std::uint8_t
{
    Decision,  ///< an adjudicated (or recorded) decision
    Standard,  ///< every standard-derived label of the image agrees
    Consensus, ///< majority vote or Dawid–Skene over the labelers' current labels
    Unresolved ///< none of the above: listed, excluded unless asked for
};

std::string_view toString(ConsensusMethod m);
std::string_view toString(FinalSource s);
/// "majority" or "dawid-skene"; Error(Invalid) otherwise.
ConsensusMethod parseConsensusMethod(std::string_view s);

/// Options that decide the final labels.
struct ExportOptions
{
    ConsensusMethod consensus = ConsensusMethod::Majority;
    /// Minimum item agreement (Fleiss' P_i, share of agreeing labeler pairs) for a consensus
    /// to count. An image with fewer than two labels has no agreement and fails any minimum
    /// above 0. Decisions and standards are not subject to it: a person or a rule settled them.
    double minAgreement = 0.0;
    /// Keep unresolved images in the dataset (with an empty label) instead of leaving them out.
    bool includeUnresolved = false;
    /// How the labelers' shapes become the exported objects (computeObjectConsensus,
    /// docs/AGREEMENT.md "Consensus objects"): IoU threshold, distance, quorum, class vote.
    ObjectConsensusOptions objects;
};

/// One labeler's current label on the image, as exported in the provenance.
struct ExportLabel
{
    std::string labeler;
    std::string className;
    LabelSource source = LabelSource::Manual;
    std::optional<Id> standard;
    int round = 0;
    std::string updatedAt;
    std::vector<Annotation> annotations;
};

/// A box as the detection formats write it, in image pixels: a consensus object's fused box.
struct ExportBox
{
    std::string className;
    double x1 = 0.0;
    double y1 = 0.0;
    double x2 = 0.0;
    double y2 = 0.0;
};

/// A polygon as the formats that have polygons write it (COCO segmentation, labelme, Label
/// Studio polygonlabels), in image pixels: a consensus object's medoid outline.
struct ExportPolygon
{
    std::string className;
    std::vector<std::pair<double, double>> points;
};

/// One shape of a consensus (or unresolved) object, as provenance.json records it. Its
/// annotation is found by its geometry among the labeler's annotations of the image (none if
/// the project changed in between).
using ExportObjectMember = ObjectProposalMember;

/// A consensus object with its provenance, or an unresolved one (below quorum, not exported):
/// the proposal as the lead's queue describes it too (objectProposal()), and more.
struct ExportObject : ObjectProposal
{
    std::vector<ExportObjectMember> members;
    /// Every two members (indices into `members`) with their IoU (boxes, polygons) or distance
    /// (lines, points), NaN where it does not apply.
    struct Pair
    {
        int a = 0;
        int b = 0;
        double iou = 0.0;
        double distance = 0.0;
    };
    std::vector<Pair> pairs;
    /// An unresolved object the lead accepted (core/adjudication/objectqueue.h): `method` is
    /// "adjudicated", the class and points are the decision's; here the action ("accept": the
    /// voted class, "class": one the lead picked), who decided and when. Empty otherwise.
    std::string adjudication;
    std::string decidedBy;
    std::string decidedAt;
};

struct ExportItem
{
    ImageRecord image;
    std::string finalClass; ///< empty when unresolved
    FinalSource source = FinalSource::Unresolved;
    std::string unresolvedReason;
    std::vector<ExportLabel> labels;
    double agreement = 0.0;     ///< Fleiss' P_i; NaN with fewer than two labels
    std::string consensusClass; ///< empty on a tie or without labels
    double consensusConfidence = 0.0;
    std::optional<Decision> decision;
    std::string decisionClass;
    std::string decidedBy;
    std::optional<Standard> standard; ///< standard behind the final label (decision or labels)
    /// The consensus objects of the image (computeObjectConsensus over every human label's
    /// shapes), whatever the image's final class: never one labeler's shapes picked silently;
    /// then the unresolved objects the lead accepted (method "adjudicated"). Unresolved objects
    /// without a decision (below quorum) are not in them; they are in `unresolvedObjects`. One
    /// the lead dropped is in neither.
    std::vector<ExportObject> objects;
    std::vector<ExportObject> unresolvedObjects;
    /// The consensus objects that are boxes, and those that are polygons, as the writers write
    /// them (lines and points are only in `objects` and provenance.json).
    std::vector<ExportBox> boxes;
    std::vector<ExportPolygon> polygons;
    /// The image's name inside the data set: its project path made safe and unique
    /// (uniqueExportPaths); formats put it below their image folder.
    std::string exportName;
    /// Path of the exported image copy relative to the output folder (empty when not copied).
    std::string outputImage;
    int facesBlurred = -1; ///< −1 when face blurring was not asked for
    bool included = false; ///< written to the dataset files
};

struct ExportDataset
{
    std::string projectName;
    std::string createdAt;
    std::vector<std::string> classes; ///< project classes in display order
    /// Folder name of each class where a format has one per class (uniqueClassFolders).
    std::map<std::string, std::string> classFolders;
    ExportOptions options;
    std::vector<ExportItem> items; ///< every image of the project, by image id
};

/// Computes the final label and provenance of every image of the project.
ExportDataset buildExportDataset(const Store &store, const ExportOptions &options);

} // namespace concord::core
