// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace concord::core {

/// Pixel size read from an image file's header, before any decoding.
struct HeaderSize
{
    int width = 0;
    int height = 0;
    const char *format = ""; ///< "jpeg", "png", "bmp", "gif", "webp", "tiff"
};

/// Reads the stored width and height from the header of a JPEG, PNG, BMP, GIF, WebP or TIFF
/// byte buffer, without decoding pixels. This is what lets the importer refuse a
/// decompression bomb (a small file declaring 100 000 × 100 000 pixels) before a decoder
/// allocates memory for it. Returns nullopt for an unknown or truncated header.
std::optional<HeaderSize> readHeaderSize(std::string_view bytes);

} // namespace concord::core
