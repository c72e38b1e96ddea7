// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

/// \file
/// Text helpers of the HTML report. Every string that comes from a project (labeler, class,
/// image, standard and rule text) is written through escapeHtml(), because a project can come
/// from anyone and its report is opened in a browser: a labeler named `<script>` must show as
/// text, never run.

namespace concord::core {

/// Escapes & < > " ' for use in HTML text and in double- or single-quoted attribute values
/// (also SVG, which is XML). Invalid UTF-8 bytes are replaced by U+FFFD so the page stays
/// valid whatever bytes the project holds.
std::string escapeHtml(std::string_view text);

/// At most `maxChars` code points of UTF-8 `text`, with "…" appended when cut; for chart
/// labels, whose space is fixed (the full text goes into a tooltip).
std::string ellipsize(std::string_view text, std::size_t maxChars);

/// Standard base64 (RFC 4648, with padding), for data: URIs.
std::string base64Encode(std::string_view bytes);

} // namespace concord::core
