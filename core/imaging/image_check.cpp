// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/imaging/image_check.h"

#include "core/common/error.h"
#include "core/imaging/image_header.h"
#include "core/imaging/row_reader.h"

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <memory>
#include <system_error>
#include <vector>

namespace concord::core {

namespace {

ImageCheck make(ImageHealth h, std::string reason, int height = 0)
{
    ImageCheck c;
    c.health = h;
    c.reason = std::move(reason);
    c.height = height;
    return c;
}

struct FileCloser
{
    void operator()(std::FILE *f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

/// Opens the file for reading, or says why it cannot be.
File openForReading(const std::filesystem::path &file, ImageCheck &out)
{
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status)) {
        out = make(ImageHealth::Missing, "the image file is missing: " + file.string());
        return nullptr;
    }
    if (std::filesystem::is_directory(status)) {
        out = make(ImageHealth::Unreadable, "the image path is a folder, not a file: " + file.string());
        return nullptr;
    }
    File f(std::fopen(file.c_str(), "rb"));
    if (!f)
        out = make(ImageHealth::Unreadable,
                   std::string("the image file cannot be read (") + std::strerror(errno) + "): " + file.string());
    else
        out = make(ImageHealth::Ok, {});
    return f;
}

std::string rowText(int row, int height)
{
    return "at row " + std::to_string(row) + " of " + std::to_string(height);
}

} // namespace

std::string_view toString(ImageHealth h)
{
    switch (h) {
    case ImageHealth::Unknown: return "unknown";
    case ImageHealth::Ok: return "ok";
    case ImageHealth::Missing: return "missing";
    case ImageHealth::Unreadable: return "unreadable";
    case ImageHealth::Undecodable: return "undecodable";
    case ImageHealth::Damaged: return "damaged";
    }
    return "unknown";
}

bool mayLabel(ImageHealth h)
{
    return h == ImageHealth::Ok || h == ImageHealth::Unknown;
}

ImageCheck checkImageAccess(const std::filesystem::path &file)
{
    ImageCheck c;
    openForReading(file, c);
    return c;
}

ImageCheck checkImageFile(const std::filesystem::path &file)
{
    ImageCheck c;
    File f = openForReading(file, c);
    if (!f)
        return c;
    // Enough for the header behind large EXIF blocks (each APP segment is at most 64 KB).
    std::string head(std::size_t{256} * 1024, '\0');
    head.resize(std::fread(head.data(), 1, head.size(), f.get()));
    if (std::ferror(f.get()))
        return make(ImageHealth::Unreadable, std::string("read error: ") + std::strerror(errno));
    f.reset();
    if (head.empty())
        return make(ImageHealth::Undecodable, "empty file (0 bytes)");
    const auto header = readHeaderSize(head);
    if (!header)
        return make(ImageHealth::Undecodable, "not a supported image (unknown or truncated header)");
    c.height = header->height;

    std::unique_ptr<RowReader> rows;
    try {
        rows = RowReader::open(file.string(), 8);
    } catch (const Error &e) {
        return make(e.code() == ErrorCode::Io ? ImageHealth::Unreadable : ImageHealth::Undecodable, e.detail(),
                    header->height);
    }
    if (!rows)
        return c; // a format that is not streamed: its decoder reports its own errors
    std::vector<std::uint8_t> band(static_cast<std::size_t>(rows->width()) * 4 * 16);
    try {
        while (rows->read(band.data(), static_cast<std::size_t>(rows->width()) * 4, 16) > 0) {
        }
    } catch (const Error &e) {
        // The row the decoder failed at, in full-size rows (a reduced JPEG's rows are 8 tall).
        const auto decoded = std::max<std::int64_t>(0, e.line() - 1);
        const int failed = static_cast<int>(decoded * rows->fullHeight() / std::max(1, rows->height()));
        if (failed == 0)
            return make(ImageHealth::Undecodable, e.detail(), rows->fullHeight());
        ImageCheck d = make(ImageHealth::Damaged, "damaged: " + e.detail() + " " + rowText(failed, rows->fullHeight()),
                            rows->fullHeight());
        d.damagedFromRow = failed;
        return d;
    }
    if (const auto &damage = rows->damage()) {
        ImageCheck d = make(ImageHealth::Damaged,
                            "damaged: " + damage->message +
                                (damage->row >= 0 ? " " + rowText(damage->row, rows->fullHeight()) : std::string()),
                            rows->fullHeight());
        d.damagedFromRow = damage->row;
        return d;
    }
    c.height = rows->fullHeight();
    return c;
}

} // namespace concord::core
