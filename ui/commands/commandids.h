// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace concord::ui {

/// QUndoCommand::id() values, in one place so that merge ids never collide.
enum class CommandId : int
{
    SetLabel = 1,
    AddAnnotation,
    ChangeAnnotation, ///< successive edits of one shape merge into one undo step
    RemoveAnnotation,
    SkipImage,
};

} // namespace concord::ui
