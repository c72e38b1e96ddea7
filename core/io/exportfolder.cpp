// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/exportfolder.h"

#include "core/common/error.h"
#include "core/io/exportfiles.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace concord::core {

namespace {

constexpr const char *kManifest = "provenance.json";

std::string randomTag()
{
    static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device rd;
    std::uniform_int_distribution<int> pick(0, 35);
    std::string s;
    for (int i = 0; i < 8; ++i)
        s += kChars[pick(rd)];
    return s;
}

std::string errnoText(int err)
{
    return std::strerror(err);
}

std::vector<std::string> componentsOf(const std::string &rel)
{
    std::vector<std::string> parts;
    std::string part;
    for (char c : rel) {
        if (c == '/') {
            parts.push_back(part);
            part.clear();
        } else {
            part += c;
        }
    }
    parts.push_back(part);
    return parts;
}

/// Opens the folder holding `rel` below `rootFd` without following any symbolic link on the
/// way (O_NOFOLLOW on every component), so nothing outside the folder can be reached.
/// Returns -1 (errno set) when a component is missing or is not a real folder.
int openParentNoFollow(int rootFd, const std::vector<std::string> &parts)
{
    int fd = ::dup(rootFd);
    for (std::size_t i = 0; fd >= 0 && i + 1 < parts.size(); ++i) {
        const int next = ::openat(fd, parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        const int err = errno;
        ::close(fd);
        fd = next;
        errno = err;
    }
    return fd;
}

/// Removes exactly `files` (relative paths) below `root`, then the folders they leave empty.
void removeExactly(const fs::path &root, const std::vector<std::string> &files)
{
    const int rootFd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (rootFd < 0)
        throw Error(ErrorCode::Io, "cannot open the previous export: " + errnoText(errno), root.string());
    std::set<std::string> folders;
    for (const auto &rel : files) {
        const auto parts = componentsOf(rel);
        std::string folder;
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            folder += (i ? "/" : "") + parts[i];
            folders.insert(folder);
        }
        const int fd = openParentNoFollow(rootFd, parts);
        if (fd < 0)
            continue; // gone already, or not a real folder: not ours to follow
        ::unlinkat(fd, parts.back().c_str(), 0);
        ::close(fd);
    }
    // Deepest first, so a folder is empty when its turn comes; a non-empty one stays.
    std::vector<std::string> order(folders.begin(), folders.end());
    std::sort(order.begin(), order.end(), [](const std::string &a, const std::string &b) {
        return std::count(a.begin(), a.end(), '/') > std::count(b.begin(), b.end(), '/');
    });
    for (const auto &rel : order) {
        const auto parts = componentsOf(rel);
        const int fd = openParentNoFollow(rootFd, parts);
        if (fd < 0)
            continue;
        ::unlinkat(fd, parts.back().c_str(), AT_REMOVEDIR);
        ::close(fd);
    }
    ::close(rootFd);
}

void syncTree(const fs::path &root)
{
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
        if (it->symlink_status(ec).type() == fs::file_type::directory)
            syncFolder(it->path());
    if (ec)
        throw Error(ErrorCode::Io, "cannot list the export folder: " + ec.message(), root.string());
    syncFolder(root);
}

/// Removes staging folders of `finalDir` that no live export holds locked: a killed export's.
void removeStaleStaging(const fs::path &finalDir)
{
    const std::string prefix = finalDir.filename().string() + ".tmp-";
    std::error_code ec;
    for (fs::directory_iterator it(finalDir.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0 || it->symlink_status(ec).type() != fs::file_type::directory)
            continue;
        const int fd = ::open(it->path().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored); // does not follow symbolic links
        }
        ::close(fd);
    }
}

} // namespace

ExportFolderState exportFolderState(const fs::path &folder)
{
    std::error_code ec;
    const auto st = fs::status(folder, ec);
    if (st.type() == fs::file_type::not_found)
        return ExportFolderState::Missing;
    if (st.type() != fs::file_type::directory)
        return ExportFolderState::NotAFolder;
    if (fs::directory_iterator(folder, ec) == fs::directory_iterator())
        return ec ? ExportFolderState::Other : ExportFolderState::Empty;
    return fs::symlink_status(folder / kManifest, ec).type() == fs::file_type::regular
               ? ExportFolderState::PreviousExport
               : ExportFolderState::Other;
}

std::vector<std::string> previousExportFiles(const fs::path &folder)
{
    const fs::path manifest = folder / kManifest;
    std::error_code ec;
    if (fs::symlink_status(manifest, ec).type() != fs::file_type::regular)
        throw Error(ErrorCode::Invalid,
                    "the folder is not empty and holds no Concord export (no provenance.json) to replace",
                    folder.string());
    nlohmann::json j;
    {
        std::ifstream in(manifest, std::ios::binary);
        j = nlohmann::json::parse(in, nullptr, false);
    }
    if (!j.is_object() || !j.contains("concord_export"))
        throw Error(ErrorCode::Invalid, "provenance.json is not a Concord export manifest; nothing was replaced",
                    manifest.string(), 0, "concord_export");
    if (!j.contains("files") || !j["files"].is_array())
        throw Error(ErrorCode::Invalid,
                    "this export was written by an older Concord that did not list its files, so it cannot be "
                    "replaced file by file; remove the folder yourself or choose another one",
                    manifest.string(), 0, "files");
    std::set<std::string> listed{kManifest};
    for (const auto &f : j["files"]) {
        if (!f.is_string() || sanitizeRelativePath(f.get<std::string>()) != f.get<std::string>())
            throw Error(ErrorCode::Invalid, "provenance.json lists a file name that is not a safe relative path",
                        manifest.string(), 0, "files");
        listed.insert(f.get<std::string>());
    }
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const auto type = it->symlink_status(ec).type();
        const std::string rel = it->path().lexically_relative(folder).generic_string();
        if (type == fs::file_type::directory)
            continue;
        if (type == fs::file_type::regular && listed.count(rel))
            continue;
        throw Error(ErrorCode::Invalid,
                    std::string(type == fs::file_type::symlink ? "a symbolic link" : "a file") +
                        " that is not part "
                        "of the previous export is in the folder; nothing was replaced (move it away, or choose "
                        "another folder)",
                    it->path().string());
    }
    if (ec)
        throw Error(ErrorCode::Io, "cannot list the folder: " + ec.message(), folder.string());
    return {listed.begin(), listed.end()};
}

ExportStaging::ExportStaging(fs::path finalDir)
    : m_final(std::move(finalDir))
{
    removeStaleStaging(m_final);
    for (int attempt = 0; attempt < 20; ++attempt) {
        fs::path candidate = m_final;
        candidate += ".tmp-" + randomTag();
        if (::mkdir(candidate.c_str(), 0777) == 0) {
            m_dir = std::move(candidate);
            break;
        }
        if (errno != EEXIST)
            throw Error(ErrorCode::Io, "cannot create the staging folder beside the output folder: " + errnoText(errno),
                        candidate.string());
    }
    if (m_dir.empty())
        throw Error(ErrorCode::Io, "cannot find a free staging folder name", m_final.string());
    m_lock = ::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (m_lock < 0 || ::flock(m_lock, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
        if (m_lock >= 0)
            ::close(m_lock);
        throw Error(ErrorCode::Io, "cannot lock the staging folder: " + errnoText(err), m_dir.string());
    }
}

ExportStaging::~ExportStaging()
{
    if (!m_committed) {
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }
    if (m_lock >= 0)
        ::close(m_lock);
}

fs::path ExportStaging::commit(const std::vector<std::string> *previousFiles)
{
    syncTree(m_dir);
    const fs::path parent = m_final.parent_path();
    if (!previousFiles) {
        if (::rename(m_dir.c_str(), m_final.c_str()) != 0) {
            const int err = errno;
            if (err == ENOTEMPTY || err == EEXIST)
                throw Error(ErrorCode::Invalid,
                            "the output folder was written to during the export; nothing was put in place",
                            m_final.string());
            throw Error(ErrorCode::Io, "cannot put the finished export in place: " + errnoText(err), m_final.string());
        }
        m_committed = true;
        syncFolder(parent);
        return {};
    }
    fs::path aside = m_dir; // after the exchange, the staging name holds the previous export
    if (::renameat2(AT_FDCWD, m_dir.c_str(), AT_FDCWD, m_final.c_str(), RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
            throw Error(ErrorCode::Io, "cannot swap the finished export in: " + errnoText(errno), m_final.string());
        // No atomic exchange on this file system: two renames, the old export set aside first.
        aside = m_final;
        aside += ".tmp-" + randomTag();
        if (::rename(m_final.c_str(), aside.c_str()) != 0)
            throw Error(ErrorCode::Io, "cannot move the previous export aside: " + errnoText(errno), m_final.string());
        if (::rename(m_dir.c_str(), m_final.c_str()) != 0) {
            const int err = errno;
            ::rename(aside.c_str(), m_final.c_str());
            throw Error(ErrorCode::Io, "cannot put the finished export in place: " + errnoText(err), m_final.string());
        }
    }
    m_committed = true;
    syncFolder(parent);
    removeExactly(aside, *previousFiles);
    fs::path kept;
    if (::rmdir(aside.c_str()) != 0) {
        kept = m_final;
        kept += ".previous-" + randomTag();
        if (::rename(aside.c_str(), kept.c_str()) != 0)
            kept = aside;
    }
    syncFolder(parent);
    return kept;
}

} // namespace concord::core
