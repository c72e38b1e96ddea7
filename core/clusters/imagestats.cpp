// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/clusters/imagestats.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace concord::core {

namespace {

void normalise(std::vector<float> &v, std::size_t begin, std::size_t end)
{
    double sum = 0;
    for (std::size_t i = begin; i < end; ++i)
        sum += double(v[i]) * v[i];
    const double norm = std::sqrt(sum);
    if (norm > 0)
        for (std::size_t i = begin; i < end; ++i)
            v[i] = static_cast<float>(v[i] / norm);
}

} // namespace

cv::Mat greyImage(const cv::Mat &image)
{
    if (image.channels() == 1)
        return image;
    cv::Mat grey;
    cv::cvtColor(image, grey, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    return grey;
}

StatsImage statsImage(const cv::Mat &image)
{
    StatsImage out;
    if (image.empty())
        return out;
    out.grey = greyImage(image);
    const int side = std::max(out.grey.cols, out.grey.rows);
    if (side > kStatsMaxSide) {
        out.scale = double(side) / kStatsMaxSide;
        cv::Mat small;
        cv::resize(out.grey, small, cv::Size(), 1.0 / out.scale, 1.0 / out.scale, cv::INTER_AREA);
        out.grey = small;
    }
    return out;
}

ImageStats computeImageStats(const cv::Mat &image)
{
    ImageStats s;
    if (image.empty())
        return s;
    const StatsImage analysed = statsImage(image);
    const cv::Mat &grey = analysed.grey;
    const double scale = analysed.scale;
    cv::Scalar mean, sd;
    cv::meanStdDev(grey, mean, sd);
    s.brightness = mean[0];
    s.contrast = sd[0];
    cv::Mat lap;
    cv::Laplacian(grey, lap, CV_64F);
    cv::meanStdDev(lap, mean, sd);
    s.sharpness = sd[0] * sd[0];

    // LSD is back in OpenCV since 4.5.1 (its licence was clarified); Debian 12 ships 4.6.
    auto lsd = cv::createLineSegmentDetector(cv::LSD_REFINE_STD);
    std::vector<cv::Vec4f> lines;
    lsd->detect(grey, lines);
    double longest = 0;
    for (const auto &l : lines)
        longest = std::max(longest, std::hypot(double(l[2] - l[0]), double(l[3] - l[1])));
    s.longestLinePx = longest * scale;
    return s;
}

cv::Mat featureImage(const cv::Mat &image)
{
    if (image.empty())
        return {};
    cv::Mat bgr = image;
    if (image.channels() == 1)
        cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
    else if (image.channels() == 4)
        cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
    const double f = double(kFeatureImageSize) / std::max(bgr.cols, bgr.rows);
    if (f >= 1.0)
        return bgr.clone();
    cv::Mat small;
    cv::resize(bgr, small,
               cv::Size(std::max(1, int(std::lround(bgr.cols * f))), std::max(1, int(std::lround(bgr.rows * f)))), 0, 0,
               cv::INTER_AREA);
    return small;
}

std::vector<float> visualFeatures(const cv::Mat &image)
{
    constexpr int kThumb = 16, kColourBins = 8, kOrientBins = 16;
    std::vector<float> v(kThumb * kThumb + 3 * kColourBins + kOrientBins, 0.0f);
    if (image.empty())
        return v;
    cv::Mat bgr = image;
    if (image.channels() == 1)
        cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
    else if (image.channels() == 4)
        cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
    const cv::Mat grey = greyImage(bgr);

    // Grey thumbnail, zero mean: layout and lighting gradients, not overall exposure twice.
    cv::Mat thumb;
    cv::resize(grey, thumb, cv::Size(kThumb, kThumb), 0, 0, cv::INTER_AREA);
    double mean = cv::mean(thumb)[0];
    std::size_t k = 0;
    for (int y = 0; y < kThumb; ++y)
        for (int x = 0; x < kThumb; ++x)
            v[k++] = static_cast<float>(thumb.at<std::uint8_t>(y, x) - mean);
    normalise(v, 0, k);

    // Colour histogram per channel (white balance, exposure).
    const std::size_t colourBegin = k;
    const double pixels = double(bgr.total());
    for (int y = 0; y < bgr.rows; ++y)
        for (int x = 0; x < bgr.cols; ++x) {
            const auto &p = bgr.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; ++c)
                v[colourBegin + static_cast<std::size_t>(c * kColourBins + p[c] * kColourBins / 256)] +=
                    float(1.0 / pixels);
        }
    k = colourBegin + 3 * kColourBins;
    normalise(v, colourBegin, k);

    // Gradient orientation (texture direction, edges), magnitude-weighted, modulo 180°.
    const std::size_t orientBegin = k;
    cv::Mat gx, gy;
    cv::Sobel(grey, gx, CV_32F, 1, 0);
    cv::Sobel(grey, gy, CV_32F, 0, 1);
    for (int y = 0; y < grey.rows; ++y)
        for (int x = 0; x < grey.cols; ++x) {
            const float dx = gx.at<float>(y, x), dy = gy.at<float>(y, x);
            const float mag = std::hypot(dx, dy);
            if (mag <= 0)
                continue;
            double a = std::atan2(dy, dx);
            if (a < 0)
                a += std::numbers::pi;
            int bin = int(a / std::numbers::pi * kOrientBins);
            bin = std::clamp(bin, 0, kOrientBins - 1);
            v[orientBegin + std::size_t(bin)] += mag;
        }
    normalise(v, orientBegin, orientBegin + kOrientBins);
    return v;
}

} // namespace concord::core
