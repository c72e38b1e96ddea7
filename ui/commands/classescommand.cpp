// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/classescommand.h"

#include "core/common/error.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"

namespace concord::ui {

ClassesCommand::ClassesCommand(ProjectDocument *document, std::vector<core::LabelClass> before,
                               std::vector<core::LabelClass> after, const QString &text)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void ClassesCommand::redo()
{
    if (m_written) {
        m_written = false;
        return;
    }
    write(m_after);
}

void ClassesCommand::undo()
{
    write(m_before);
}

void ClassesCommand::write(const std::vector<core::LabelClass> &classes)
{
    try {
        m_document->writeClasses(classes);
    } catch (const core::Error &e) {
        setObsolete(true);
        emit m_document->leadActionFailed(errorText(e));
    }
}

} // namespace concord::ui
