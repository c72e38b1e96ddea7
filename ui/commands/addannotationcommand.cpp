// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/addannotationcommand.h"

#include "ui/commands/commandids.h"

#include <QObject>

namespace concord::ui {

namespace {

ImageState withAdded(ImageState s, const core::Annotation &a)
{
    s.annotations.push_back(a);
    return s;
}

} // namespace

AddAnnotationCommand::AddAnnotationCommand(ProjectDocument *document, core::Id image, const ImageState &before,
                                           const core::Annotation &annotation)
    : ImageStateCommand(document, image, before, withAdded(before, annotation))
{
    setText(annotation.kind == core::AnnotationKind::Line ? QObject::tr("Draw measuring line")
                                                          : QObject::tr("Draw box"));
}

int AddAnnotationCommand::id() const
{
    return static_cast<int>(CommandId::AddAnnotation);
}

} // namespace concord::ui
