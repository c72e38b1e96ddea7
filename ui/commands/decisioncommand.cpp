// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/decisioncommand.h"

#include "core/common/error.h"
#include "ui/errortext.h"
#include "ui/projectdocument.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

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

nlohmann::json classJson(const std::optional<core::Id> &c)
{
    return c ? nlohmann::json(*c) : nlohmann::json();
}

} // namespace

DecisionCommand::DecisionCommand(ProjectDocument *document, std::optional<core::Decision> before,
                                 core::Decision after)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(describe(*document, m_after));
}

void DecisionCommand::redo()
{
    write(m_after, false);
}

void DecisionCommand::undo()
{
    write(m_before, true);
}

void DecisionCommand::write(const std::optional<core::Decision> &decision, bool undoing)
{
    core::Store &store = m_document->mutableStore();
    const core::Id image = m_after.image;
    try {
        store.transaction([&] {
            nlohmann::json payload{{"image", image}, {"undo", undoing}};
            if (decision) {
                store.setDecision(*decision);
                payload["class"] = classJson(decision->labelClass);
                payload["method"] = std::string(core::toString(decision->method));
                if (decision->standard)
                    payload["standard"] = *decision->standard;
                store.appendAudit(m_document->labeler().name, "decision", payload.dump());
            } else {
                store.removeDecision(image);
                store.appendAudit(m_document->labeler().name, "remove-decision", payload.dump());
            }
        });
    } catch (const core::Error &e) {
        emit m_document->leadActionFailed(errorText(e));
    }
    emit m_document->decisionChanged(image);
    m_document->notifyProjectDataChanged();
}

} // namespace concord::ui
