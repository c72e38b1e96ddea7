// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"
#include "core/io/exportdataset.h"
#include "core/io/faceblurrer.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace concord::core {

class Store;

/// What `concord-cli export` was asked to do.
struct ExportRequest
{
    std::string format; ///< csv, json, coco, yolo, voc, imagefolder, labelme, labelstudio
    /// The data set's folder. It must not exist yet or be empty, unless `replace`; it never
    /// holds the project or one of its images.
    std::filesystem::path outDir;
    /// Replace the previous Concord export in `outDir`: allowed only when the folder holds
    /// that export's files (as its provenance.json lists them) and nothing else; exactly those
    /// files are removed once the new data set is in place.
    bool replace = false;
    ExportOptions options;
    /// Copy the images even for formats that do not need them (csv, json), into images/.
    bool copyImages = false;
    /// Hard-link instead of copying where the file system allows (never with blurFaces).
    bool hardLink = false;
    /// Blur faces in the exported copies (implies copying); counts go into provenance.json.
    bool blurFaces = false;
    FaceBlurOptions faceBlur;
    ProgressFn progress;
};

struct ExportReport
{
    std::int64_t exported = 0;   ///< images written to the data set
    std::int64_t unresolved = 0; ///< images without a final label
    std::int64_t facesBlurred = 0;
    /// Consensus objects written, unresolved objects the lead accepted (written, method
    /// "adjudicated"), and unresolved objects without a decision (below quorum) of the exported
    /// images: not written, listed in provenance.json ("unresolved_objects").
    std::int64_t consensusObjects = 0;
    std::int64_t adjudicatedObjects = 0;
    std::int64_t unresolvedObjects = 0;
    std::vector<std::string> unresolvedImages; ///< "path: reason"
    std::vector<std::string> files;            ///< label files written, relative to outDir
    bool replaced = false;                     ///< a previous export was replaced
    /// Where files that appeared in the previous export's folder during the export were kept
    /// (empty when there were none).
    std::filesystem::path keptAside;
};

/// Exports the project as a data set: computes final labels (buildExportDataset), copies,
/// links or face-blurs the images, writes the format's label files, unresolved.csv when some
/// images have no final label, and, last, provenance.json with the list of every file. The
/// data set is built in a staging folder beside the output folder (ExportStaging) and put in
/// place as a whole, so an export that fails, is cancelled or is killed leaves no folder under
/// the final name (and the next export into it removes the killed one's staging folder). The
/// project and its images are only read, never written over. Errors: Error(Invalid) for an
/// unknown format, an output folder that holds the project or its images, is not empty (and
/// not a previous export with `replace`), or holds a stranger beside a previous export;
/// Error(Io) for an unreadable image or an unwritable folder; Error(Cancelled) when progress
/// returns false. The output folder is unchanged by any error.
ExportReport exportDataset(const Store &store, const ExportRequest &request);

} // namespace concord::core
