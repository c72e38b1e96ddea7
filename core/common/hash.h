// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace concord::core {

/// XXH3-128 of a byte buffer as 32 lowercase hex digits. Used as the content hash of images
/// (re-import detection, thumbnail cache keys); not a cryptographic hash.
std::string contentHash(const void *data, std::size_t size);
inline std::string contentHash(std::string_view bytes)
{
    return contentHash(bytes.data(), bytes.size());
}

/// XXH3-128 of a file, streamed. Throws Error(Io) naming the file when it cannot be read.
std::string fileContentHash(const std::string &path);

} // namespace concord::core
