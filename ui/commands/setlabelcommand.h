// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/commands/imagestatecommand.h"

namespace concord::ui {

/// Gives an image the labeler's class; the shapes drawn on it are saved with the label.
class SetLabelCommand final : public ImageStateCommand
{
public:
    SetLabelCommand(ProjectDocument *document, core::Id image, const ImageState &before, core::Id labelClass);

    int id() const override;
};

} // namespace concord::ui
