// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/datasetexporter.h"

#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/io/datasetwriter.h"
#include "core/io/exportfiles.h"
#include "core/io/exportfolder.h"
#include "core/io/jsondatasetwriter_p.h"
#include "core/store/store.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

namespace fs = std::filesystem;

namespace concord::core {

namespace {

/// Decodes, blurs and re-encodes one image in the format of its extension; returns the count.
int blurCopy(FaceBlurrer &blurrer, const fs::path &from, ExportOutput &out, const std::string &rel)
{
    cv::Mat img = cv::imread(from.string(), cv::IMREAD_UNCHANGED);
    if (img.empty())
        throw Error(ErrorCode::Io, "cannot decode the image for face blurring", from.string());
    const int faces = blurrer.blur(img);
    if (faces == 0) {
        out.copyFile(from, rel, false); // untouched: keep the original bytes
        return 0;
    }
    std::string ext = fs::path(rel).extension().string();
    std::vector<uchar> bytes;
    const std::vector<int> params{cv::IMWRITE_JPEG_QUALITY, 95};
    if (ext.empty() || !cv::imencode(ext, img, bytes, params))
        throw Error(ErrorCode::Io, "cannot encode the blurred image", (out.root() / rel).string());
    out.writeFile(rel, std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
    return faces;
}

/// `path` with every symbolic link resolved as far as it exists, without opening anything
/// (the project file must only ever be opened by SQLite, issue 15).
fs::path realPath(const fs::path &path)
{
    std::error_code ec;
    auto p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? fs::absolute(path).lexically_normal() : p;
}

/// Whether `file` is `folder` or below it (both absolute and normal).
bool isInside(const fs::path &file, const fs::path &folder)
{
    auto f = file.begin();
    for (auto d = folder.begin(); d != folder.end(); ++d, ++f)
        if (f == file.end() || *f != *d)
            return false;
    return true;
}

/// Refuses an output folder that holds the project or one of its images: an export never
/// writes onto, moves or removes its own sources.
void refuseSourcesInside(const Store &store, const fs::path &finalDir)
{
    if (!store.path().empty()) {
        const auto project = realPath(store.path());
        for (const char *suffix : {"", "-wal", "-shm"}) {
            fs::path f = project;
            f += suffix;
            if (isInside(f, finalDir))
                throw Error(ErrorCode::Invalid,
                            "the output folder holds the project file; an export never replaces its sources, "
                            "choose another folder",
                            finalDir.string(), 0, "OUTDIR");
        }
    }
    for (const auto &img : store.images())
        if (isInside(realPath(store.resolveImagePath(img)), finalDir))
            throw Error(ErrorCode::Invalid,
                        "the output folder holds the project's image " + img.path +
                            "; an export never replaces its sources, choose another folder",
                        finalDir.string(), 0, "OUTDIR");
}

std::string unresolvedCsv(const ExportDataset &dataset)
{
    std::string csv = csvLine({"image", "reason", "consensus", "confidence", "labels"}) + "\n";
    for (const auto &item : dataset.items) {
        if (item.source != FinalSource::Unresolved)
            continue;
        std::string labels;
        for (const auto &l : item.labels)
            labels += (labels.empty() ? "" : " ") + l.labeler + "=" + l.className;
        csv += csvLine({item.image.path, item.unresolvedReason, item.consensusClass,
                        formatCoordinate(item.consensusConfidence), labels}) +
               "\n";
    }
    return csv;
}

} // namespace

ExportReport exportDataset(const Store &store, const ExportRequest &request)
{
    const auto writer = makeDatasetWriter(request.format);
    if (request.outDir.empty())
        throw Error(ErrorCode::Invalid, "no output folder given", {}, 0, "OUTDIR");
    fs::path finalDir = realPath(request.outDir);
    if (!finalDir.has_filename())
        finalDir = finalDir.parent_path();
    if (!finalDir.has_filename() || finalDir == finalDir.root_path())
        throw Error(ErrorCode::Invalid, "the output folder cannot be a file system's root", finalDir.string(), 0,
                    "OUTDIR");
    refuseSourcesInside(store, finalDir);

    std::optional<std::vector<std::string>> previous;
    switch (exportFolderState(finalDir)) {
    case ExportFolderState::Missing:
    case ExportFolderState::Empty: break;
    case ExportFolderState::NotAFolder:
        throw Error(ErrorCode::Invalid, "the output folder is a file", finalDir.string(), 0, "OUTDIR");
    case ExportFolderState::PreviousExport:
    case ExportFolderState::Other:
        if (!request.replace)
            throw Error(ErrorCode::Invalid,
                        "the output folder is not empty; an export goes into a new or empty folder, or replaces "
                        "a previous export there with --replace",
                        finalDir.string(), 0, "OUTDIR");
        previous = previousExportFiles(finalDir);
        break;
    }
    std::error_code ec;
    fs::create_directories(finalDir.parent_path(), ec);
    if (ec)
        throw Error(ErrorCode::Io, "cannot create the folder: " + ec.message(), finalDir.parent_path().string());

    auto dataset = buildExportDataset(store, request.options);
    std::optional<FaceBlurrer> blurrer;
    if (request.blurFaces)
        blurrer.emplace(request.faceBlur);

    ExportStaging staging(finalDir);
    ExportOutput out(staging.dir());
    ExportReport report;
    std::size_t total = 0;
    for (const auto &item : dataset.items)
        total += item.included ? 1 : 0;
    std::size_t done = 0;
    for (auto &item : dataset.items) {
        if (item.source == FinalSource::Unresolved) {
            ++report.unresolved;
            report.unresolvedImages.push_back(item.image.path + ": " + item.unresolvedReason);
        }
        if (!item.included)
            continue;
        if (!reportProgress(request.progress, done, total, item.image.path))
            throw Error(ErrorCode::Cancelled, "export cancelled", request.outDir.string());
        ++done;
        ++report.exported;
        for (const auto &o : item.objects)
            ++(o.adjudication.empty() ? report.consensusObjects : report.adjudicatedObjects);
        report.unresolvedObjects += static_cast<std::int64_t>(item.unresolvedObjects.size());
        std::string rel = writer->imagePath(dataset, item);
        if (rel.empty() && (request.copyImages || request.blurFaces))
            rel = "images/" + item.exportName;
        if (rel.empty())
            continue;
        const auto from = store.resolveImagePath(item.image);
        if (!fs::is_regular_file(from, ec))
            throw Error(ErrorCode::Io, "the image file is missing (relink the project's images?)", from.string());
        if (blurrer) {
            item.facesBlurred = blurCopy(*blurrer, from, out, rel);
            report.facesBlurred += item.facesBlurred;
        } else {
            out.copyFile(from, rel, request.hardLink);
        }
        item.outputImage = rel;
    }

    writer->write(dataset, out);
    const std::map<std::string_view, std::vector<std::string>> filesOf{{"csv", {"labels.csv"}},
                                                                       {"coco", {"annotations.json"}},
                                                                       {"yolo", {"data.yaml"}},
                                                                       {"labelstudio", {"labelstudio.json"}}};
    if (const auto it = filesOf.find(request.format); it != filesOf.end())
        report.files = it->second;
    if (report.unresolved > 0) {
        out.writeFile("unresolved.csv", unresolvedCsv(dataset));
        report.files.push_back("unresolved.csv");
    }
    // Last: a data set with its provenance.json is a complete one.
    const auto manifest = provenanceJson(dataset, out.files()).dump(2) + "\n";
    out.writeFile("provenance.json", manifest);
    report.files.push_back("provenance.json");
    report.keptAside = staging.commit(previous ? &*previous : nullptr);
    report.replaced = previous.has_value();
    reportProgress(request.progress, total, total, "done");
    return report;
}

} // namespace concord::core
