// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

/// A box as the detection formats write it, in image pixels.
struct ExportBox
{
    std::string className;
    double x1 = 0.0;
    double y1 = 0.0;
    double x2 = 0.0;
    double y2 = 0.0;
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
    /// Boxes of the final label: those of the first labeler (by labeler id) whose label equals
    /// the final class and who drew boxes; never a mix of several labelers' boxes.
    std::vector<ExportBox> boxes;
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
