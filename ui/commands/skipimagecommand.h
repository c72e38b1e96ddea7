// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/commands/imagestatecommand.h"

namespace concord::ui {

/// Marks an unlabeled image as skipped in the labeler's queue (it comes back last when they
/// jump to the first unlabeled image).
class SkipImageCommand final : public ImageStateCommand
{
public:
    SkipImageCommand(ProjectDocument *document, core::Id image, const ImageState &before);

    int id() const override;
};

} // namespace concord::ui
