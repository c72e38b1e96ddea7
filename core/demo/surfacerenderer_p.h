// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/demo/surfaceimage_p.h"

#include <opencv2/core.hpp>

#include <vector>

namespace concord::core {

/// Draws planned demo images (SurfaceImage) and encodes them as JPEG.
///
/// A class rather than a function because it keeps its full-size buffers from one image to
/// the next: drawing 300 images then costs no allocation per image, which matters most in
/// sanitizer builds, where every fresh buffer is fresh pages. Not thread-safe; give each
/// thread its own renderer. The output depends only on the plan (and the OpenCV/libjpeg
/// build), never on which renderer drew it or what it drew before.
class SurfaceRenderer
{
public:
    /// JPEG bytes (quality 92) of the image.
    std::vector<unsigned char> render(const SurfaceImage &image);

private:
    void drawSurface(const SurfaceImage &s, cv::RNG &rng);
    void addDent(const DentMark &d);
    void addScratch(const ScratchMark &m);
    void record(const SurfaceImage &s, cv::RNG &rng);

    // Low-resolution fields, upsampled: the smooth parts of the picture.
    cv::Mat m_lowBase;   ///< base grey + mottling, 1/8 resolution
    cv::Mat m_lowLight;  ///< lighting × exposure, 1/8 resolution
    cv::Mat m_mottle;    ///< coarse mottling noise
    cv::Mat m_streakLow; ///< brushing noise, long along the brush direction
    // Full-resolution buffers, reused.
    cv::Mat m_base;
    cv::Mat m_light;
    cv::Mat m_streaks;
    cv::Mat m_surface;
    cv::Mat m_noise;
    cv::Mat m_gray8;
    cv::Mat m_bgr;
};

} // namespace concord::core
