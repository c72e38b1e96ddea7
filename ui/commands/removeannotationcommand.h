// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/commands/imagestatecommand.h"

namespace concord::ui {

/// Deletes one shape from an image.
class RemoveAnnotationCommand final : public ImageStateCommand
{
public:
    RemoveAnnotationCommand(ProjectDocument *document, core::Id image, const ImageState &before, int index);

    int id() const override;
};

} // namespace concord::ui
