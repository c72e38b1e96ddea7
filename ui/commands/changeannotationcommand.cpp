// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/changeannotationcommand.h"

#include "ui/commands/commandids.h"
#include "ui/document/projectdocument.h"

#include <QObject>

namespace concord::ui {

namespace {

ImageState withChanged(ImageState s, int index, const core::Annotation &a)
{
    s.annotations[static_cast<std::size_t>(index)] = a;
    return s;
}

} // namespace

ChangeAnnotationCommand::ChangeAnnotationCommand(ProjectDocument *document, core::Id image, const ImageState &before,
                                                 int index, const core::Annotation &annotation)
    : ImageStateCommand(document, image, before, withChanged(before, index, annotation))
    , m_index(index)
    , m_classChange(before.annotations[static_cast<std::size_t>(index)].classId != annotation.classId)
{
    if (m_classChange) {
        const auto cls = document->labelClass(annotation.classId);
        setText(QObject::tr("Set shape class to %1").arg(cls ? QString::fromStdString(cls->name) : QString()));
    } else {
        setText(QObject::tr("Edit shape"));
    }
}

int ChangeAnnotationCommand::id() const
{
    return static_cast<int>(CommandId::ChangeAnnotation);
}

bool ChangeAnnotationCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const ChangeAnnotationCommand *>(other);
    if (!o || o->m_image != m_image || o->m_index != m_index || m_classChange || o->m_classChange)
        return false;
    m_after = o->m_after;
    return true;
}

} // namespace concord::ui
