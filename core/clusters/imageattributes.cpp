// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/clusters/imageattributes.h"

#include "core/clusters/imagestats.h"
#include "core/common/error.h"
#include "core/common/parallel.h"
#include "core/imaging/image_probe.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace concord::core {

std::vector<LabelerMeasurement> labelerMeasurements(const Store &store)
{
    std::map<std::pair<Id, Id>, LabelerMeasurement> byLabel;
    for (const auto &[label, annotation] : store.annotationsOfKind(AnnotationKind::Line)) {
        if (!annotation.lengthMm || !std::isfinite(*annotation.lengthMm))
            continue;
        auto &m = byLabel[{label.image, label.labeler}];
        m.image = label.image;
        m.labeler = label.labeler;
        m.lengthMm = m.lines == 0 ? *annotation.lengthMm : std::max(m.lengthMm, *annotation.lengthMm);
        ++m.lines;
    }
    std::vector<LabelerMeasurement> out;
    out.reserve(byLabel.size());
    for (auto &[key, m] : byLabel)
        out.push_back(m);
    return out;
}

std::vector<std::pair<Id, double>> medianMeasurements(const std::vector<LabelerMeasurement> &m)
{
    std::vector<std::pair<Id, double>> out;
    std::vector<double> values;
    for (std::size_t i = 0; i < m.size();) {
        std::size_t j = i;
        values.clear();
        while (j < m.size() && m[j].image == m[i].image)
            values.push_back(m[j++].lengthMm);
        std::sort(values.begin(), values.end());
        const std::size_t k = values.size();
        out.emplace_back(m[i].image, k % 2 ? values[k / 2] : (values[k / 2 - 1] + values[k / 2]) / 2.0);
        i = j;
    }
    return out;
}

namespace {

/// `byImage` with each image of `measured` (sorted by image) given its median length_mm, as a
/// list in image order: what attributeValues() and attributeValuesOf() return for length_mm.
std::vector<ImageAttribute> withMedians(std::map<Id, ImageAttribute> byImage,
                                        const std::vector<LabelerMeasurement> &measured)
{
    for (const auto &[image, mm] : medianMeasurements(measured))
        byImage.insert_or_assign(image, ImageAttribute{image, kAttrLengthMm, mm, AttrSource::Measured});
    std::vector<ImageAttribute> out;
    out.reserve(byImage.size());
    for (auto &[image, a] : byImage)
        out.push_back(std::move(a));
    return out;
}

} // namespace

std::vector<ImageAttribute> attributeValues(const Store &store, const std::string &key)
{
    auto stored = store.attributes(key);
    if (key != kAttrLengthMm || std::any_of(stored.begin(), stored.end(),
                                            [](const ImageAttribute &a) { return a.source == AttrSource::Imported; }))
        return stored;
    auto measured = labelerMeasurements(store);
    std::sort(measured.begin(), measured.end(), [](const auto &a, const auto &b) { return a.image < b.image; });
    std::map<Id, ImageAttribute> byImage;
    for (auto &a : stored)
        byImage.insert_or_assign(a.image, std::move(a));
    return withMedians(std::move(byImage), measured);
}

std::vector<ImageAttribute> attributeValuesOf(const Store &store, const std::string &key, const std::vector<Id> &images)
{
    const std::set<Id> wanted(images.begin(), images.end());
    std::map<Id, ImageAttribute> byImage;
    bool imported = false;
    if (key == kAttrLengthMm) {
        // Whether the project imported its own length_mm is a question about every image.
        for (auto &a : store.attributes(key)) {
            imported = imported || a.source == AttrSource::Imported;
            if (wanted.count(a.image) != 0)
                byImage.insert_or_assign(a.image, std::move(a));
        }
    } else {
        for (const Id image : wanted)
            for (auto &a : store.imageAttributes(image))
                if (a.key == key)
                    byImage.insert_or_assign(image, std::move(a));
    }
    std::vector<LabelerMeasurement> measured;
    if (key == kAttrLengthMm && !imported) {
        // labelerMeasurements() of these images only: each label's longest line in mm.
        for (const Id image : wanted)
            for (const auto &label : store.labelsOfImage(image)) {
                LabelerMeasurement m{image, label.labeler, 0.0, 0};
                for (const auto &a : store.annotationsOfLabel(label.id))
                    if (a.kind == AnnotationKind::Line && a.lengthMm && std::isfinite(*a.lengthMm)) {
                        m.lengthMm = m.lines == 0 ? *a.lengthMm : std::max(m.lengthMm, *a.lengthMm);
                        ++m.lines;
                    }
                if (m.lines > 0)
                    measured.push_back(m);
            }
    }
    return withMedians(std::move(byImage), measured);
}

std::vector<std::string> knownAttributeKeys(const Store &store)
{
    auto keys = store.attributeKeys();
    if (std::find(keys.begin(), keys.end(), kAttrLengthMm) == keys.end() &&
        !store.annotationsOfKind(AnnotationKind::Line).empty() && !attributeValues(store, kAttrLengthMm).empty()) {
        keys.emplace_back(kAttrLengthMm);
        std::sort(keys.begin(), keys.end());
    }
    return keys;
}

std::int64_t fillMeasuredAttributes(Store &store)
{
    auto measured = labelerMeasurements(store);
    std::sort(measured.begin(), measured.end(), [](const auto &a, const auto &b) { return a.image < b.image; });
    const auto medians = medianMeasurements(measured);
    store.transaction([&] {
        store.removeAttributes(kAttrLengthMm, AttrSource::Measured);
        for (const auto &[image, mm] : medians)
            store.setAttribute({image, kAttrLengthMm, mm, AttrSource::Measured});
    });
    return static_cast<std::int64_t>(medians.size());
}

ComputeSummary fillComputedAttributes(Store &store, const ProgressFn &progress, int threads)
{
    const auto images = store.images();
    const double projectPxPerMm = store.settings().pxPerMm;
    ComputeSummary summary;
    summary.images = static_cast<std::int64_t>(images.size());

    struct Result
    {
        bool ok = false;
        std::string error;
        ImageStats stats;
        std::string thumbnail;
    };
    std::vector<Result> results(images.size());
    std::vector<std::filesystem::path> paths;
    paths.reserve(images.size());
    for (const auto &im : images)
        paths.push_back(store.resolveImagePath(im));

    // Workers decode and measure images by index; the Store is only used on this thread.
    // An image that cannot be read is a failure of its own; anything else ends the run.
    ParallelOptions parallel;
    parallel.threads = static_cast<unsigned>(std::max(0, threads));
    parallel.progress = progress;
    parallel.what = "attributes";
    const bool completed = parallelFor(
        images.size(),
        [&](std::size_t i, std::size_t) {
            auto &r = results[i];
            try {
                const cv::Mat image = loadImage(paths[i]);
                r.stats = computeImageStats(image);
                std::vector<std::uint8_t> bytes;
                cv::imencode(".jpg", featureImage(image), bytes, {cv::IMWRITE_JPEG_QUALITY, 95});
                r.thumbnail.assign(bytes.begin(), bytes.end());
                r.ok = true;
            } catch (const Error &e) {
                r.error = e.what();
            } catch (const cv::Exception &e) {
                r.error = std::string("OpenCV: ") + e.what();
            }
        },
        parallel);
    if (!completed)
        throw Error(ErrorCode::Cancelled, "computing attributes was cancelled; nothing was written",
                    store.path().string());

    auto measured = labelerMeasurements(store);
    std::sort(measured.begin(), measured.end(), [](const auto &a, const auto &b) { return a.image < b.image; });
    const auto medians = medianMeasurements(measured);

    store.transaction([&] {
        summary.computed = 0;
        summary.failures.clear();
        summary.lineLengthInMm = true;
        for (const char *key : {kAttrBrightness, kAttrContrast, kAttrSharpness, kAttrLineLengthMm})
            store.removeAttributes(key, AttrSource::Computed);
        for (std::size_t i = 0; i < images.size(); ++i) {
            const auto &r = results[i];
            if (!r.ok) {
                summary.failures.emplace_back(images[i].path, r.error);
                continue;
            }
            const Id id = images[i].id;
            store.setAttribute({id, kAttrBrightness, r.stats.brightness, AttrSource::Computed});
            store.setAttribute({id, kAttrContrast, r.stats.contrast, AttrSource::Computed});
            store.setAttribute({id, kAttrSharpness, r.stats.sharpness, AttrSource::Computed});
            const double pxPerMm = images[i].pxPerMm > 0 ? images[i].pxPerMm : projectPxPerMm;
            if (pxPerMm > 0)
                store.setAttribute({id, kAttrLineLengthMm, r.stats.longestLinePx / pxPerMm, AttrSource::Computed});
            else
                summary.lineLengthInMm = false;
            if (!images[i].hash.empty() && !r.thumbnail.empty())
                store.putThumbnail(images[i].hash, kFeatureThumbnailKey, r.thumbnail);
            ++summary.computed;
        }
        store.removeAttributes(kAttrLengthMm, AttrSource::Measured);
        for (const auto &[image, mm] : medians)
            store.setAttribute({image, kAttrLengthMm, mm, AttrSource::Measured});
        summary.measured = static_cast<std::int64_t>(medians.size());
    });
    return summary;
}

std::vector<AttributeSummary> summarizeAttributes(const Store &store)
{
    std::vector<AttributeSummary> out;
    for (const auto &key : store.attributeKeys()) {
        AttributeSummary s;
        s.key = key;
        std::set<std::string> texts;
        std::set<AttrSource> sources;
        for (const auto &a : store.attributes(key)) {
            sources.insert(a.source);
            if (const double *d = std::get_if<double>(&a.value)) {
                ++s.numeric;
                s.min = s.min ? std::min(*s.min, *d) : *d;
                s.max = s.max ? std::max(*s.max, *d) : *d;
            } else {
                ++s.text;
                texts.insert(std::get<std::string>(a.value));
            }
        }
        s.distinct = static_cast<std::int64_t>(texts.size());
        s.source = sources.size() == 1 ? std::string(toString(*sources.begin())) : std::string("mixed");
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.key < b.key; });
    return out;
}

} // namespace concord::core
