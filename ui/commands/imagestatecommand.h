// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/document/imagestate.h"

#include <QUndoCommand>

namespace concord::ui {

class ProjectDocument;

/// Base of the commands that change what the labeler said about one image. It keeps the
/// image's whole state before and after, so undo is exact whatever the change was; the
/// subclasses only compute "after" and name the step.
class ImageStateCommand : public QUndoCommand
{
public:
    ImageStateCommand(ProjectDocument *document, core::Id image, ImageState before, ImageState after);

    void undo() override;
    void redo() override;

    core::Id image() const { return m_image; }

protected:
    ProjectDocument *m_document;
    core::Id m_image;
    ImageState m_before;
    ImageState m_after;

private:
    bool m_firstRedo = true;
};

} // namespace concord::ui
