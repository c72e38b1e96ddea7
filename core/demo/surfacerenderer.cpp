// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/surfacerenderer_p.h"

#include "core/common/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace concord::core {

namespace {

constexpr int kLowScale = 8;     ///< smooth fields are computed on an 8× coarser grid
constexpr int kMottleScale = 32; ///< size of the mottling blobs (pixels)
constexpr int kStreakRun = 32;   ///< a brushing streak changes brightness every ~32 px
constexpr int kJpegQuality = 92;

cv::Rect clipped(double x0, double y0, double x1, double y1, int pad, const cv::Size &size)
{
    const int left = static_cast<int>(std::floor(x0)) - pad;
    const int top = static_cast<int>(std::floor(y0)) - pad;
    const int right = static_cast<int>(std::ceil(x1)) + pad;
    const int bottom = static_cast<int>(std::ceil(y1)) + pad;
    return cv::Rect(left, top, right - left + 1, bottom - top + 1) & cv::Rect(cv::Point(0, 0), size);
}

} // namespace

std::vector<unsigned char> SurfaceRenderer::render(const SurfaceImage &s)
{
    // One generator per image, consumed in a fixed order: the pixels depend on the plan only.
    cv::RNG rng(s.textureSeed);
    drawSurface(s, rng);
    if (s.defect == SurfaceDefect::Dent)
        addDent({s.dentX, s.dentY, s.dentA, s.dentB, s.dentAngle, s.dentDepth, s.lightAngle});
    else if (s.defect == SurfaceDefect::Scratch)
        addScratch({s.x1, s.y1, s.x2, s.y2, s.lengthMm, s.scratchContrast, s.scratchThickness});
    for (const auto &d : s.moreDents)
        addDent(d);
    for (const auto &m : s.moreScratches)
        addScratch(m);
    record(s, rng);

    std::vector<unsigned char> jpeg;
    if (!cv::imencode(".jpg", m_bgr, jpeg, {cv::IMWRITE_JPEG_QUALITY, kJpegQuality}))
        throw Error(ErrorCode::Io, "OpenCV could not encode the image as JPEG", s.fileName);
    return jpeg;
}

/// The surface in grey levels: base level with soft mottling, plus the brushed finish, and
/// the lighting it is seen under (gradient × vignette × exposure). The smooth parts are
/// computed coarse and upsampled, which is both faster and what smooth light looks like.
void SurfaceRenderer::drawSurface(const SurfaceImage &s, cv::RNG &rng)
{
    const cv::Size full(s.width, s.height);
    const cv::Size low((s.width + kLowScale - 1) / kLowScale, (s.height + kLowScale - 1) / kLowScale);

    m_mottle.create(s.height / kMottleScale + 2, s.width / kMottleScale + 2, CV_32F);
    rng.fill(m_mottle, cv::RNG::NORMAL, 0.0, 2.5);
    cv::resize(m_mottle, m_lowBase, low, 0, 0, cv::INTER_CUBIC);
    cv::add(m_lowBase, cv::Scalar(s.baseGrey), m_lowBase);

    m_lowLight.create(low, CV_32F);
    const double cx = (s.width - 1) / 2.0;
    const double cy = (s.height - 1) / 2.0;
    const double r2max = cx * cx + cy * cy;
    const double rmax = std::sqrt(r2max);
    const double gx = std::cos(s.gradientAngle);
    const double gy = std::sin(s.gradientAngle);
    for (int yl = 0; yl < low.height; ++yl) {
        auto *row = m_lowLight.ptr<float>(yl);
        const double dy = (yl + 0.5) * kLowScale - 0.5 - cy;
        for (int xl = 0; xl < low.width; ++xl) {
            const double dx = (xl + 0.5) * kLowScale - 0.5 - cx;
            const double along = (dx * gx + dy * gy) / rmax; // -1 .. 1
            const double r2 = (dx * dx + dy * dy) / r2max;   // 0 .. 1
            row[xl] = static_cast<float>((1.0 + s.gradientAmount * along) * (1.0 - s.vignette * r2) * s.cameraGain);
        }
    }
    cv::resize(m_lowBase, m_base, full, 0, 0, cv::INTER_LINEAR);
    cv::resize(m_lowLight, m_light, full, 0, 0, cv::INTER_LINEAR);

    // Brushing: every line across the brush direction is its own streak whose brightness
    // drifts slowly along it.
    const cv::Size streakSize =
        s.brushVertical ? cv::Size(s.width, s.height / kStreakRun + 2) : cv::Size(s.width / kStreakRun + 2, s.height);
    m_streakLow.create(streakSize, CV_32F);
    rng.fill(m_streakLow, cv::RNG::NORMAL, 0.0, 1.0);
    cv::resize(m_streakLow, m_streaks, full, 0, 0, cv::INTER_LINEAR);
    // Linear interpolation between independent values keeps 2/3 of their variance on average.
    cv::scaleAdd(m_streaks, s.brushStrength * std::sqrt(1.5), m_base, m_surface);
}

/// A dent: a soft elliptical depression whose slopes catch the light on one side and fall
/// into shadow on the other, with a slightly darker floor. Drawn only around the dent.
void SurfaceRenderer::addDent(const DentMark &s)
{
    const double sigma = std::max(1.0, s.b * 0.35);
    const double reach = s.a + 3.0 * sigma;
    const cv::Rect roi = clipped(s.cx - reach, s.cy - reach, s.cx + reach, s.cy + reach, 2, m_surface.size());
    cv::Mat mask8 = cv::Mat::zeros(roi.size(), CV_8U);
    const cv::RotatedRect box(cv::Point2f(static_cast<float>(s.cx - roi.x), static_cast<float>(s.cy - roi.y)),
                              cv::Size2f(static_cast<float>(2.0 * s.a), static_cast<float>(2.0 * s.b)),
                              static_cast<float>(s.angleDeg));
    cv::ellipse(mask8, box, cv::Scalar(255), cv::FILLED, cv::LINE_AA);
    cv::Mat mask;
    mask8.convertTo(mask, CV_32F, 1.0 / 255.0);
    cv::GaussianBlur(mask, mask, cv::Size(0, 0), sigma);
    cv::Mat dx;
    cv::Mat dy;
    cv::Sobel(mask, dx, CV_32F, 1, 0, 3);
    cv::Sobel(mask, dy, CV_32F, 0, 1, 3);
    cv::Mat shade;
    cv::addWeighted(dx, std::cos(s.lightAngle), dy, std::sin(s.lightAngle), 0.0, shade);
    double lo = 0.0;
    double hi = 0.0;
    cv::minMaxLoc(shade, &lo, &hi);
    const double peak = std::max(std::abs(lo), std::abs(hi));
    cv::Mat area = m_surface(roi);
    if (peak > 0.0)
        cv::scaleAdd(shade, s.depth / peak, area, area);
    cv::scaleAdd(mask, -0.25 * s.depth, area, area);
}

/// A scratch: a thin anti-aliased line with sub-pixel end points, softened by the optics.
void SurfaceRenderer::addScratch(const ScratchMark &s)
{
    constexpr int kShift = 4; // 1/16 px
    const cv::Rect roi = clipped(std::min(s.x1, s.x2), std::min(s.y1, s.y2), std::max(s.x1, s.x2), std::max(s.y1, s.y2),
                                 s.thickness + 4, m_surface.size());
    const auto fixed = [](double v) { return static_cast<int>(std::lround(v * (1 << kShift))); };
    cv::Mat layer8 = cv::Mat::zeros(roi.size(), CV_8U);
    cv::line(layer8, cv::Point(fixed(s.x1 - roi.x), fixed(s.y1 - roi.y)),
             cv::Point(fixed(s.x2 - roi.x), fixed(s.y2 - roi.y)), cv::Scalar(255), s.thickness, cv::LINE_AA, kShift);
    cv::Mat layer;
    layer8.convertTo(layer, CV_32F, 1.0 / 255.0);
    cv::GaussianBlur(layer, layer, cv::Size(0, 0), 0.6);
    cv::Mat area = m_surface(roi);
    cv::scaleAdd(layer, s.contrast, area, area);
}

/// What the camera records: the lit surface plus sensor noise, quantised, white-balanced.
void SurfaceRenderer::record(const SurfaceImage &s, cv::RNG &rng)
{
    cv::multiply(m_surface, m_light, m_surface);
    m_noise.create(m_surface.size(), CV_32F);
    rng.fill(m_noise, cv::RNG::NORMAL, 0.0, s.noiseSigma);
    cv::add(m_surface, m_noise, m_surface);
    m_surface.convertTo(m_gray8, CV_8U); // saturates to 0..255
    cv::cvtColor(m_gray8, m_bgr, cv::COLOR_GRAY2BGR);
    cv::multiply(m_bgr, cv::Scalar(s.tint[0], s.tint[1], s.tint[2]), m_bgr);
}

} // namespace concord::core
