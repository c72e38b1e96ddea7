// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/faceblurrer.h"

#include "core/common/error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace concord::core {

FaceBlurrer::FaceBlurrer(FaceBlurOptions options)
    : m_options(std::move(options))
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(m_options.cascadePath, ec) || !m_cascade.load(m_options.cascadePath))
        throw Error(ErrorCode::Io,
                    "cannot load the face detector (Haar cascade); on Debian it comes with the package "
                    "opencv-data",
                    m_options.cascadePath);
}

std::vector<cv::Rect> FaceBlurrer::detect(const cv::Mat &image)
{
    cv::Mat gray;
    if (image.channels() == 3)
        cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    else if (image.channels() == 4)
        cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
    else
        gray = image;
    if (gray.depth() != CV_8U)
        gray.convertTo(gray, CV_8U);
    cv::equalizeHist(gray, gray);
    std::vector<cv::Rect> faces;
    m_cascade.detectMultiScale(gray, faces, m_options.scaleFactor, m_options.minNeighbors, 0,
                               cv::Size(m_options.minFaceSize, m_options.minFaceSize));
    return faces;
}

cv::Rect FaceBlurrer::blurArea(const cv::Rect &face, const cv::Size &imageSize) const
{
    const int mx = static_cast<int>(std::lround(face.width * m_options.margin));
    const int my = static_cast<int>(std::lround(face.height * m_options.margin));
    const cv::Rect grown(face.x - mx, face.y - my, face.width + 2 * mx, face.height + 2 * my);
    return grown & cv::Rect(0, 0, imageSize.width, imageSize.height);
}

int FaceBlurrer::blur(cv::Mat &image)
{
    const auto faces = detect(image);
    for (const auto &f : faces) {
        const cv::Rect area = blurArea(f, image.size());
        if (area.empty())
            continue;
        cv::Mat roi = image(area);
        // Sigma grows with the face so that a large face is as unrecognisable as a small one.
        const double sigma = std::max(4.0, std::max(area.width, area.height) / 6.0);
        cv::Mat blurred;
        cv::GaussianBlur(roi, blurred, cv::Size(0, 0), sigma, sigma, cv::BORDER_REPLICATE);
        blurred.copyTo(roi);
    }
    return static_cast<int>(faces.size());
}

} // namespace concord::core
