// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/project_copy.h"

#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/store/pg_store.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include <unistd.h>

namespace concord::core {

namespace fs = std::filesystem;

namespace {

constexpr std::array kAnnotationKinds{AnnotationKind::Box, AnnotationKind::Line, AnnotationKind::Polygon,
                                      AnnotationKind::Point};

template <typename T>
void sortById(std::vector<T> &rows)
{
    std::sort(rows.begin(), rows.end(), [](const T &a, const T &b) { return a.id < b.id; });
}

/// A server shows each role only what it may read: a labeler's copy would silently lack the
/// others' labels, the decisions and the audit log.
void requireWholeView(const Store &from)
{
    const auto *server = dynamic_cast<const PgStore *>(&from);
    if (!server)
        return;
    const auto r = server->connection().run("SELECT concord_is_lead()");
    if (r.rows() == 0 || !r.boolean(0, 0))
        throw Error(ErrorCode::Denied,
                    "only a lead of the server project may copy it whole (the server shows a labeler their own work "
                    "only)",
                    from.path().string());
}

std::string readWholeFile(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::Io, "cannot read the image file", file.string());
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad())
        throw Error(ErrorCode::Io, "cannot read the image file", file.string());
    return bytes;
}

/// The image's bytes from `from`, checked against its content hash.
std::string imageBytes(const Store &from, const ImageRecord &image)
{
    const fs::path file = from.resolveImagePath(image);
    std::string bytes = readWholeFile(file);
    if (contentHash(bytes) != image.hash)
        throw Error(ErrorCode::Invalid,
                    "the image file changed since it was added to the project (its bytes no longer match the content "
                    "hash); put the original back or import the new file as a new image",
                    file.string());
    return bytes;
}

/// Writes `bytes` to `file` through a temporary file and a rename, creating its folder.
void writeFileAtomically(const fs::path &file, const std::string &bytes)
{
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec)
        throw Error(ErrorCode::Io, "cannot create the folder: " + ec.message(), file.parent_path().string());
    const fs::path tmp = file.string() + ".part" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            fs::remove(tmp, ec);
            throw Error(ErrorCode::Io, "cannot write the image file", file.string());
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw Error(ErrorCode::Io, "cannot write the image file: " + ec.message(), file.string());
    }
}

/// Whether a stored path stays inside the project folder as it is: relative, no `..`.
bool staysInside(const std::string &path)
{
    const fs::path p(path);
    if (path.empty() || p.is_absolute() || p.has_root_name() || p.has_root_directory())
        return false;
    return std::none_of(p.begin(), p.end(), [](const fs::path &part) { return part == ".."; });
}

/// Rewrites the paths a project file could not keep beside itself (absolute, or with `..`)
/// to images/<file name>, adding the content hash when the name is taken.
std::vector<std::pair<std::string, std::string>> rewriteOutsidePaths(std::vector<ImageRecord> &images)
{
    std::set<std::string> taken;
    for (const ImageRecord &img : images)
        if (staysInside(img.path))
            taken.insert(fs::path(img.path).lexically_normal().generic_string());
    std::vector<std::pair<std::string, std::string>> renamed;
    for (ImageRecord &img : images) {
        if (staysInside(img.path))
            continue;
        const fs::path name = fs::path(img.path).filename();
        const std::string stem = name.stem().string().empty() ? std::string("image") : name.stem().string();
        const std::string ext = name.extension().string();
        std::string candidate = "images/" + stem + ext;
        for (int n = 1; taken.count(candidate) > 0; ++n)
            candidate = "images/" + stem + "-" + img.hash.substr(0, 12) + (n > 1 ? "-" + std::to_string(n) : "") + ext;
        taken.insert(candidate);
        renamed.emplace_back(img.path, candidate);
        img.path = candidate;
    }
    return renamed;
}

void reportOrCancel(const ProgressFn &progress, std::size_t done, std::size_t total)
{
    if (!reportProgress(progress, done, total, "images"))
        throw Error(ErrorCode::Cancelled, "the copy was cancelled; the target project keeps nothing");
}

/// Push: every distinct content once into a project that holds image bytes.
void putContents(const Store &from, Store &to, const ProjectRows &rows, const ProgressFn &progress, CopyResult &result)
{
    std::set<std::string> done;
    std::size_t i = 0;
    for (const ImageRecord &img : rows.images) {
        reportOrCancel(progress, i++, rows.images.size());
        if (!done.insert(img.hash).second || to.hasImageContent(img.hash))
            continue;
        to.putImageContent(img.hash, imageBytes(from, img));
        ++result.imageContents;
    }
    reportOrCancel(progress, rows.images.size(), rows.images.size());
}

/// Pull: the images' files beside a project file. `write` false only checks that no other
/// file is in the way.
void placeFiles(const Store &from, const Store &to, const ProjectRows &rows, const std::vector<std::string> &source,
                bool write, const ProgressFn &progress, CopyResult &result)
{
    const fs::path base = to.baseDir();
    for (std::size_t i = 0; i < rows.images.size(); ++i) {
        const ImageRecord &img = rows.images[i];
        if (write)
            reportOrCancel(progress, i, rows.images.size());
        const fs::path target = base / img.path;
        std::error_code ec;
        if (fs::exists(target, ec)) {
            if (!fs::is_regular_file(target, ec) || fileContentHash(target.string()) != img.hash)
                throw Error(ErrorCode::Io,
                            "a different file of this name is in the way of an image of the project; move it away "
                            "or pull into another folder",
                            target.string());
            if (write)
                ++result.filesPresent;
            continue;
        }
        if (!write)
            continue;
        ImageRecord at = img;
        at.path = source[i]; // where the source keeps it (before any rewrite)
        writeFileAtomically(target, imageBytes(from, at));
        ++result.filesWritten;
    }
    if (write)
        reportOrCancel(progress, rows.images.size(), rows.images.size());
}

} // namespace

ProjectRows readProjectRows(const Store &store)
{
    ProjectRows rows;
    rows.meta = store.metaRows();
    rows.classes = store.classes();
    sortById(rows.classes);
    rows.labelers = store.labelers();
    sortById(rows.labelers);
    rows.images = store.images();
    sortById(rows.images);
    for (const std::string &key : store.attributeKeys()) {
        auto of = store.attributes(key);
        rows.attributes.insert(rows.attributes.end(), of.begin(), of.end());
    }
    std::sort(rows.attributes.begin(), rows.attributes.end(), [](const ImageAttribute &a, const ImageAttribute &b) {
        return std::tie(a.image, a.key) < std::tie(b.image, b.key);
    });
    rows.standards = store.standards();
    sortById(rows.standards);
    for (const Standard &s : rows.standards) {
        auto of = store.examples(s.id);
        std::sort(of.begin(), of.end(),
                  [](const StandardExample &a, const StandardExample &b) { return a.image < b.image; });
        rows.examples.insert(rows.examples.end(), of.begin(), of.end());
    }
    for (const Labeler &l : rows.labelers)
        for (const QueueEntry &e : store.queue(l.id))
            if (!e.checkItem)
                rows.assignments.push_back(Assignment{e.image, l.id, e.round, e.position, e.state});
    std::sort(rows.assignments.begin(), rows.assignments.end(), [](const Assignment &a, const Assignment &b) {
        return std::tie(a.labeler, a.image, a.round) < std::tie(b.labeler, b.image, b.round);
    });
    for (const LabelRow &row : store.labelRows())
        rows.labels.push_back(row.label);
    sortById(rows.labels);
    for (AnnotationKind kind : kAnnotationKinds) {
        for (const auto &[label, annotation] : store.annotationsOfKind(kind))
            rows.annotations.push_back(annotation);
        for (const auto &[item, annotation] : store.checkAnnotationsOfKind(kind))
            rows.checkAnnotations.push_back(annotation);
    }
    sortById(rows.annotations);
    sortById(rows.checkAnnotations);
    rows.checkItems = store.checkItems();
    sortById(rows.checkItems);
    rows.gold = store.goldLabels();
    rows.decisions = store.decisions();
    rows.objectDecisions = store.objectDecisions();
    rows.audit = store.auditLog(-1);
    sortById(rows.audit);
    return rows;
}

void requireImageFiles(const Store &store)
{
    const bool held = store.holdsImageContent();
    std::set<std::string> seen;
    for (const ImageRecord &img : store.images()) {
        if (!seen.insert(img.hash).second)
            continue;
        if (held) {
            if (!store.hasImageContent(img.hash))
                throw Error(ErrorCode::NotFound, "the server holds no bytes for this image", img.path);
            continue;
        }
        const fs::path file = store.resolveImagePath(img);
        std::error_code ec;
        if (!fs::is_regular_file(file, ec) || ::access(file.c_str(), R_OK) != 0)
            throw Error(ErrorCode::Io,
                        "the image file is missing or unreadable; put it back or relink the project (concord-cli "
                        "relink) first",
                        file.string());
    }
}

CopyResult copyProject(const Store &from, Store &to, const ProgressFn &progress)
{
    requireWholeView(from);
    ProjectRows rows = readProjectRows(from);
    CopyResult result;
    result.images = static_cast<std::int64_t>(rows.images.size());
    result.labels = static_cast<std::int64_t>(rows.labels.size());
    result.annotations = static_cast<std::int64_t>(rows.annotations.size());
    result.standards = static_cast<std::int64_t>(rows.standards.size());
    result.decisions = static_cast<std::int64_t>(rows.decisions.size());
    result.objectDecisions = static_cast<std::int64_t>(rows.objectDecisions.size());
    result.auditEntries = static_cast<std::int64_t>(rows.audit.size());
    requireImageFiles(from);

    if (to.holdsImageContent()) {
        to.transaction([&] {
            result.imageContents = 0;
            to.restoreRows(rows);
            putContents(from, to, rows, progress, result);
        });
        return result;
    }

    std::vector<std::string> source;
    source.reserve(rows.images.size());
    for (const ImageRecord &img : rows.images)
        source.push_back(img.path);
    result.renamed = rewriteOutsidePaths(rows.images);
    placeFiles(from, to, rows, source, false, progress, result); // nothing in the way, before any write
    to.transaction([&] {
        result.filesWritten = result.filesPresent = 0;
        to.restoreRows(rows);
        placeFiles(from, to, rows, source, true, progress, result);
    });
    return result;
}

} // namespace concord::core
