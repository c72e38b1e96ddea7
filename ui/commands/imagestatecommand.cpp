// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/imagestatecommand.h"

#include "ui/document/projectdocument.h"

namespace concord::ui {

ImageStateCommand::ImageStateCommand(ProjectDocument *document, core::Id image, ImageState before, ImageState after)
    : m_document(document)
    , m_image(image)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void ImageStateCommand::undo()
{
    m_document->applyState(m_image, m_before);
    m_document->reveal(m_image);
}

void ImageStateCommand::redo()
{
    m_document->applyState(m_image, m_after);
    // The first redo is the user's own action on the image they are looking at; later ones
    // (Ctrl+Shift+Z) may concern an image further back in the queue, so show it.
    if (!m_firstRedo)
        m_document->reveal(m_image);
    m_firstRedo = false;
}

} // namespace concord::ui
