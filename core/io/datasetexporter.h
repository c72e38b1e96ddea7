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
    std::filesystem::path outDir;
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
    std::vector<std::string> unresolvedImages; ///< "path: reason"
    std::vector<std::string> files;            ///< label files written, relative to outDir
};

/// Exports the project as a data set: computes final labels (buildExportDataset), copies,
/// links or face-blurs the images into the output folder, writes the format's label files and,
/// for every format, provenance.json; when some images have no final label, also
/// unresolved.csv listing them with the reason. Every file is written atomically. The project
/// is only read. Errors: Error(Io) for an unreadable image or an unwritable folder,
/// Error(Invalid) for an unknown format, Error(Cancelled) when progress returns false.
ExportReport exportDataset(const Store &store, const ExportRequest &request);

} // namespace concord::core
