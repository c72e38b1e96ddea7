// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace concord::core {

/// Why the bytes of a JPEG or PNG stop before the image does, or nullopt when the file is
/// complete (or of another format). Why: libjpeg decodes a JPEG cut after its header with only
/// a warning ("Premature end of JPEG file") and grey where the data is missing, and OpenCV
/// returns that as a valid image, so `head -c 5000 img.jpg` imported as an image (issue #21).
///
/// The check walks the file's structure, not its pixels, so it costs a scan of bytes already
/// in memory, not a second decode: a JPEG's marker segments are skipped by their lengths and
/// its entropy-coded data is scanned for the next marker (0xFF not followed by a stuffed 0x00
/// or a restart marker) until the end-of-image marker FFD9; a PNG's chunks are skipped by their
/// lengths until IEND. Bytes after the end marker (camera trailers) are allowed.
std::optional<std::string> findTruncation(std::string_view bytes);

} // namespace concord::core
