// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

/// \file
/// Whether an image file can be seen as it is: present, readable, decodable, and not
/// truncated or corrupt part way (libjpeg shows a truncated file with a grey bottom and only
/// warns). The front ends show this state and refuse labels on images nobody could see
/// (mayLabel()), so the rule is the same in the window and wherever else labels are made.

namespace concord::core {

/// The state of an image file, from the cheapest check that tells.
enum class ImageHealth : std::uint8_t
{
    Unknown,     ///< not checked yet
    Ok,          ///< every pixel decodes from the file
    Missing,     ///< no file at the path (the folder moved, a drive is not mounted)
    Unreadable,  ///< the file exists but cannot be read (permissions, a folder, I/O error)
    Undecodable, ///< not an image the decoders read (corrupt header, unknown format)
    Damaged,     ///< decodes, but part of it is made up: truncated or corrupt data
};

std::string_view toString(ImageHealth h);

/// The outcome of a check, with the reason in words.
struct ImageCheck
{
    ImageHealth health = ImageHealth::Unknown;
    /// Empty when Ok; otherwise e.g. "damaged: premature end of JPEG data at row 412 of 600".
    std::string reason;
    /// Damaged: first row of the full-size image (0-based) that is not wholly from the file;
    /// -1 when the decoder cannot tell (a progressive JPEG is blurred everywhere instead).
    int damagedFromRow = -1;
    /// Image rows (full size), when the header was read.
    int height = 0;

    bool ok() const { return health == ImageHealth::Ok; }
};

/// True when a label may be saved for an image in this state: not for one that is missing,
/// unreadable, undecodable or damaged, since nobody saw the image the label would describe.
/// Unknown is allowed (nothing says the image is bad; callers check access first).
bool mayLabel(ImageHealth h);

/// The cheap part: the file exists and can be opened for reading. Ok, Missing or Unreadable;
/// a stat and an open, fit for every key press.
ImageCheck checkImageAccess(const std::filesystem::path &file);

/// The whole check: access, a header of a known format, and for JPEG and streamable PNG every
/// row decoded (a JPEG at 1/8 size in the DCT, which still reads every byte: a 24-megapixel
/// file takes some tens of milliseconds). Other formats (and interlaced or transparent PNG)
/// are checked up to their header; their decoder's own errors are the caller's to report.
/// Never throws for a bad file: the state is the answer. Thread-safe.
ImageCheck checkImageFile(const std::filesystem::path &file);

} // namespace concord::core
