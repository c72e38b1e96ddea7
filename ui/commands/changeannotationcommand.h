// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/commands/imagestatecommand.h"

namespace concord::ui {

/// Moves or reshapes one shape. Successive edits of the same shape merge into one undo step,
/// so nudging a handle several times is undone at once.
class ChangeAnnotationCommand final : public ImageStateCommand
{
public:
    ChangeAnnotationCommand(ProjectDocument *document, core::Id image, const ImageState &before, int index,
                            const core::Annotation &annotation);

    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    int m_index;
};

} // namespace concord::ui
