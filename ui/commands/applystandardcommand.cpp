// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/applystandardcommand.h"

#include "core/common/error.h"
#include "core/standards/standardapply.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"

#include <QCoreApplication>

namespace concord::ui {

ApplyStandardCommand::ApplyStandardCommand(ProjectDocument *document, core::Id standard, core::Id applyAudit,
                                           const QString &title)
    : m_document(document)
    , m_standard(standard)
    , m_applyAudit(applyAudit)
{
    setText(QCoreApplication::translate("ApplyStandardCommand", "Apply standard \u201c%1\u201d").arg(title));
}

void ApplyStandardCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    try {
        const auto r = core::applyStandard(m_document->leadStore(), m_standard, m_document->labeler().name);
        m_applyAudit = r.auditId;
        emit m_document->leadActionDone(QCoreApplication::translate("ApplyStandardCommand",
                                                                    "Redone: %1, %n label(s) changed.", nullptr,
                                                                    int(r.preview.changes.size()))
                                            .arg(text()));
    } catch (const core::Error &e) {
        setObsolete(true);
        emit m_document->leadActionFailed(errorText(e));
    }
    m_document->notifyProjectDataChanged(
        {ProjectChange::Labels | ProjectChange::Decisions | ProjectChange::Standards, {}});
}

void ApplyStandardCommand::undo()
{
    try {
        const auto r = core::undoStandardApply(m_document->leadStore(), m_applyAudit, m_document->labeler().name);
        emit m_document->leadActionDone(QCoreApplication::translate("ApplyStandardCommand",
                                                                    "Undone: %1; %n label(s) restored as they were.",
                                                                    nullptr, int(r.labels))
                                            .arg(text()));
    } catch (const core::Error &e) {
        setObsolete(true);
        emit m_document->leadActionFailed(errorText(e));
    }
    m_document->notifyProjectDataChanged(
        {ProjectChange::Labels | ProjectChange::Decisions | ProjectChange::Standards, {}});
}

} // namespace concord::ui
