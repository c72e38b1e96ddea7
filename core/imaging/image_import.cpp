// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/imaging/image_import.h"

#include "core/common/error.h"
#include "core/common/parallel.h"
#include "core/common/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace concord::core {

namespace fs = std::filesystem;

const std::vector<std::string> &imageExtensions()
{
    static const std::vector<std::string> kExt{".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"};
    return kExt;
}

namespace {

bool hasImageExtension(const fs::path &p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto &all = imageExtensions();
    return std::find(all.begin(), all.end(), ext) != all.end();
}

/// The image files below `dir`, never the project file itself (even one named like an image):
/// reading it with other I/O would drop this process's SQLite locks on it (issue #15).
std::vector<fs::path> listImages(const fs::path &dir, const fs::path &project)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(ErrorCode::Io, "not a folder", dir.string());
    std::vector<fs::path> files;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec)
        throw Error(ErrorCode::Io, "cannot list folder: " + ec.message(), dir.string());
    for (const auto &entry : it) {
        std::error_code e2;
        if (entry.is_regular_file(e2) && hasImageExtension(entry.path()) &&
            !fs::equivalent(entry.path(), project, e2)) // stat(), no open
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end()); // stable ids and order across runs
    return files;
}

} // namespace

std::string storedImagePath(const Store &store, const fs::path &file)
{
    const fs::path abs = fs::weakly_canonical(fs::absolute(file));
    const fs::path base = fs::weakly_canonical(store.baseDir());
    const fs::path rel = abs.lexically_relative(base);
    if (rel.empty() || rel.is_absolute())
        return abs.generic_string();
    return rel.generic_string();
}

ImageImportResult importImageFolder(Store &store, const fs::path &dir, const ImageImportOptions &options,
                                    const ProgressFn &progress)
{
    if (!std::isfinite(options.pxPerMm) || options.pxPerMm < 0)
        throw Error(ErrorCode::Invalid, "the calibration must be a finite number of pixels per millimetre, 0 or more",
                    {}, 0, "px-per-mm");
    const auto files = listImages(dir, store.path());
    const double pxPerMm = options.pxPerMm > 0 ? options.pxPerMm : store.settings().pxPerMm;

    struct Slot
    {
        std::string stored;
        std::optional<ImageProbe> probe;
        std::string error;
    };
    std::vector<Slot> slots(files.size());
    // A path that is not UTF-8 (a Latin-1 file name) would break every JSON written later
    // (exports, `info --json`): such files are listed as failed, under a printable name.
    std::vector<char> badName(files.size(), 0);
    // A server project holds the bytes (a desk has no shared folder): its paths name the
    // images below the imported folder, which keeps the folder's own name ("shots/a.jpg").
    const fs::path serverRoot = fs::weakly_canonical(fs::absolute(dir)).parent_path();
    for (std::size_t i = 0; i < files.size(); ++i) {
        slots[i].stored =
            store.holdsImageContent()
                ? fs::weakly_canonical(fs::absolute(files[i])).lexically_relative(serverRoot).generic_string()
                : storedImagePath(store, files[i]);
        if (findInvalidUtf8(slots[i].stored)) {
            badName[i] = 1;
            slots[i].stored = printableUtf8(slots[i].stored);
            slots[i].error = "the path is not valid UTF-8 (rename the file or folder)";
        }
    }

    // Skip paths the project has already before paying for decoding.
    std::vector<char> known(files.size(), 0);
    for (std::size_t i = 0; i < files.size(); ++i)
        known[i] = !badName[i] && store.imageByPath(slots[i].stored).has_value() ? 1 : 0;

    ParallelOptions parallel;
    parallel.threads = options.threads;
    parallel.progress = progress;
    parallel.whatOf = [&](std::size_t i) -> std::string_view { return slots[i].stored; };
    const bool completed = parallelFor(
        files.size(),
        [&](std::size_t i, std::size_t) {
            if (known[i] || badName[i])
                return;
            try {
                slots[i].probe = probeImage(files[i], options.maxPixels, options.thumbnails);
            } catch (const Error &e) {
                slots[i].error = e.detail();
            } catch (const std::exception &e) {
                slots[i].error = e.what();
            }
        },
        parallel);
    if (!completed)
        throw Error(ErrorCode::Cancelled, "image import cancelled; nothing was added", dir.string());

    // The bytes go first, outside the import's transaction (a row per content hash, written
    // once): a failed import leaves at most unreferenced bytes, never a row without bytes.
    if (store.holdsImageContent()) {
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (!slots[i].probe || store.hasImageContent(slots[i].probe->hash))
                continue;
            if (progress && !progress(i, files.size(), slots[i].stored))
                throw Error(ErrorCode::Cancelled, "image import cancelled; nothing was added", dir.string());
            store.putImageContent(slots[i].probe->hash, readFileBytes(files[i]));
        }
    }

    ImageImportResult result;
    store.transaction([&] {
        result = {};
        std::unordered_map<std::string, std::string> seenHash; // hash -> path, within this run
        for (std::size_t i = 0; i < files.size(); ++i) {
            const Slot &s = slots[i];
            if (known[i]) {
                result.skipped.push_back({s.stored, "already in the project"});
                continue;
            }
            if (!s.probe) {
                result.failed.push_back({s.stored, s.error});
                continue;
            }
            const auto same = store.imagesByHash(s.probe->hash);
            if (!same.empty()) {
                result.skipped.push_back({s.stored, "same content as " + same.front().path});
                continue;
            }
            if (auto it = seenHash.find(s.probe->hash); it != seenHash.end()) {
                result.skipped.push_back({s.stored, "same content as " + it->second});
                continue;
            }
            seenHash.emplace(s.probe->hash, s.stored);
            ImageRecord rec;
            rec.path = s.stored;
            rec.hash = s.probe->hash;
            rec.bytes = s.probe->bytes;
            rec.width = s.probe->width;
            rec.height = s.probe->height;
            rec.pxPerMm = pxPerMm;
            result.addedIds.push_back(store.addImage(rec));
            if (!s.probe->thumbnailJpeg.empty())
                store.putThumbnail(rec.hash, kThumbnailSize, s.probe->thumbnailJpeg);
            ++result.added;
        }
        store.appendAudit("concord", "import-images",
                          nlohmann::json{{"folder", printableUtf8(dir.generic_string())},
                                         {"added", result.added},
                                         {"skipped", result.skipped.size()},
                                         {"failed", result.failed.size()}}
                              .dump());
    });
    return result;
}

} // namespace concord::core
