// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

/// \file
/// The output folder of an export as a whole (docs/FORMATS.md, "The output folder"): a data set
/// is built in a staging folder beside OUTDIR and renamed into place only when complete, with
/// provenance.json written last, so no folder under the final name ever lacks files or holds
/// a mix of two exports. An existing folder is only ever replaced when it holds a previous
/// Concord export and nothing else, and then exactly that export's files are removed.

namespace concord::core {

/// What an output folder holds before an export.
enum class ExportFolderState
{
    Missing,        ///< nothing there: the export creates it
    Empty,          ///< an empty folder
    PreviousExport, ///< a folder with a provenance.json (a Concord export, to replace)
    Other,          ///< a non-empty folder that is not a Concord export
    NotAFolder      ///< a file or something else that is not a folder
};

/// A quick look at `folder`, cheap enough for a dialog to call as the user types: a regular
/// provenance.json counts as a previous export; exportDataset checks it fully.
ExportFolderState exportFolderState(const std::filesystem::path &folder);

/// The files of the previous export in `folder` (relative paths, provenance.json included),
/// from the "files" list of its provenance.json, after checking that the folder holds nothing
/// else: no file the list does not name, no symbolic link, nothing but folders and regular
/// files. Error(Invalid) naming the folder and the first stranger otherwise, or when
/// provenance.json is not a Concord export manifest (then nothing may be removed).
std::vector<std::string> previousExportFiles(const std::filesystem::path &folder);

/// A staging folder `<final>.tmp-<random>` beside the final one, created empty with the
/// process's umask and locked (flock) while this object lives. Creating one first removes
/// the staging folders that earlier exports into the same folder left behind when they were
/// killed: those whose lock nobody holds any more. Destroying it without commit() removes it.
class ExportStaging
{
public:
    explicit ExportStaging(std::filesystem::path finalDir);
    ~ExportStaging();
    ExportStaging(const ExportStaging &) = delete;
    ExportStaging &operator=(const ExportStaging &) = delete;

    const std::filesystem::path &dir() const { return m_dir; }

    /// Flushes every file's folder and the staging folder to disk, then puts the staging
    /// folder in place of the final one: a rename when the final folder is missing or empty;
    /// with `previousFiles` (from previousExportFiles) an atomic exchange with the previous
    /// export (renameat2 RENAME_EXCHANGE, two renames where the file system lacks it),
    /// after which exactly those files are removed, with their then empty folders. A file
    /// added to the old folder meanwhile is kept in `<final>.previous-<random>`, returned
    /// (empty when nothing was kept). Error(Io) naming the folder when a step fails.
    std::filesystem::path commit(const std::vector<std::string> *previousFiles);

private:
    std::filesystem::path m_final;
    std::filesystem::path m_dir;
    int m_lock = -1;
    bool m_committed = false;
};

} // namespace concord::core
