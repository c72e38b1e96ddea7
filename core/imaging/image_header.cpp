// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/imaging/image_header.h"

#include <cstdint>

namespace concord::core {

namespace {

std::uint32_t be16(std::string_view b, std::size_t at)
{
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 8) | static_cast<unsigned char>(b[at + 1]);
}
std::uint32_t be32(std::string_view b, std::size_t at)
{
    return (be16(b, at) << 16) | be16(b, at + 2);
}
std::uint32_t le16(std::string_view b, std::size_t at)
{
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8) | static_cast<unsigned char>(b[at]);
}
std::uint32_t le32(std::string_view b, std::size_t at)
{
    return (le16(b, at + 2) << 16) | le16(b, at);
}
std::uint32_t le24(std::string_view b, std::size_t at)
{
    return le16(b, at) | (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16);
}

std::optional<HeaderSize> make(std::uint32_t w, std::uint32_t h, const char *format)
{
    if (w == 0 || h == 0 || w > 0x7fffffff || h > 0x7fffffff)
        return std::nullopt;
    return HeaderSize{static_cast<int>(w), static_cast<int>(h), format};
}

std::optional<HeaderSize> jpeg(std::string_view b)
{
    std::size_t i = 2;
    while (i + 4 <= b.size()) {
        if (static_cast<unsigned char>(b[i]) != 0xFF)
            return std::nullopt;
        const auto marker = static_cast<unsigned char>(b[i + 1]);
        if (marker == 0xFF) { // fill byte
            ++i;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            i += 2;
            continue;
        }
        const std::uint32_t len = be16(b, i + 2);
        if (len < 2)
            return std::nullopt;
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (i + 9 > b.size())
                return std::nullopt;
            return make(be16(b, i + 7), be16(b, i + 5), "jpeg");
        }
        i += 2 + len;
    }
    return std::nullopt;
}

std::optional<HeaderSize> tiff(std::string_view b)
{
    const bool little = b[0] == 'I';
    auto u16 = [&](std::size_t at) { return little ? le16(b, at) : be16(b, at); };
    auto u32 = [&](std::size_t at) { return little ? le32(b, at) : be32(b, at); };
    const std::size_t ifd = u32(4);
    if (ifd + 2 > b.size())
        return std::nullopt;
    const std::uint32_t n = u16(ifd);
    std::uint32_t w = 0, h = 0;
    for (std::uint32_t k = 0; k < n; ++k) {
        const std::size_t e = ifd + 2 + 12 * std::size_t{k};
        if (e + 12 > b.size())
            return std::nullopt;
        const std::uint32_t tag = u16(e);
        const std::uint32_t type = u16(e + 2);
        const std::uint32_t value = type == 3 ? u16(e + 8) : u32(e + 8);
        if (tag == 256)
            w = value;
        else if (tag == 257)
            h = value;
    }
    return make(w, h, "tiff");
}

std::optional<HeaderSize> webp(std::string_view b)
{
    if (b.size() < 30)
        return std::nullopt;
    const std::string_view chunk = b.substr(12, 4);
    if (chunk == "VP8 ")
        return make(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff, "webp");
    if (chunk == "VP8L") {
        const std::uint32_t bits = le32(b, 21);
        return make((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, "webp");
    }
    if (chunk == "VP8X")
        return make(le24(b, 24) + 1, le24(b, 27) + 1, "webp");
    return std::nullopt;
}

} // namespace

std::optional<HeaderSize> readHeaderSize(std::string_view b)
{
    if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8)
        return jpeg(b);
    if (b.size() >= 24 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
        return make(be32(b, 16), be32(b, 20), "png");
    if (b.size() >= 26 && b.substr(0, 2) == "BM") {
        // A negative height means top-down rows. Its magnitude in 64 bits: −INT32_MIN does
        // not fit an int32 (fuzz_header found it; tst_image_import keeps the input).
        const std::int64_t h = static_cast<std::int32_t>(le32(b, 22));
        return make(le32(b, 18), static_cast<std::uint32_t>(h < 0 ? -h : h), "bmp");
    }
    if (b.size() >= 10 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a"))
        return make(le16(b, 6), le16(b, 8), "gif");
    if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP")
        return webp(b);
    if (b.size() >= 8 &&
        (b.substr(0, 4) == std::string_view("II*\0", 4) || b.substr(0, 4) == std::string_view("MM\0*", 4)))
        return tiff(b);
    return std::nullopt;
}

} // namespace concord::core
