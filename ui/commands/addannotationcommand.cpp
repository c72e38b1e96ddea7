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
    switch (annotation.kind) {
    case core::AnnotationKind::Box: setText(QObject::tr("Draw box")); break;
    case core::AnnotationKind::Line: setText(QObject::tr("Draw measuring line")); break;
    case core::AnnotationKind::Polygon: setText(QObject::tr("Draw polygon")); break;
    case core::AnnotationKind::Point: setText(QObject::tr("Place point")); break;
    }
}

int AddAnnotationCommand::id() const
{
    return static_cast<int>(CommandId::AddAnnotation);
}

} // namespace concord::ui
