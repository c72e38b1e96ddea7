// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/exportfiles.h"

#include "core/common/error.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace concord::core {

namespace {

std::filesystem::path tempPathFor(const std::filesystem::path &path)
{
    static std::atomic<unsigned> counter{0};
    return path.parent_path() / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(counter.fetch_add(1)));
}

void ensureParent(const std::filesystem::path &path)
{
    std::error_code ec;
    if (path.has_parent_path())
        std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
        throw Error(ErrorCode::Io, "cannot create the folder: " + ec.message(), path.parent_path().string());
}

void commit(const std::filesystem::path &tmp, const std::filesystem::path &path)
{
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw Error(ErrorCode::Io, "cannot move the finished file into place: " + ec.message(), path.string());
    }
}

/// Writes all of `bytes` to a new file and fsyncs it; returns 0 or the errno of the failure.
int writeAndSync(const std::filesystem::path &file, std::string_view bytes)
{
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return errno;
    int err = 0;
    std::size_t done = 0;
    while (done < bytes.size() && err == 0) {
        const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno != EINTR)
            err = errno;
        else if (n > 0)
            done += static_cast<std::size_t>(n);
    }
    if (err == 0 && ::fsync(fd) != 0)
        err = errno;
    if (::close(fd) != 0 && err == 0)
        err = errno;
    return err;
}

/// Copies the bytes of `from` (an image, never a project file) to the new file `to` with
/// `from`'s permissions, and fsyncs it; returns 0 or the errno of the failing call.
/// std::filesystem::copy_file is not used: on a short copy (a full disk, a file size limit)
/// libstdc++ can fail with errno 0, which read "cannot copy the image: Success".
int copyAndSync(const std::filesystem::path &from, const std::filesystem::path &to)
{
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return errno;
    struct stat st = {};
    if (::fstat(in, &st) != 0) {
        const int err = errno;
        ::close(in);
        return err;
    }
    const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 0777);
    if (out < 0) {
        const int err = errno;
        ::close(in);
        return err;
    }
    int err = 0;
    std::vector<char> buf(1 << 20);
    while (err == 0) {
        const auto got = ::read(in, buf.data(), buf.size());
        if (got < 0) {
            if (errno != EINTR)
                err = errno;
            continue;
        }
        if (got == 0)
            break;
        std::size_t done = 0;
        while (done < static_cast<std::size_t>(got) && err == 0) {
            const auto n = ::write(out, buf.data() + done, static_cast<std::size_t>(got) - done);
            if (n < 0 && errno != EINTR)
                err = errno;
            else if (n == 0)
                err = ENOSPC; // no progress without an errno: the disk took nothing more
            else if (n > 0)
                done += static_cast<std::size_t>(n);
        }
    }
    if (err == 0 && ::fsync(out) != 0)
        err = errno;
    if (::close(out) != 0 && err == 0)
        err = errno;
    ::close(in);
    return err;
}

char safeChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
        return '_';
    switch (c) {
    case ':':
    case '*':
    case '?':
    case '"':
    case '<':
    case '>':
    case '|':
    case '\\': return '_';
    default: return c;
    }
}

std::string lowerAscii(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return s;
}

} // namespace

void atomicWriteFile(const std::filesystem::path &path, std::string_view bytes)
{
    ensureParent(path);
    const auto tmp = tempPathFor(path);
    if (const int err = writeAndSync(tmp, bytes); err != 0) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        throw Error(ErrorCode::Io, std::string("cannot write the file: ") + std::strerror(err), path.string());
    }
    commit(tmp, path);
}

void atomicCopyFile(const std::filesystem::path &from, const std::filesystem::path &to, bool hardLink)
{
    ensureParent(to);
    const auto tmp = tempPathFor(to);
    std::error_code ec;
    bool linked = false;
    if (hardLink) {
        std::filesystem::create_hard_link(from, tmp, ec);
        linked = !ec;
    }
    if (!linked) {
        // A hard link shares the source's (already stored) data; a copy must reach the disk.
        if (const int err = copyAndSync(from, tmp); err != 0) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            throw Error(ErrorCode::Io, "cannot copy the image to " + to.string() + ": " + std::strerror(err),
                        from.string());
        }
    }
    commit(tmp, to);
}

void syncFolder(const std::filesystem::path &folder)
{
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int err = fd < 0 ? errno : 0;
    if (fd >= 0) {
        if (::fsync(fd) != 0)
            err = errno;
        ::close(fd);
    }
    if (err != 0)
        throw Error(ErrorCode::Io, std::string("cannot flush the folder to disk: ") + std::strerror(err),
                    folder.string());
}

std::string sanitizeRelativePath(std::string_view path)
{
    std::string out;
    std::string part;
    const auto flush = [&] {
        if (!part.empty() && part != "." && part != "..") {
            // A drive letter such as "C:" at the start is dropped, not kept as "C_".
            const bool drive = out.empty() && part.size() == 2 && part[1] == ':';
            if (!drive) {
                if (!out.empty())
                    out += '/';
                for (char c : part)
                    out += safeChar(c);
            }
        }
        part.clear();
    };
    for (char c : path) {
        if (c == '/' || c == '\\')
            flush();
        else
            part += c;
    }
    flush();
    return out.empty() ? "_" : out;
}

std::string sanitizeFileName(std::string_view name)
{
    if (name == "." || name == "..")
        return "_" + std::string(name);
    std::string out;
    for (char c : name)
        out += c == '/' ? '_' : safeChar(c);
    return out.empty() ? "_" : out;
}

ExportOutput::ExportOutput(std::filesystem::path root)
    : m_root(std::move(root))
{
}

std::filesystem::path ExportOutput::claim(const std::string &rel)
{
    if (rel.empty() || sanitizeRelativePath(rel) != rel)
        throw Error(ErrorCode::Invalid, "an exported file name is not a safe relative path", m_root.string(), 0, rel);
    if (!m_folded.insert(lowerAscii(rel)).second)
        throw Error(ErrorCode::Invalid,
                    "two exported files would have the same name (names differing only in case count as one)",
                    m_root.string(), 0, rel);
    m_files.push_back(rel);
    return m_root / rel;
}

void ExportOutput::writeFile(const std::string &rel, std::string_view bytes)
{
    atomicWriteFile(claim(rel), bytes);
}

void ExportOutput::copyFile(const std::filesystem::path &from, const std::string &rel, bool hardLink)
{
    atomicCopyFile(from, claim(rel), hardLink);
}

} // namespace concord::core
