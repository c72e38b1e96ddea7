// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/clusters/objectstats.h"

#include "core/clusters/imagestats.h"
#include "core/common/error.h"
#include "core/common/parallel.h"
#include "core/geometry/objectattributes.h"
#include "core/imaging/image_probe.h"
#include "core/store/store.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace concord::core {

namespace {

/// The shape in the analysed image's pixels.
Shape scaled(const Shape &shape, double scale)
{
    if (scale == 1.0)
        return shape;
    const double f = 1.0 / scale;
    auto seg = [f](const Segment &s) { return Segment{s.x1 * f, s.y1 * f, s.x2 * f, s.y2 * f}; };
    if (const auto *box = std::get_if<BoxShape>(&shape))
        return BoxShape{seg(box->corners)};
    if (const auto *line = std::get_if<LineShape>(&shape))
        return LineShape{seg(line->ends)};
    if (const auto *poly = std::get_if<PolygonShape>(&shape)) {
        PolygonShape p;
        for (const ShapePoint &v : poly->points)
            p.points.push_back({v.x * f, v.y * f});
        return p;
    }
    const ShapePoint at = std::get<PointShape>(shape).at;
    return PointShape{{at.x * f, at.y * f}};
}

std::vector<ShapePoint> outline(const Shape &shape)
{
    if (const auto *box = std::get_if<BoxShape>(&shape)) {
        const Segment &c = box->corners;
        return {{c.x1, c.y1}, {c.x2, c.y1}, {c.x2, c.y2}, {c.x1, c.y2}};
    }
    if (const auto *line = std::get_if<LineShape>(&shape))
        return {{line->ends.x1, line->ends.y1}, {line->ends.x2, line->ends.y2}};
    if (const auto *poly = std::get_if<PolygonShape>(&shape))
        return poly->points;
    return {std::get<PointShape>(shape).at};
}

double segmentDistance(double px, double py, const Segment &s)
{
    const double dx = s.x2 - s.x1, dy = s.y2 - s.y1;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((px - s.x1) * dx + (py - s.y1) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(px - (s.x1 + t * dx), py - (s.y1 + t * dy));
}

/// Marks with 255 the pixels of `mask` (whose pixel (0, 0) is the image's (ox, oy)) whose
/// centre lies inside the closed outline (even–odd rule).
void fillInside(cv::Mat &mask, int ox, int oy, const std::vector<ShapePoint> &pts)
{
    std::vector<double> xs;
    for (int r = 0; r < mask.rows; ++r) {
        const double yc = oy + r + 0.5;
        xs.clear();
        for (std::size_t k = 0; k < pts.size(); ++k) {
            const ShapePoint &a = pts[k];
            const ShapePoint &b = pts[(k + 1) % pts.size()];
            if ((a.y <= yc) != (b.y <= yc))
                xs.push_back(a.x + (yc - a.y) * (b.x - a.x) / (b.y - a.y));
        }
        std::sort(xs.begin(), xs.end());
        auto *row = mask.ptr<std::uint8_t>(r);
        for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
            // pixel i is inside when xs[k] <= i + 0.5 < xs[k + 1]
            const int from = std::max(0, static_cast<int>(std::ceil(xs[k] - 0.5)) - ox);
            const int to = std::min(mask.cols, static_cast<int>(std::ceil(xs[k + 1] - 0.5)) - ox);
            for (int c = from; c < to; ++c)
                row[c] = 255;
        }
    }
}

/// Marks the pixels whose centre lies within `radius` of the segment (a point: both ends equal).
void fillNear(cv::Mat &mask, int ox, int oy, const Segment &s, double radius)
{
    for (int r = 0; r < mask.rows; ++r) {
        auto *row = mask.ptr<std::uint8_t>(r);
        for (int c = 0; c < mask.cols; ++c)
            if (segmentDistance(ox + c + 0.5, oy + r + 0.5, s) <= radius)
                row[c] = 255;
    }
}

} // namespace

const std::vector<std::string> &objectPixelAttributeNames()
{
    static const std::vector<std::string> names{kObjectBrightness, kObjectContrast, kObjectContrastAbs};
    return names;
}

bool isObjectPixelAttribute(std::string_view name)
{
    const auto &names = objectPixelAttributeNames();
    return std::find(names.begin(), names.end(), name) != names.end();
}

const std::vector<std::string> &allObjectAttributeNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out = objectAttributeNames();
        for (const std::string &n : objectPixelAttributeNames())
            out.push_back(n);
        return out;
    }();
    return names;
}

std::vector<std::pair<std::string, AttrValue>> ObjectPixelStats::attributes() const
{
    std::vector<std::pair<std::string, AttrValue>> out;
    if (std::isfinite(brightness))
        out.emplace_back(kObjectBrightness, brightness);
    if (std::isfinite(contrast)) {
        out.emplace_back(kObjectContrast, contrast);
        out.emplace_back(kObjectContrastAbs, std::abs(contrast));
    }
    return out;
}

ObjectPixelStats objectPixelStats(const cv::Mat &grey, const Shape &original, double scale)
{
    ObjectPixelStats out;
    if (grey.empty() || grey.type() != CV_8UC1 || !(scale > 0.0))
        return out;
    const Shape shape = scaled(original, scale);
    const std::vector<ShapePoint> pts = outline(shape);
    if (pts.empty())
        return out;
    double x1 = pts.front().x, y1 = pts.front().y, x2 = x1, y2 = y1;
    for (const ShapePoint &p : pts) {
        x1 = std::min(x1, p.x);
        y1 = std::min(y1, p.y);
        x2 = std::max(x2, p.x);
        y2 = std::max(y2, p.y);
    }
    if (!std::isfinite(x1) || !std::isfinite(y1) || !std::isfinite(x2) || !std::isfinite(y2))
        return out;
    const bool isLine = std::holds_alternative<LineShape>(shape);
    const bool isPoint = std::holds_alternative<PointShape>(shape);
    const double reach = isLine ? kObjectLineHalfWidthPx : isPoint ? kObjectPointRadiusPx : 0.0;
    const double shorter = isLine    ? 2.0 * kObjectLineHalfWidthPx
                           : isPoint ? 2.0 * kObjectPointRadiusPx
                                     : std::min(x2 - x1, y2 - y1);
    out.ringRadius = std::max(kObjectRingMinPx, static_cast<int>(std::lround(kObjectRingShare * shorter)));

    // Everything happens in the shape's neighbourhood, clipped to the image: the ring cannot
    // reach further than reach + r (+ 1 for the pixel that holds an edge).
    const double pad = reach + out.ringRadius + 1.0;
    auto clampTo = [](double v, int size) { return std::clamp(v, -1.0, double(size) + 1.0); };
    const cv::Point from(static_cast<int>(std::floor(clampTo(x1 - pad, grey.cols))),
                         static_cast<int>(std::floor(clampTo(y1 - pad, grey.rows))));
    const cv::Point to(static_cast<int>(std::ceil(clampTo(x2 + pad, grey.cols))),
                       static_cast<int>(std::ceil(clampTo(y2 + pad, grey.rows))));
    const cv::Rect roi = cv::Rect(from, to) & cv::Rect(0, 0, grey.cols, grey.rows);
    if (roi.empty())
        return out;
    cv::Mat mask = cv::Mat::zeros(roi.size(), CV_8U);
    if (isLine)
        fillNear(mask, roi.x, roi.y, std::get<LineShape>(shape).ends, kObjectLineHalfWidthPx);
    else if (isPoint)
        fillNear(mask, roi.x, roi.y, {pts[0].x, pts[0].y, pts[0].x, pts[0].y}, kObjectPointRadiusPx);
    else
        fillInside(mask, roi.x, roi.y, pts);
    out.pixels = cv::countNonZero(mask);
    if (out.pixels == 0)
        return out;
    const cv::Mat region = grey(roi);
    out.brightness = cv::mean(region, mask)[0];

    // Distance of every other pixel's centre to the nearest centre under the shape (exact
    // Euclidean, Felzenszwalb's algorithm): the ring is where it is at most r.
    cv::Mat outside, distance;
    cv::bitwise_not(mask, outside);
    cv::distanceTransform(outside, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE, CV_32F);
    const float limit = static_cast<float>(out.ringRadius) + 1e-3f;
    cv::Mat ring = (distance <= limit) & outside;
    out.ringPixels = cv::countNonZero(ring);
    if (out.ringPixels > 0)
        out.contrast = out.brightness - cv::mean(region, ring)[0];
    return out;
}

ObjectPixelMeasurements measureObjectPixels(const std::vector<std::filesystem::path> &files,
                                            const std::vector<std::vector<Shape>> &shapes, const ProgressFn &progress,
                                            int threads)
{
    ObjectPixelMeasurements out;
    const std::size_t n = std::min(files.size(), shapes.size());
    out.stats.resize(n);
    std::vector<std::string> errors(n);
    ParallelOptions parallel;
    parallel.threads = static_cast<unsigned>(std::max(0, threads));
    parallel.progress = progress;
    parallel.what = "pixels";
    const bool completed = parallelFor(
        n,
        [&](std::size_t i, std::size_t) {
            out.stats[i].assign(shapes[i].size(), ObjectPixelStats{});
            if (shapes[i].empty())
                return; // nothing to measure: do not decode
            if (files[i].empty()) {
                errors[i] = "the image's file is unknown";
                return;
            }
            try {
                const StatsImage image = statsImage(loadImage(files[i]));
                for (std::size_t k = 0; k < shapes[i].size(); ++k)
                    out.stats[i][k] = objectPixelStats(image.grey, shapes[i][k], image.scale);
            } catch (const Error &e) {
                errors[i] = e.what();
            } catch (const cv::Exception &e) {
                errors[i] = std::string("OpenCV: ") + e.what();
            }
        },
        parallel);
    if (!completed)
        throw Error(ErrorCode::Cancelled, "measuring the objects' pixels was cancelled");
    for (std::size_t i = 0; i < n; ++i)
        if (!errors[i].empty()) {
            out.failures.emplace_back(i, errors[i]);
            out.objectsWithout += static_cast<std::int64_t>(shapes[i].size());
        }
    return out;
}

ObjectPixelMeasurements measureObjectPixels(const Store &store, const std::vector<ImageRecord> &images,
                                            const std::vector<std::vector<Shape>> &shapes, const ProgressFn &progress,
                                            int threads)
{
    // Store calls stay on this thread; a path that cannot be resolved is left empty and
    // reported by the workers like a file that cannot be read.
    std::vector<std::filesystem::path> files(images.size());
    std::vector<std::string> unresolved(images.size());
    for (std::size_t i = 0; i < images.size() && i < shapes.size(); ++i) {
        if (shapes[i].empty())
            continue;
        try {
            files[i] = store.resolveImagePath(images[i]);
        } catch (const Error &e) {
            unresolved[i] = e.what();
        }
    }
    ObjectPixelMeasurements out = measureObjectPixels(files, shapes, progress, threads);
    for (auto &[index, reason] : out.failures)
        if (!unresolved[index].empty())
            reason = unresolved[index];
    return out;
}

} // namespace concord::core
