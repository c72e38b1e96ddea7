// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// \file
/// The one place that decides what text Concord stores (issue #21). Everything in a project is
/// UTF-8: the JSON that exports, `info --json` and the audit log write refuses anything else
/// (nlohmann's type_error.316), so one Latin-1 byte that got in once broke every later export.
/// Importers therefore validate (or convert from a declared encoding) before anything is
/// written, and names given by people pass checkName().

namespace concord::core {

/// Encodings a user can declare for an input file (`--encoding`). Files are UTF-8 by default;
/// Latin-1 and Windows-1252 are what spreadsheets on Western European systems save.
enum class TextEncoding : std::uint8_t
{
    Utf8,        ///< validated, never changed (an initial BOM is kept for the readers to skip)
    Latin1,      ///< ISO 8859-1: every byte is the code point of the same value
    Windows1252, ///< Latin-1 with printable characters in 0x80–0x9F (€, „, …); five bytes undefined
};

/// TextEncoding from "utf-8", "latin1" / "iso-8859-1", "windows-1252" / "cp1252" (case
/// ignored); Error(Invalid) listing the names otherwise.
TextEncoding parseTextEncoding(std::string_view name);

/// Names parseTextEncoding() accepts, for help texts.
std::vector<std::string> textEncodingNames();

/// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629:
/// no overlong forms, no surrogates, nothing beyond U+10FFFF), or nullopt when `text` is valid.
std::optional<std::size_t> findInvalidUtf8(std::string_view text) noexcept;

/// Returns `text` as UTF-8: validated when `encoding` is Utf8, converted otherwise. `line` is
/// the 1-based line of the text's first byte in `file`; the error names the line and column of
/// the bad byte and suggests `--encoding`. A NUL byte is refused as well (it is what a UTF-16
/// file looks like to a UTF-8 reader, and C strings end at it). Throws Error(Parse).
std::string decodeText(std::string_view text, TextEncoding encoding, const std::string &file, std::int64_t line = 1);

/// decodeText() for UTF-8 without the copy: throws the same Error(Parse) for invalid UTF-8 or a
/// NUL byte, returns when `text` is fine.
void checkUtf8Text(std::string_view text, const std::string &file, std::int64_t line = 1);

/// Checks a name a person gives or an importer reads (labeler, class, attribute, standard
/// title, project name): valid UTF-8, not empty or only blanks, no control characters (C0
/// including NUL and tab, DEL, C1). `what` says which name ("class name") in the message;
/// `file`, `line` and `field` say where it came from. Throws Error(Invalid).
void checkName(std::string_view name, std::string_view what, const std::string &file = {}, std::int64_t line = 0,
               const std::string &field = {});

/// `text` with every byte that is not part of well-formed UTF-8 written as "\xE9", so that a
/// message or a JSON report can name a file whose name is not UTF-8 without failing itself.
std::string printableUtf8(std::string_view text);

/// Checks free text (a standard's body, an example note): valid UTF-8 and no NUL; line breaks
/// and tabs are allowed. Throws Error(Invalid) naming `field`.
void checkText(std::string_view text, const std::string &field);

} // namespace concord::core
