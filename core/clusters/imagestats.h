// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <opencv2/core/mat.hpp>

#include <vector>

/// \file
/// What OpenCV can say about one image without any label: the computed attributes of issue 4
/// and the feature vector of the visual cluster finder (DESIGN §5.3, §7).

namespace concord::core {

/// Computed attributes of one image, measured on its grey version.
struct ImageStats
{
    double brightness = 0.0;    ///< mean grey level, 0–255
    double contrast = 0.0;      ///< standard deviation of the grey levels
    double sharpness = 0.0;     ///< variance of the Laplacian (Pech-Pacheco et al. 2000): blur lowers it
    double longestLinePx = 0.0; ///< longest segment of OpenCV's line-segment detector (LSD), pixels
};

/// Images are analysed at most this many pixels on the long side; bigger ones are shrunk first
/// (and longestLinePx scaled back), so a 50-megapixel photo costs what a 4-megapixel one does.
inline constexpr int kStatsMaxSide = 2048;

/// Computes the stats of a BGR (or grey) 8-bit image. Pure function, safe on any thread.
ImageStats computeImageStats(const cv::Mat &image);

/// The grey version of an 8-bit BGR, BGRA or grey image (the image itself when it is grey
/// already): what every statistic here, and the objects' brightness and contrast
/// (objectstats.h), is measured on.
cv::Mat greyImage(const cv::Mat &image);

/// The grey image the statistics are measured on: greyImage(), shrunk (INTER_AREA) to at most
/// kStatsMaxSide on the long side.
struct StatsImage
{
    cv::Mat grey;
    double scale = 1.0; ///< original pixels per analysed pixel (1 when not shrunk)
};
StatsImage statsImage(const cv::Mat &image);

/// Side of the small image the visual features are computed from (also what is cached).
inline constexpr int kFeatureImageSize = 64;

/// Shrinks an image to fit kFeatureImageSize (INTER_AREA), the input of visualFeatures().
cv::Mat featureImage(const cv::Mat &image);

/// Visual feature vector of a (feature-sized) BGR image: a 16 × 16 grey thumbnail
/// (256 values, zero mean), a per-channel 8-bin colour histogram (24 values) and
/// a 16-bin gradient-orientation histogram weighted by magnitude (16 values). Each block is
/// scaled to unit length so that none dominates the PCA merely by having more dimensions.
std::vector<float> visualFeatures(const cv::Mat &image);

} // namespace concord::core
