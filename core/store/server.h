// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

/// \file
/// Team mode (DESIGN §10, issue #18, docs/TEAM.md): a project in a PostgreSQL database. Each
/// person signs in as a server role of their own; the server's row-level security keeps
/// labelers blind. `openStore()` (store.h) opens a server project from its connection string.

namespace concord::core {

/// Creates a project in an empty database: its tables, the lead and labeler group roles
/// (concord_<db>_lead/_labeler), the grants and the row-level security policies. The role
/// that connects becomes the project's first lead and owns the tables. Error(Invalid) when the
/// database has tables already, Error(Unavailable) when the server cannot be reached.
std::unique_ptr<Store> createServerProject(const std::string &conninfo, const ProjectSettings &settings);

/// Opens a server project; Error(NotAProject) for a database without Concord's tables,
/// Error(NewerVersion) for a newer schema.
std::unique_ptr<Store> openServerProject(const std::string &conninfo, OpenMode mode = OpenMode::ReadWrite);

/// A person who can sign in to a server project.
struct ServerUser
{
    std::string login;   ///< the server role
    std::string labeler; ///< the project labeler it acts as
    Role role = Role::Labeler;
};

/// Gives the labeler `name` a server login of the same name (creating the labeler with
/// `role` if the project has none of that name) and makes it a member of the project's
/// labeler or lead group. The password is `password`, or a generated one (24 characters from
/// libsodium's random bytes) that is returned so it can be shown once. Error(Invalid) when the
/// store is not a server project, Error(Denied) when the signed-in role may not create roles.
std::string addServerUser(Store &store, const std::string &name, Role role,
                          const std::optional<std::string> &password = std::nullopt);

/// Takes the login away (the labeler and their labels stay in the project).
void removeServerUser(Store &store, const std::string &name);

/// The project's logins, by name.
std::vector<ServerUser> serverUsers(const Store &store);

} // namespace concord::core
