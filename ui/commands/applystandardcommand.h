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
/// Undo is core::undoLastStandard(), which restores every label, decision and status the apply
/// changed from its audit entry. Because the stack is LIFO, the last apply not undone is this
/// one, unless someone applied a standard to the same file from another process meanwhile; a
/// refused undo (a label the standard set was changed again since) is reported through
/// ProjectDocument::leadActionFailed() and the command is dropped from the stack.
class ApplyStandardCommand final : public QUndoCommand
{
public:
    ApplyStandardCommand(ProjectDocument *document, core::Id standard, const QString &title);

    void undo() override;
    void redo() override;

    core::Id standard() const { return m_standard; }

private:
    ProjectDocument *m_document;
    core::Id m_standard;
    bool m_firstRedo = true;
};

} // namespace concord::ui
