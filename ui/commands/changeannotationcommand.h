// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/commands/imagestatecommand.h"

namespace concord::ui {

/// Moves or reshapes one shape, or gives it another class (issue #17). Successive edits of
/// the same shape's points merge into one undo step, so nudging a handle several times is
/// undone at once; a change of class is a step of its own, never merged with a move.
class ChangeAnnotationCommand final : public ImageStateCommand
{
public:
    ChangeAnnotationCommand(ProjectDocument *document, core::Id image, const ImageState &before, int index,
                            const core::Annotation &annotation);

    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    int m_index;
    bool m_classChange; ///< the shape's class changed (not only its points)
};

} // namespace concord::ui
