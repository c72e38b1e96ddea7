// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

/// \file
/// A standard's text is Markdown (the window renders it so, issue #19); the HTML report renders
/// the same text with this small, safe subset instead of showing asterisks.

namespace concord::core {

/// Renders the Markdown a lead writes in a standard as HTML: paragraphs, `#` headings (as
/// h4–h6, below the report's own), `-`/`*`/`+` and `1.` lists, fenced code blocks, `> ` quotes,
/// and inline **bold**, *italic*, `code` and [links](https://…). Everything else is text:
/// every character of the input goes through escapeHtml(), so raw HTML in a standard
/// (`<script>`) is shown, never run, and a link is made only for http, https and mailto
/// addresses (never `javascript:`). `_` does not make italics: attribute names such as
/// length_mm stay as they are written.
std::string markdownToHtml(std::string_view markdown);

} // namespace concord::core
