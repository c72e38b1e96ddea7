// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/removeannotationcommand.h"

#include "ui/commands/commandids.h"

#include <QObject>

namespace concord::ui {

namespace {

ImageState withRemoved(ImageState s, int index)
{
    s.annotations.erase(s.annotations.begin() + index);
    return s;
}

} // namespace

RemoveAnnotationCommand::RemoveAnnotationCommand(ProjectDocument *document, core::Id image, const ImageState &before,
                                                 int index)
    : ImageStateCommand(document, image, before, withRemoved(before, index))
{
    setText(QObject::tr("Delete shape"));
}

int RemoveAnnotationCommand::id() const
{
    return static_cast<int>(CommandId::RemoveAnnotation);
}

} // namespace concord::ui
