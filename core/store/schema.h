// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace concord::core::sqlite {

class Database;

/// Brings a database from schema version `from` to `to` (forward only), inside the caller's
/// transaction, and sets PRAGMA user_version. Version 0 is an empty file.
/// Exposed so tests can build a project at an older version and check the migration.
void migrate(Database &db, int from, int to);

} // namespace concord::core::sqlite
