// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/store: the PostgreSQL schema of a server project.

#include <string>

namespace concord::core::pg {

class Connection;

/// Creates the tables, the change trigger, the grants and the row-level security policies
/// for a project whose lead and labeler group roles are `leadRole` and `labelerRole`.
void createSchema(Connection &db, const std::string &leadRole, const std::string &labelerRole);

/// Moves the tables of schema `from` to schema `to` (only 3 → 4 so far), inside the caller's
/// transaction. Needs the owner of the tables (ALTER TABLE); Error(NotAProject) for a step it
/// does not know.
void migrateSchema(Connection &db, int from, int to);

} // namespace concord::core::pg
