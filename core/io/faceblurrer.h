// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <opencv2/core.hpp>
#include <opencv2/objdetect.hpp>

#include <string>
#include <vector>

namespace concord::core {

/// Where Debian's opencv-data package installs the frontal-face Haar cascade.
inline constexpr const char *kDefaultFaceCascade =
    "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

struct FaceBlurOptions
{
    std::string cascadePath = kDefaultFaceCascade;
    /// Extra border blurred around each detected face, as a fraction of the face box size on
    /// each side: Haar boxes are tight around eyes and mouth, ears and hair line stay outside.
    double margin = 0.2;
    double scaleFactor = 1.1;
    int minNeighbors = 4;
    int minFaceSize = 24; ///< pixels
};

/// Privacy blurring of faces in exported image copies (DESIGN §7, issue 7): OpenCV's Haar
/// cascade finds frontal faces, and each face box plus its margin gets a strong Gaussian blur.
/// Only pixels inside the enlarged boxes change. Not thread-safe (OpenCV's classifier keeps
/// state while detecting): use one FaceBlurrer per thread.
class FaceBlurrer
{
public:
    /// Loads the cascade; Error(Io) naming the file (and the Debian package) when it is missing.
    explicit FaceBlurrer(FaceBlurOptions options = {});

    /// Face boxes found in a BGR or grey image.
    std::vector<cv::Rect> detect(const cv::Mat &image);
    /// The area blurred for a face box: the box grown by the margin, clipped to the image.
    cv::Rect blurArea(const cv::Rect &face, const cv::Size &imageSize) const;
    /// Blurs every face in place; returns how many were blurred.
    int blur(cv::Mat &image);

private:
    FaceBlurOptions m_options;
    cv::CascadeClassifier m_cascade;
};

} // namespace concord::core
