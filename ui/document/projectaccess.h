// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>

namespace concord::ui {

/// The one door through which the window's work off the GUI thread reaches the project (issue
/// #16 §2): the dashboard, clusters, preview, apply, adjudication queue, export and report.
///
/// A core::Store is not thread-safe, so such work never touches the document's store; it
/// opens a connection of its own, here and nowhere else in ui/, through core::openStore and
/// its read ladder (which never drops the project's locks, docs/RELIABILITY.md), and runs on
/// one dedicated pool rather than Qt's global one. A lead's document hands out an access
/// (ProjectDocument::leadAccess()); a labeler's has none, because such a connection reads
/// every labeler's labels. An access is a small value: copy it into the job.
class ProjectAccess
{
public:
    ProjectAccess() = default; ///< no project: isValid() is false and open() throws NotFound
    /// `location`: a project file's path or a server project's connection string (with its
    /// password, when one was typed: it stays in memory and is never shown).
    explicit ProjectAccess(std::string location)
        : m_location(std::move(location))
    {
    }

    bool isValid() const { return !m_location.empty(); }
    const std::string &location() const { return m_location; }

    /// A connection of its own, opened on the calling thread (a worker's): read-only unless
    /// the job changes the project (a standard's apply, an import into a new project).
    std::unique_ptr<core::Store> open(core::OpenMode mode = core::OpenMode::ReadOnly) const;

    /// Runs `job(const ProjectAccess &)` on the project pool. The job opens what it needs
    /// and reports its own errors in its result.
    template <class Job>
    auto run(Job job) const
    {
        return QtConcurrent::run(&pool(), [access = *this, job = std::move(job)]() { return job(access); });
    }

    /// The pool every such job runs on: two threads, enough for a page's recompute beside a
    /// preview, few enough that the lead's work never takes every core from the labelers'
    /// windows on the same machine.
    static QThreadPool &pool();

private:
    std::string m_location;
};

} // namespace concord::ui
