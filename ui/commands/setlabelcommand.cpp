// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/setlabelcommand.h"

#include "ui/commands/commandids.h"
#include "ui/document/projectdocument.h"

namespace concord::ui {

namespace {

ImageState labelled(ImageState s, core::Id labelClass)
{
    s.labelClass = labelClass;
    s.skipped = false;
    s.setByStandard = false; // the labeler's own choice now
    return s;
}

} // namespace

SetLabelCommand::SetLabelCommand(ProjectDocument *document, core::Id image, const ImageState &before,
                                 core::Id labelClass)
    : ImageStateCommand(document, image, before, labelled(before, labelClass))
{
    const auto cls = document->labelClass(labelClass);
    setText(QObject::tr("Label as %1").arg(cls ? QString::fromStdString(cls->name) : QString()));
}

int SetLabelCommand::id() const
{
    return static_cast<int>(CommandId::SetLabel);
}

} // namespace concord::ui
