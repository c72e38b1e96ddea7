// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/adjudication/objectqueue.h"

#include <QUndoCommand>

#include <functional>
#include <optional>

namespace concord::ui {

class ProjectDocument;

/// The lead's decision on one unresolved object (accept with the voted class, accept as another
/// class, or drop), as one undo step over core::decideObject() and core::undoObjectDecision().
/// Redo decides the object again as it was listed; undo takes back exactly the decision this
/// step made (never one made elsewhere) and is refused, with the reason shown, when that
/// decision is gone already (another window or `concord-cli adjudicate --objects --undo`).
/// A refused step becomes obsolete: nothing is left to undo or redo.
class ObjectDecisionCommand final : public QUndoCommand
{
public:
    ObjectDecisionCommand(ProjectDocument *document, core::UnresolvedObject object, core::ObjectAction action,
                          std::optional<core::Id> cls);

    void undo() override;
    void redo() override;

    const core::UnresolvedObject &object() const { return m_object; }
    /// The decision in force, none after an undo or a refusal.
    const std::optional<core::ObjectDecisionEdit> &done() const { return m_done; }

private:
    void run(const std::function<void()> &call);

    ProjectDocument *m_document;
    core::UnresolvedObject m_object;
    core::ObjectAction m_action;
    std::optional<core::Id> m_cls;
    std::optional<core::ObjectDecisionEdit> m_done;
};

} // namespace concord::ui
