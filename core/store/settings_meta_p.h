// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/store: the project settings as key/value rows of project_meta, read and
// validated the same way by every backend.

#include "core/store/store.h"

#include <string>

namespace concord::core::settings_meta {

/// The settings stored in `store`'s meta rows; `where` names the project in errors. A value
/// changed by another program (say px_per_mm = 'abc') is Error(Invalid) naming the key.
ProjectSettings read(const Store &store, const std::string &where);
/// Validates `s` (Error(Invalid) naming the field) and writes its meta rows in one transaction.
void write(Store &store, const ProjectSettings &s);

} // namespace concord::core::settings_meta
