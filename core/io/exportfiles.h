// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

/// \file
/// Safe file output for exports (DESIGN §9): every file appears whole or not at all, and no
/// name taken from a label or an image path can leave the output folder.

namespace concord::core {

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then rename(), so
/// a reader (or a crash) never sees half a file. Creates missing parent folders. Error(Io)
/// naming the file on failure (the temporary file is removed).
void atomicWriteFile(const std::filesystem::path &path, std::string_view bytes);

/// Copies (or hard-links, falling back to a copy across file systems) `from` to `to`
/// atomically in the same way.
void atomicCopyFile(const std::filesystem::path &from, const std::filesystem::path &to, bool hardLink);

/// A relative path that stays inside the folder it is joined to: separators unified to '/',
/// empty, "." and ".." components dropped, a leading '/' or drive letter ("C:") removed, and
/// control characters and : * ? " < > | \ replaced by '_'. Never empty ("_" at worst).
std::string sanitizeRelativePath(std::string_view path);

/// One safe path component (a class name used as a folder name): as sanitizeRelativePath, with
/// '/' replaced too, and "." / ".." turned into "_." / "_..".
std::string sanitizeFileName(std::string_view name);

} // namespace concord::core
