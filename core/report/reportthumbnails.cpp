// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/reportthumbnails.h"

#include "core/common/error.h"
#include "core/imaging/image_probe.h"
#include "core/report/htmltext.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace concord::core {

ReportThumbnails::ReportThumbnails(const Store &store)
    : m_store(store)
{
}

std::string ReportThumbnails::dataUri(Id image)
{
    if (const auto it = m_cache.find(image); it != m_cache.end())
        return it->second;
    std::string uri;
    const auto rec = m_store.image(image);
    if (rec) {
        std::optional<std::string> jpeg = m_store.thumbnail(rec->hash, kReportThumbnailSize);
        if (!jpeg) {
            try {
                const cv::Mat full = loadImage(m_store.resolveImagePath(*rec));
                const double scale = std::min(1.0, double(kReportThumbnailSize) / std::max(full.cols, full.rows));
                cv::Mat small;
                cv::resize(full, small, cv::Size(), scale, scale, cv::INTER_AREA);
                std::vector<uchar> bytes;
                if (cv::imencode(".jpg", small, bytes, {cv::IMWRITE_JPEG_QUALITY, 85}))
                    jpeg = std::string(bytes.begin(), bytes.end());
                else
                    m_failures[image] = "could not encode the thumbnail";
            } catch (const Error &e) {
                m_failures[image] = e.what();
            } catch (const cv::Exception &e) {
                m_failures[image] = e.what();
            }
        }
        if (jpeg)
            uri = "data:image/jpeg;base64," + base64Encode(*jpeg);
    }
    m_cache.emplace(image, uri);
    return uri;
}

} // namespace concord::core
