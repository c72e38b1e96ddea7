// SPDX-License-Identifier: GPL-3.0-or-later
// server init, add-labeler, add-lead, remove-user, users: a team project on PostgreSQL
// (issue #18, docs/TEAM.md).
#include "cli_common.h"

#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/store/pg_db.h"
#include "core/store/server.h"

#include <iostream>

namespace concord::cli {

namespace {

void registerInit(CLI::App &server)
{
    auto *cmd =
        server.add_subcommand("init", "Create a team project in an empty PostgreSQL database; you become its lead");
    auto uri = std::make_shared<std::string>();
    auto classes = std::make_shared<std::string>();
    auto pxPerMm = std::make_shared<double>(0.0);
    auto overlap = std::make_shared<int>(3);
    auto name = std::make_shared<std::string>();
    auto showFileNames = std::make_shared<bool>(false);
    cmd->add_option("URI", *uri, kUriHelp)->required();
    cmd->add_option("--classes", *classes, "Comma-separated class names, e.g. ok,scratch,dent")->required();
    cmd->add_option("--px-per-mm", *pxPerMm, "Default calibration in pixels per millimetre")
        ->check(finiteNumber())
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--overlap", *overlap, "Labels wanted per image (k)")->check(CLI::PositiveNumber);
    cmd->add_option("--name", *name, "Display name (default: the database name)");
    cmd->add_flag("--show-file-names", *showFileNames, "Show labelers the images' file names");
    cmd->footer("The database must exist and be empty (createdb NAME). The role you connect as needs CREATEROLE: "
                "init creates the project's two group roles (concord_<db>_lead and concord_<db>_labeler).");
    cmd->callback([=] {
        runCommand([&] {
            requireServer(*uri);
            core::ProjectSettings s;
            s.pxPerMm = *pxPerMm;
            s.overlap = *overlap;
            s.hideFileNames = !*showFileNames;
            s.name = *name;
            auto store = withServerPassword(
                *uri, [&](const std::string &location) { return core::initProject(location, s, splitList(*classes)); });
            if (name->empty()) {
                for (const auto &[key, value] : core::pg::parseConnectionString(*uri))
                    if (key == "dbname")
                        s.name = value;
                store->setSettings(s);
            }
            std::cout << "Created the server project " << store->path().string() << '\n';
        });
    });
}

void registerAddUser(CLI::App &server, const char *command, core::Role role)
{
    auto *cmd = server.add_subcommand(command, role == core::Role::Lead
                                                   ? "Give a lead a server login of their own"
                                                   : "Give a labeler a server login of their own (a new name becomes "
                                                     "a new labeler)");
    auto uri = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    auto stdinPassword = std::make_shared<bool>(false);
    cmd->add_option("URI", *uri, kUriHelp)->required();
    cmd->add_option("NAME", *name, "Login and labeler name")->required();
    cmd->add_flag("--password-stdin", *stdinPassword,
                  "Read the new login's password from standard input (first line); else one is generated and "
                  "printed once");
    cmd->callback([=] {
        runCommand([&] {
            requireServer(*uri);
            std::optional<std::string> password;
            if (*stdinPassword) {
                std::string line;
                std::getline(std::cin, line);
                if (!line.empty() && line.back() == '\r')
                    line.pop_back();
                if (line.empty())
                    throw core::Error(core::ErrorCode::Invalid, "no password on standard input", {}, 0,
                                      "--password-stdin");
                password = line;
            }
            auto store = open(*uri);
            const std::string secret = core::addServerUser(*store, *name, role, password);
            // The server lets a labeler label only images assigned to them, and only the lead
            // may assign: the new labeler's queue is filled now, as the window does on a first
            // sign-in to a project file.
            const auto queued = core::ensureQueue(*store, *store->labelerByName(*name));
            std::cout << (role == core::Role::Lead ? "Lead " : "Labeler ") << *name << " can sign in";
            if (!password)
                std::cout << " with the password " << secret << "\n(shown once: give it to " << *name
                          << " in person or over a channel you trust)";
            std::cout << '\n';
            if (queued > 0)
                std::cout << queued << " images assigned to " << *name << '\n';
        });
    });
}

void registerRemoveUser(CLI::App &server)
{
    auto *cmd = server.add_subcommand("remove-user", "Take a person's login to this project away (their labels stay)");
    auto uri = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    cmd->add_option("URI", *uri, kUriHelp)->required();
    cmd->add_option("NAME", *name, "Login name")->required();
    cmd->callback([=] {
        runCommand([&] {
            requireServer(*uri);
            auto store = open(*uri);
            core::removeServerUser(*store, *name);
            std::cout << *name << " can no longer sign in to this project\n";
        });
    });
}

void registerUsers(CLI::App &server)
{
    auto *cmd = server.add_subcommand("users", "List the people who can sign in to a server project");
    auto uri = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("URI", *uri, kUriHelp)->required();
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->callback([=] {
        runCommand([&] {
            requireServer(*uri);
            auto store = open(*uri, true);
            const auto users = core::serverUsers(*store);
            if (*json) {
                nlohmann::json j = nlohmann::json::array();
                for (const auto &u : users)
                    j.push_back({{"login", u.login}, {"labeler", u.labeler}, {"role", core::toString(u.role)}});
                printJson(j);
                return;
            }
            std::cout << pad("login", 20) << "role\n";
            for (const auto &u : users)
                std::cout << pad(u.login, 20) << core::toString(u.role) << '\n';
        });
    });
}

} // namespace

void registerServerCommands(CLI::App &app)
{
    auto *server = app.add_subcommand("server", "Team mode: a project on a PostgreSQL server (docs/TEAM.md)");
    server->require_subcommand(1);
    registerInit(*server);
    registerAddUser(*server, "add-labeler", core::Role::Labeler);
    registerAddUser(*server, "add-lead", core::Role::Lead);
    registerRemoveUser(*server);
    registerUsers(*server);
}

} // namespace concord::cli
