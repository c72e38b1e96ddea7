// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/imaging/image_integrity.h"

#include <cstdint>
#include <cstring>

namespace concord::core {

namespace {

unsigned byteAt(std::string_view b, std::size_t i)
{
    return static_cast<unsigned char>(b[i]);
}

std::string jpegCut(std::size_t at)
{
    return "truncated JPEG: the data ends at byte " + std::to_string(at) +
           " before the end-of-image marker (FFD9); the missing part would show as grey";
}

std::optional<std::string> jpegTruncation(std::string_view b)
{
    const std::size_t n = b.size();
    std::size_t pos = 2; // after SOI
    while (true) {
        // Next marker: 0xFF, any number of fill bytes 0xFF, then the code. Stray bytes between
        // segments are skipped, as libjpeg does (with a warning, not a failure).
        const void *ff = pos < n ? std::memchr(b.data() + pos, 0xFF, n - pos) : nullptr;
        if (!ff)
            return jpegCut(n);
        pos = static_cast<std::size_t>(static_cast<const char *>(ff) - b.data());
        while (pos + 1 < n && byteAt(b, pos + 1) == 0xFF)
            ++pos;
        if (pos + 1 >= n)
            return jpegCut(n);
        const unsigned marker = byteAt(b, pos + 1);
        if (marker == 0xD9)
            return std::nullopt; // EOI
        if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2; // no length: stuffed byte, TEM, SOI, RSTn
            continue;
        }
        if (pos + 4 > n)
            return jpegCut(n);
        const std::size_t length = (byteAt(b, pos + 2) << 8) | byteAt(b, pos + 3);
        if (length < 2)
            return "corrupt JPEG: a segment at byte " + std::to_string(pos) + " declares a length below 2";
        const std::size_t end = pos + 2 + length;
        if (end > n)
            return jpegCut(n);
        pos = end;
        if (marker != 0xDA)
            continue;
        // Entropy-coded data after SOS: it ends at the first 0xFF that is not followed by a
        // stuffed 0x00, a restart marker or another fill byte.
        while (true) {
            const void *next = pos < n ? std::memchr(b.data() + pos, 0xFF, n - pos) : nullptr;
            if (!next)
                return jpegCut(n);
            pos = static_cast<std::size_t>(static_cast<const char *>(next) - b.data());
            if (pos + 1 >= n)
                return jpegCut(n);
            const unsigned c = byteAt(b, pos + 1);
            if (c == 0x00 || (c >= 0xD0 && c <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (c == 0xFF) {
                ++pos;
                continue;
            }
            break; // a marker: the outer loop reads it
        }
    }
}

std::optional<std::string> pngTruncation(std::string_view b)
{
    const std::size_t n = b.size();
    std::size_t pos = 8; // after the signature
    while (true) {
        if (pos + 8 > n)
            return "truncated PNG: the data ends at byte " + std::to_string(n) + " before the IEND chunk";
        const std::uint64_t length = (std::uint64_t(byteAt(b, pos)) << 24) | (byteAt(b, pos + 1) << 16) |
                                     (byteAt(b, pos + 2) << 8) | byteAt(b, pos + 3);
        if (length > 0x7FFFFFFFu)
            return "corrupt PNG: a chunk at byte " + std::to_string(pos) + " declares a length beyond 2^31 - 1";
        const bool iend = b.substr(pos + 4, 4) == "IEND";
        if (pos + 12 + length > n)
            return "truncated PNG: the data ends at byte " + std::to_string(n) + " inside the " +
                   std::string(b.substr(pos + 4, 4)) + " chunk that starts at byte " + std::to_string(pos);
        if (iend)
            return std::nullopt;
        pos += 12 + length;
    }
}

} // namespace

std::optional<std::string> findTruncation(std::string_view bytes)
{
    if (bytes.size() >= 3 && byteAt(bytes, 0) == 0xFF && byteAt(bytes, 1) == 0xD8 && byteAt(bytes, 2) == 0xFF)
        return jpegTruncation(bytes);
    if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
        return pngTruncation(bytes);
    return std::nullopt;
}

} // namespace concord::core
