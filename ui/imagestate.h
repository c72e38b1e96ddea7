// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <optional>
#include <vector>

namespace concord::ui {

/// What the current labeler has said about one image: their class (if any) and the shapes
/// they drew. Undo commands keep a before and an after ImageState, which keeps every change
/// symmetric: undo writes "before" back exactly as redo wrote "after".
struct ImageState
{
    std::optional<core::Id> labelClass;
    std::vector<core::Annotation> annotations;
    bool skipped = false;
};

} // namespace concord::ui
