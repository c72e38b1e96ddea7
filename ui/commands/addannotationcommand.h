// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/commands/imagestatecommand.h"

namespace concord::ui {

/// Adds a drawn box, line, polygon or point to an image (saved with the label, or kept as a
/// draft until the image's class is chosen).
class AddAnnotationCommand final : public ImageStateCommand
{
public:
    AddAnnotationCommand(ProjectDocument *document, core::Id image, const ImageState &before,
                         const core::Annotation &annotation);

    int id() const override;
};

} // namespace concord::ui
