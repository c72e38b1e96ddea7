// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

/// \file
/// Safe file output for exports (DESIGN §9): every file appears whole or not at all, and no
/// name taken from a label or an image path can leave the output folder.

namespace concord::core {

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk
/// (fsync), then rename(), so a reader (or a crash) never sees half a file. Creates missing
/// parent folders. Error(Io) naming the file and the system's reason on failure (the temporary
/// file is removed).
void atomicWriteFile(const std::filesystem::path &path, std::string_view bytes);

/// Copies (or hard-links, falling back to a copy across file systems) `from` to `to`
/// atomically in the same way. `from` is only read.
void atomicCopyFile(const std::filesystem::path &from, const std::filesystem::path &to, bool hardLink);

/// Flushes a folder's entries (new names, renames) to disk. Error(Io) naming it on failure.
void syncFolder(const std::filesystem::path &folder);

/// A relative path that stays inside the folder it is joined to: separators unified to '/',
/// empty, "." and ".." components dropped, a leading '/' or drive letter ("C:") removed, and
/// control characters and : * ? " < > | \ replaced by '_'. Never empty ("_" at worst).
std::string sanitizeRelativePath(std::string_view path);

/// One safe path component (a class name used as a folder name): as sanitizeRelativePath, with
/// '/' replaced too, and "." / ".." turned into "_." / "_..".
std::string sanitizeFileName(std::string_view name);

/// The files of one export as they are written into its (staging) folder. Every name is
/// relative to the folder and already safe (sanitizeRelativePath leaves it unchanged); a
/// name written twice, also when the two differ only in upper/lower case (one file on
/// Windows and macOS), is refused with Error(Invalid) instead of silently replacing the first
/// file: two exported images or label files never share a name.
class ExportOutput
{
public:
    explicit ExportOutput(std::filesystem::path root);

    const std::filesystem::path &root() const { return m_root; }
    /// atomicWriteFile into the folder.
    void writeFile(const std::string &rel, std::string_view bytes);
    /// atomicCopyFile into the folder.
    void copyFile(const std::filesystem::path &from, const std::string &rel, bool hardLink);
    /// Every file written, in the order written.
    const std::vector<std::string> &files() const { return m_files; }

private:
    std::filesystem::path claim(const std::string &rel);

    std::filesystem::path m_root;
    std::vector<std::string> m_files;
    std::set<std::string> m_folded; ///< names in lower case, to catch case-only clashes
};

} // namespace concord::core
