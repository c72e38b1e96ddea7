// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/imaging/image_probe.h"

#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/imaging/image_header.h"
#include "core/imaging/image_integrity.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>

namespace concord::core {

namespace {

HeaderSize checkHeader(std::string_view bytes, const std::filesystem::path &file, std::int64_t maxPixels)
{
    if (bytes.empty())
        throw Error(ErrorCode::Invalid, "empty file (0 bytes)", file.string());
    const auto size = readHeaderSize(bytes);
    if (!size)
        throw Error(ErrorCode::Invalid, "not a supported image (unknown or truncated header)", file.string());
    const std::int64_t pixels = std::int64_t(size->width) * size->height;
    if (pixels > maxPixels)
        throw Error(ErrorCode::Invalid,
                    "image declares " + std::to_string(size->width) + "×" + std::to_string(size->height) +
                        " pixels, more than the limit of " + std::to_string(maxPixels) +
                        " (raise it if the file is genuine)",
                    file.string());
    return *size;
}

cv::Mat decode(std::string_view bytes, int flags, const HeaderSize &size, const std::filesystem::path &file)
{
    cv::Mat buf(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char *>(bytes.data()));
    cv::Mat img;
    try {
        img = cv::imdecode(buf, flags);
    } catch (const cv::Exception &e) {
        // OpenCV refuses images beyond its own limits (validateInputImageSize: 2^30 pixels,
        // 2^20 columns or rows unless OPENCV_IO_MAX_IMAGE_PIXELS/_WIDTH/_HEIGHT say otherwise)
        // with a failed assertion: a genuine image that is too large, not a corrupt one.
        if (std::string_view(e.what()).find("CV_IO_MAX_IMAGE") != std::string_view::npos)
            throw Error(ErrorCode::Invalid,
                        "image too large to decode: " + std::to_string(size.width) + "×" + std::to_string(size.height) +
                            " pixels is beyond OpenCV's limit (2^30 pixels and 2^20 pixels a side, unless "
                            "OPENCV_IO_MAX_IMAGE_PIXELS, OPENCV_IO_MAX_IMAGE_WIDTH or OPENCV_IO_MAX_IMAGE_HEIGHT "
                            "raise it)",
                        file.string());
        throw Error(ErrorCode::Invalid, std::string("corrupt image: ") + e.what(), file.string());
    }
    if (img.empty())
        throw Error(ErrorCode::Invalid, "corrupt or truncated image (the decoder failed)", file.string());
    return img;
}

} // namespace

std::string readFileBytes(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error(ErrorCode::Io, "cannot open file for reading", file.string());
    const auto size = in.tellg();
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.seekg(0);
    if (size > 0 && !in.read(bytes.data(), size))
        throw Error(ErrorCode::Io, "read error", file.string());
    return bytes;
}

ImageProbe probeImage(const std::filesystem::path &file, std::int64_t maxPixels, bool makeThumbnail)
{
    const std::string bytes = readFileBytes(file);
    const HeaderSize header = checkHeader(bytes, file, maxPixels);
    // Before decoding: the reduced decode below would turn a cut JPEG into grey pixels
    // without an error (issue #21).
    if (const auto cut = findTruncation(bytes))
        throw Error(ErrorCode::Invalid, *cut, file.string());

    ImageProbe probe;
    probe.bytes = static_cast<std::int64_t>(bytes.size());
    probe.hash = contentHash(bytes);

    // Decode at 1/2, 1/4 or 1/8 so that the thumbnail's side is still ≥ kThumbnailSize:
    // libjpeg then skips most of the IDCT work.
    const int longSide = std::max(header.width, header.height);
    int flags = cv::IMREAD_COLOR;
    if (longSide >= 8 * kThumbnailSize)
        flags = cv::IMREAD_REDUCED_COLOR_8;
    else if (longSide >= 4 * kThumbnailSize)
        flags = cv::IMREAD_REDUCED_COLOR_4;
    else if (longSide >= 2 * kThumbnailSize)
        flags = cv::IMREAD_REDUCED_COLOR_2;
    const cv::Mat img = decode(bytes, flags, header, file);

    probe.width = header.width;
    probe.height = header.height;
    // EXIF orientation 5–8 rotates by 90°: the decoded aspect tells us (square images are
    // unaffected either way).
    if (header.width != header.height && (img.cols > img.rows) != (header.width > header.height))
        std::swap(probe.width, probe.height);

    if (makeThumbnail) {
        const double scale = std::min(1.0, double(kThumbnailSize) / std::max(img.cols, img.rows));
        cv::Mat thumb;
        if (scale < 1.0)
            cv::resize(img, thumb, cv::Size(), scale, scale, cv::INTER_AREA);
        else
            thumb = img;
        std::vector<unsigned char> jpeg;
        cv::imencode(".jpg", thumb, jpeg, {cv::IMWRITE_JPEG_QUALITY, 85});
        probe.thumbnailJpeg.assign(jpeg.begin(), jpeg.end());
    }
    return probe;
}

cv::Mat loadImage(const std::filesystem::path &file, std::int64_t maxPixels)
{
    const std::string bytes = readFileBytes(file);
    const HeaderSize header = checkHeader(bytes, file, maxPixels);
    return decode(bytes, cv::IMREAD_COLOR, header, file);
}

} // namespace concord::core
