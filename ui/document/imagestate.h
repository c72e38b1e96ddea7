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
    /// The class was set by a standard's apply, not chosen by this labeler. Choosing the same
    /// class again is then a change (the label becomes theirs), never a no-op: a later undo
    /// of the standard must see their answer and keep it.
    bool setByStandard = false;
    /// The standard that set the class, when setByStandard.
    std::optional<core::Id> standard;
};

} // namespace concord::ui
