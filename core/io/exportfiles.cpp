// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/exportfiles.h"

#include "core/common/error.h"

#include <atomic>
#include <fstream>

#include <unistd.h>

namespace concord::core {

namespace {

std::filesystem::path tempPathFor(const std::filesystem::path &path)
{
    static std::atomic<unsigned> counter{0};
    return path.parent_path() /
           ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
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
        std::filesystem::remove(tmp, ec);
        throw Error(ErrorCode::Io, "cannot move the finished file into place", path.string());
    }
}

char safeChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
        return '_';
    switch (c) {
    case ':': case '*': case '?': case '"': case '<': case '>': case '|': case '\\':
        return '_';
    default:
        return c;
    }
}

} // namespace

void atomicWriteFile(const std::filesystem::path &path, std::string_view bytes)
{
    ensureParent(path);
    const auto tmp = tempPathFor(path);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (out)
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw Error(ErrorCode::Io, "cannot write the file", path.string());
        }
    }
    commit(tmp, path);
}

void atomicCopyFile(const std::filesystem::path &from, const std::filesystem::path &to, bool hardLink)
{
    ensureParent(to);
    const auto tmp = tempPathFor(to);
    std::error_code ec;
    if (hardLink)
        std::filesystem::create_hard_link(from, tmp, ec);
    if (!hardLink || ec) {
        ec.clear();
        std::filesystem::copy_file(from, tmp, std::filesystem::copy_options::overwrite_existing, ec);
    }
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw Error(ErrorCode::Io, "cannot copy the image: " + ec.message(), from.string());
    }
    commit(tmp, to);
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

} // namespace concord::core
