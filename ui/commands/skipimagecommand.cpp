// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/skipimagecommand.h"

#include "ui/commands/commandids.h"

#include <QObject>

namespace concord::ui {

namespace {

ImageState skipped(ImageState s)
{
    s.skipped = true;
    return s;
}

} // namespace

SkipImageCommand::SkipImageCommand(ProjectDocument *document, core::Id image, const ImageState &before)
    : ImageStateCommand(document, image, before, skipped(before))
{
    setText(QObject::tr("Skip image"));
}

int SkipImageCommand::id() const
{
    return static_cast<int>(CommandId::SkipImage);
}

} // namespace concord::ui
