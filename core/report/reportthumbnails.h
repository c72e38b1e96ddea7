// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <map>
#include <string>

/// \file
/// Thumbnails for the report as data: URIs, so the HTML file carries its pictures with it and
/// can be mailed or archived alone.

namespace concord::core {

/// Side of the box report thumbnails fit into: the import's thumbnail size, so the cache
/// written at import time is used as is.
inline constexpr int kReportThumbnailSize = 256;

/// Makes and remembers thumbnails of one project's images.
class ReportThumbnails
{
public:
    explicit ReportThumbnails(const Store &store);

    /// `data:image/jpeg;base64,…` for the image: the project's cached thumbnail
    /// (Store::thumbnail(hash, kReportThumbnailSize)) or, when there is none, one made with
    /// OpenCV from the file. Empty when the image is unknown or its file cannot be read (the
    /// report then shows the path instead of a picture); never throws for a bad file.
    std::string dataUri(Id image);

    /// Images whose file could not be read, with the reason.
    const std::map<Id, std::string> &failures() const { return m_failures; }

private:
    const Store &m_store;
    std::map<Id, std::string> m_cache;
    std::map<Id, std::string> m_failures;
};

} // namespace concord::core
