// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/store: the PostgreSQL schema of a server project.

#include <string>

namespace concord::core::pg {

class Connection;

/// Creates the tables, the change trigger, the grants and the row-level security policies
/// for a project whose lead and labeler group roles are `leadRole` and `labelerRole`.
void createSchema(Connection &db, const std::string &leadRole, const std::string &labelerRole);

} // namespace concord::core::pg
