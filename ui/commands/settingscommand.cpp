// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/settingscommand.h"

#include "core/common/error.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"

namespace concord::ui {

SettingsCommand::SettingsCommand(ProjectDocument *document, core::ProjectSettings before, core::ProjectSettings after,
                                 const QString &text)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void SettingsCommand::redo()
{
    if (m_written) {
        m_written = false;
        return;
    }
    write(m_before, m_after);
}

void SettingsCommand::undo()
{
    write(m_after, m_before);
}

void SettingsCommand::write(const core::ProjectSettings &from, const core::ProjectSettings &to)
{
    try {
        // Only what this step changed: an overlap set since by another step or process stays.
        core::ProjectSettings settings = m_document->leadReader().settings();
        if (from.overlap != to.overlap)
            settings.overlap = to.overlap;
        if (from.pxPerMm != to.pxPerMm)
            settings.pxPerMm = to.pxPerMm;
        m_document->writeSettings(settings);
    } catch (const core::Error &e) {
        setObsolete(true);
        emit m_document->leadActionFailed(errorText(e));
    }
}

} // namespace concord::ui
