// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QString>
#include <QUndoCommand>

namespace concord::ui {

class ProjectDocument;

/// Applying a standard to the labels, as one step of the window's undo stack (Ctrl+Z).
///
/// The document applies the standard before pushing this command (so a rule error is
/// reported before anything lands on the stack); the first redo therefore does nothing.
/// Undo is core::undoStandardApply() of this apply's own audit entry, which restores every
/// label, decision and status the apply changed. Another process may have applied a standard
/// to the same file meanwhile: then core refuses (that later apply must be undone first)
/// rather than undo the wrong one. A refused undo (also: a label or decision the standard set
/// was changed again since) is reported through ProjectDocument::leadActionFailed() and the
/// command is dropped from the stack.
class ApplyStandardCommand final : public QUndoCommand
{
public:
    ApplyStandardCommand(ProjectDocument *document, core::Id standard, core::Id applyAudit, const QString &title);

    void undo() override;
    void redo() override;

    core::Id standard() const { return m_standard; }

private:
    ProjectDocument *m_document;
    core::Id m_standard;
    core::Id m_applyAudit; ///< the audit entry of the apply in force (a redo applies anew)
    bool m_firstRedo = true;
};

} // namespace concord::ui
