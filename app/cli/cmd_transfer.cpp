// SPDX-License-Identifier: GPL-3.0-or-later
// push, pull: copy a whole project between a file and a server (issue #18, docs/TEAM.md
// "Moving a project to the server and back").
#include "cli_common.h"

#include "core/common/error.h"
#include "core/project/project_copy.h"
#include "core/store/pg_db.h"
#include "core/store/server.h"

#include <filesystem>
#include <iostream>

namespace concord::cli {

namespace {

namespace fs = std::filesystem;

void requireFileLocation(const std::string &file)
{
    if (core::isServerLocation(file))
        throw core::Error(core::ErrorCode::Invalid, "this is a server location; name a project file here", {}, 0,
                          core::pg::withoutPassword(file));
}

/// The server project to push into: a new one in an empty database, or the empty project a
/// failed push left there (restoreRows() refuses any project that holds rows).
std::unique_ptr<core::Store> pushTarget(const std::string &uri, const core::ProjectSettings &settings, bool &created)
{
    try {
        auto existing = core::openServerProject(uri);
        created = false;
        return existing;
    } catch (const core::Error &e) {
        if (e.code() != core::ErrorCode::NotAProject)
            throw;
    }
    created = true;
    return core::createServerProject(uri, settings);
}

std::string plural(std::int64_t n, const char *one, const char *many)
{
    return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

std::string summary(const core::CopyResult &r)
{
    return plural(r.images, "image", "images") + ", " + plural(r.labels, "label", "labels") + ", " +
           plural(r.standards, "standard", "standards") + ", " + plural(r.decisions, "decision", "decisions") + ", " +
           plural(r.auditEntries, "audit entry", "audit entries");
}

void registerPush(CLI::App &app)
{
    auto *cmd = app.add_subcommand("push", "Copy a whole project file (images, labels, standards, decisions, audit "
                                           "log) into an empty server project");
    auto file = std::make_shared<std::string>();
    auto uri = std::make_shared<std::string>();
    cmd->add_option("FILE", *file, "Project file (.concord)")->required();
    cmd->add_option("URI", *uri, kUriHelp)->required();
    cmd->footer("The database must exist and be empty (createdb NAME); push makes the server project there, as "
                "server init does, and you become its lead. Every image file must be readable. Row ids, times and "
                "the audit log are kept, so an apply can still be undone on the server; image and labeler creation "
                "times are not (docs/TEAM.md). Logins: add them afterwards with server add-labeler.");
    cmd->callback([=] {
        runCommand([&] {
            requireFileLocation(*file);
            requireServer(*uri);
            auto source = openAsLead(*file, true);
            core::requireImageFiles(*source); // before anything is made on the server
            bool created = false;
            auto target = withServerPassword(
                *uri, [&](const std::string &location) { return pushTarget(location, source->settings(), created); });
            const auto progress = terminalProgress();
            core::CopyResult r;
            try {
                r = core::copyProject(*source, *target, progress);
            } catch (const core::Error &e) {
                endTerminalProgress(progress);
                if (!created)
                    throw;
                throw core::Error(e.code(),
                                  e.detail() +
                                      " (the database now holds an empty server project and nothing else: push "
                                      "into it again once this is fixed)",
                                  e.file(), e.line(), e.field());
            }
            endTerminalProgress(progress);
            std::cout << "Pushed " << summary(r) << " and " << plural(r.imageContents, "image file", "image files")
                      << " to " << target->path().string() << '\n';
        });
    });
}

void removeProjectFile(const fs::path &file)
{
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(fs::path(file.string() + suffix), ec);
}

void registerPull(CLI::App &app)
{
    auto *cmd = app.add_subcommand("pull", "Copy a whole server project into a new project file, with its images");
    auto uri = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    cmd->add_option("URI", *uri, kUriHelp)->required();
    cmd->add_option("FILE", *file, "New project file (.concord); it must not exist")->required();
    cmd->footer("Only a lead of the server project may pull it. The images are written beside FILE at their "
                "stored paths (an absolute path or one with '..' becomes images/<file name>); a file already there "
                "is kept when its bytes are the same, and any other file in the way stops the pull before anything "
                "is written. On failure FILE is removed.");
    cmd->callback([=] {
        runCommand([&] {
            requireServer(*uri);
            requireFileLocation(*file);
            if (fs::exists(*file))
                throw core::Error(core::ErrorCode::Io, "a file of that name exists already; pull into a new file",
                                  *file);
            auto source = openAsLead(*uri, true);
            const auto progress = terminalProgress();
            core::CopyResult r;
            {
                auto target = core::createProject(*file, source->settings());
                try {
                    r = core::copyProject(*source, *target, progress);
                } catch (...) {
                    endTerminalProgress(progress);
                    target.reset();
                    removeProjectFile(*file);
                    throw;
                }
            }
            endTerminalProgress(progress);
            std::cout << "Pulled " << summary(r) << " into " << *file << " ("
                      << plural(r.filesWritten, "image file", "image files") << " written";
            if (r.filesPresent > 0)
                std::cout << ", " << r.filesPresent << " there already";
            std::cout << ")\n";
            for (const auto &[from, to] : r.renamed)
                std::cout << "  " << from << " -> " << to << '\n';
        });
    });
}

} // namespace

void registerTransferCommands(CLI::App &app)
{
    registerPush(app);
    registerPull(app);
}

} // namespace concord::cli
