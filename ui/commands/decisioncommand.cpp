// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/decisioncommand.h"

#include "core/common/error.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"

#include <QCoreApplication>

namespace concord::ui {

namespace {

QString describe(const ProjectDocument &document, const core::Decision &d)
{
    if (d.method == core::DecisionMethod::Excluded)
        return QCoreApplication::translate("DecisionCommand", "Mark image as ambiguous");
    const auto cls = d.labelClass ? document.labelClass(*d.labelClass) : std::nullopt;
    const QString name = cls ? QString::fromStdString(cls->name) : QString();
    if (d.method == core::DecisionMethod::Consensus)
        return QCoreApplication::translate("DecisionCommand", "Accept majority %1").arg(name);
    return QCoreApplication::translate("DecisionCommand", "Decide %1").arg(name);
}

} // namespace

DecisionCommand::DecisionCommand(ProjectDocument *document, core::Decision after)
    : m_document(document)
    , m_after(std::move(after))
{
    setText(describe(*document, m_after));
}

void DecisionCommand::redo()
{
    run([this] {
        m_done = m_undone ? core::undoDecision(m_document->leadStore(), *m_undone, m_document->labeler().name)
                          : core::recordDecision(m_document->leadStore(), m_after, m_document->labeler().name);
        m_undone.reset();
    });
}

void DecisionCommand::undo()
{
    if (!m_done)
        return; // the recording failed: nothing to take back
    run([this] {
        m_undone = core::undoDecision(m_document->leadStore(), *m_done, m_document->labeler().name);
        m_done.reset();
    });
}

void DecisionCommand::run(const std::function<void()> &call)
{
    try {
        call();
    } catch (const core::Error &e) {
        setObsolete(true);
        emit m_document->leadActionFailed(errorText(e));
    }
    emit m_document->decisionChanged(m_after.image);
    m_document->notifyProjectDataChanged({ProjectChange::Decisions, {m_after.image}});
}

} // namespace concord::ui
