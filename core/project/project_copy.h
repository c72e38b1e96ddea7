// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"
#include "core/store/store.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

/// \file
/// A whole project copied between backends (issue #18, docs/TEAM.md "Moving a project to the
/// server and back"): `concord-cli push` (project file → empty server project) and `pull`
/// (server project → new project file). Every row keeps its id, so audit payloads (standard
/// applies and their undo, decisions, object decisions) still name the right images, labelers, classes and
/// standards, and an undo after the copy works.
///
/// What is not kept byte for byte:
///  - image `added_at` and labeler `created_at` (columns the value types do not carry) become
///    the time of the copy; no figure, list or export reads them;
///  - the target's own meta keys schema_version, server_lead_role and server_labeler_role;
///  - a server's logins (labeler.login): a pushed project has none until the lead adds them
///    (`server add-labeler`), a pulled file never has any;
///  - thumbnails (a cache, made again when shown);
///  - on a pull, an image path that is absolute or climbs out of the project folder (`..`)
///    is rewritten to `images/<file name>` (with the content hash added when two names
///    collide), so the new file's rows point at the files written beside it.
/// Everything else (settings and every other meta key, label and standard times, decision
/// and audit times, undone marks) is copied as it is.

namespace concord::core {

/// Every row of `store` through its public calls, each table in id (or key) order:
/// annotationsOfKind()/checkAnnotationsOfKind() for every AnnotationKind, the assignments
/// from each labeler's queue(), the audit log in id order. A server project shows only what
/// the signed-in role may read (copyProject() checks that it is a lead).
ProjectRows readProjectRows(const Store &store);

/// What copyProject() copied.
struct CopyResult
{
    std::int64_t images = 0;
    std::int64_t imageContents = 0; ///< distinct image contents put into a server project
    std::int64_t filesWritten = 0;  ///< image files written beside a project file
    std::int64_t filesPresent = 0;  ///< image files that were there already with the same bytes
    std::int64_t labels = 0;
    std::int64_t annotations = 0;
    std::int64_t standards = 0;
    std::int64_t decisions = 0;
    std::int64_t objectDecisions = 0; ///< the lead's decisions on unresolved objects
    std::int64_t auditEntries = 0;
    /// Image paths rewritten on the way (old path, new path); see the file comment.
    std::vector<std::pair<std::string, std::string>> renamed;
};

/// Copies the whole project `from` into `to`, which must be empty (just made by
/// createProject() or createServerProject(); Store::restoreRows()). The rows and the image
/// bytes go in one transaction of `to`:
///  - into a project that holds image content (a server): each image's file, read at
///    from.resolveImagePath(), is stored once per content hash (Store::putImageContent).
///    Every file is checked to exist before anything is written (Error(Io) naming the first
///    missing one); a file whose bytes no longer match its content hash is Error(Invalid)
///    naming it (the project was changed on disk since it was imported). Either way `to`
///    keeps no row;
///  - into a project file: each image's bytes (from.resolveImagePath(), which fetches from a
///    server) are written to to.baseDir() / path, creating folders. A file there already
///    with the same bytes is kept; one with other bytes is Error(Io) naming it, before
///    anything is written. Files written before a later failure stay (they hold the right
///    bytes, and a new attempt keeps them).
/// Error(Denied) when `from` is a server project and the signed-in role is not one of its
/// leads (the server would hide other labelers' work). `progress` gets "images" per image;
/// returning false cancels (Error(Cancelled), `to` keeps no row).
CopyResult copyProject(const Store &from, Store &to, const ProgressFn &progress = {});

/// Error(Io) naming the first image of `store` whose file is missing or unreadable (a project
/// file's images; a server project always has its bytes). The check copyProject() makes
/// before a push, for a caller that wants it before creating the target.
void requireImageFiles(const Store &store);

} // namespace concord::core
