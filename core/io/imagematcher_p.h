// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace concord::core {

class Store;

/// Finds a project image for a reference written by another tool, with the rule of DESIGN §9:
/// the relative path first, then the path without leading folders (an export that put the
/// images under "images/"), then the file name; a file-name match must be unique. Nothing is
/// guessed: when no rule gives exactly one image, the caller gets no match and reports it.
///
/// Why not core::findImage: an import matches thousands of references, so the project's images
/// are indexed once in memory instead of two queries per reference; and VOC needs a match by
/// file name without extension.
class ImageMatcher
{
public:
    explicit ImageMatcher(const Store &store);

    /// Result of a match: the image, or why there is none.
    struct Match
    {
        const ImageRecord *image = nullptr;
        std::vector<const ImageRecord *> candidates; ///< filled when the name is ambiguous
    };

    /// Matches a path or file name ("images/a/b.jpg", "b.jpg", "C:\\x\\b.jpg").
    Match match(const std::string &reference) const;
    /// Matches a file name without extension ("patches_12").
    Match matchStem(const std::string &stem) const;

private:
    std::vector<ImageRecord> m_images;
    std::unordered_map<std::string, std::size_t> m_byPath;
    std::unordered_map<std::string, std::vector<std::size_t>> m_byName;
    std::unordered_map<std::string, std::vector<std::size_t>> m_byStem;

    Match fromList(const std::vector<std::size_t> &list) const;
};

} // namespace concord::core
