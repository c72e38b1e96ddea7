// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/store: what Store::restoreRows() does the same in both backends
// (sqlite_restore.cpp, pg_restore.cpp).

#include "core/common/error.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace concord::core::restore {

/// Meta keys that describe the target itself (its schema, its server's group roles): a copy
/// never writes the source's values over them, nor brings a server's into a project file.
inline bool isTargetsOwnMetaKey(std::string_view key)
{
    return key == "schema_version" || key == "server_lead_role" || key == "server_labeler_role";
}

/// The last path component, as the image table's file_name column keeps it.
inline std::string fileNameOf(const std::string &path)
{
    const auto slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// Error(Invalid) unless the target holds no rows yet (`rows`: its classes, labelers,
/// images, standards and audit entries; every other table refers to one of them).
inline void requireEmpty(std::int64_t rows, const std::string &where)
{
    if (rows != 0)
        throw Error(ErrorCode::Invalid,
                    "the target project is not empty (it has classes, labelers, images, standards or audit entries); "
                    "a whole project is copied only into a new, empty one",
                    where);
}

} // namespace concord::core::restore
