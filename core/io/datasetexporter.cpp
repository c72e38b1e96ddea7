// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/datasetexporter.h"

#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/io/datasetwriter.h"
#include "core/io/exportfiles.h"
#include "core/io/jsondatasetwriter.h"
#include "core/store/store.h"

#include <opencv2/imgcodecs.hpp>

#include <map>
#include <memory>
#include <optional>

namespace concord::core {

namespace {

/// Decodes, blurs and re-encodes one image in the format of its extension; returns the count.
int blurCopy(FaceBlurrer &blurrer, const std::filesystem::path &from, const std::filesystem::path &to)
{
    cv::Mat img = cv::imread(from.string(), cv::IMREAD_UNCHANGED);
    if (img.empty())
        throw Error(ErrorCode::Io, "cannot decode the image for face blurring", from.string());
    const int faces = blurrer.blur(img);
    if (faces == 0) {
        atomicCopyFile(from, to, false); // untouched: keep the original bytes
        return 0;
    }
    std::string ext = to.extension().string();
    std::vector<uchar> bytes;
    const std::vector<int> params{cv::IMWRITE_JPEG_QUALITY, 95};
    if (ext.empty() || !cv::imencode(ext, img, bytes, params))
        throw Error(ErrorCode::Io, "cannot encode the blurred image", to.string());
    atomicWriteFile(to, std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
    return faces;
}

} // namespace

ExportReport exportDataset(const Store &store, const ExportRequest &request)
{
    const auto writer = makeDatasetWriter(request.format);
    if (request.outDir.empty())
        throw Error(ErrorCode::Invalid, "no output folder given", {}, 0, "OUTDIR");
    auto dataset = buildExportDataset(store, request.options);

    std::optional<FaceBlurrer> blurrer;
    if (request.blurFaces)
        blurrer.emplace(request.faceBlur);

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
        std::string rel = writer->imagePath(item);
        if (rel.empty() && (request.copyImages || request.blurFaces))
            rel = "images/" + exportImageName(item.image);
        if (rel.empty())
            continue;
        const auto from = store.resolveImagePath(item.image);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(from, ec))
            throw Error(ErrorCode::Io, "the image file is missing (relink the project's images?)", from.string());
        const auto to = request.outDir / rel;
        if (blurrer) {
            item.facesBlurred = blurCopy(*blurrer, from, to);
            report.facesBlurred += item.facesBlurred;
        } else {
            atomicCopyFile(from, to, request.hardLink);
        }
        item.outputImage = rel;
    }

    writer->write(dataset, request.outDir);
    const std::map<std::string_view, std::vector<std::string>> filesOf{
        {"csv", {"labels.csv"}},   {"json", {"provenance.json"}}, {"coco", {"annotations.json"}},
        {"yolo", {"data.yaml"}},   {"labelstudio", {"labelstudio.json"}}};
    if (const auto it = filesOf.find(request.format); it != filesOf.end())
        report.files = it->second;
    if (request.format != "json") {
        atomicWriteFile(request.outDir / "provenance.json", provenanceJson(dataset).dump(2) + "\n");
        report.files.push_back("provenance.json");
    }
    if (report.unresolved > 0) {
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
        atomicWriteFile(request.outDir / "unresolved.csv", csv);
        report.files.push_back("unresolved.csv");
    }
    reportProgress(request.progress, total, total, "done");
    return report;
}

} // namespace concord::core
