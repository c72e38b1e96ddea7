// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/objectdecisioncommand.h"

#include "core/common/error.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"

#include <QCoreApplication>

namespace concord::ui {

namespace {

QString describe(const ProjectDocument &document, const core::UnresolvedObject &o, core::ObjectAction action,
                 std::optional<core::Id> cls)
{
    const QString file = QString::fromStdString(o.path).section(QLatin1Char('/'), -1);
    if (action == core::ObjectAction::Drop)
        return QCoreApplication::translate("ObjectDecisionCommand", "Drop object on %1").arg(file);
    const auto c = document.labelClass(action == core::ObjectAction::Class && cls ? *cls : o.classId);
    const QString name = c ? QString::fromStdString(c->name) : QString::fromStdString(o.className);
    return QCoreApplication::translate("ObjectDecisionCommand", "Accept object on %1 as %2").arg(file, name);
}

} // namespace

ObjectDecisionCommand::ObjectDecisionCommand(ProjectDocument *document, core::UnresolvedObject object,
                                             core::ObjectAction action, std::optional<core::Id> cls)
    : m_document(document)
    , m_object(std::move(object))
    , m_action(action)
    , m_cls(cls)
{
    setText(describe(*document, m_object, m_action, m_cls));
}

void ObjectDecisionCommand::redo()
{
    run([this] {
        m_done = core::decideObject(m_document->leadStore(), m_object, m_action, m_cls, m_document->labeler().id,
                                    m_document->labeler().name);
    });
}

void ObjectDecisionCommand::undo()
{
    if (!m_done)
        return; // the decision failed: nothing to take back
    run([this] {
        core::undoObjectDecision(m_document->leadStore(), m_done->decision.id, m_document->labeler().name);
        m_done.reset();
    });
}

void ObjectDecisionCommand::run(const std::function<void()> &call)
{
    try {
        call();
    } catch (const core::Error &e) {
        setObsolete(true);
        emit m_document->leadActionFailed(errorText(e));
    }
    m_document->notifyProjectDataChanged({ProjectChange::Decisions, {m_object.image}});
}

} // namespace concord::ui
