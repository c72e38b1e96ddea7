// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/adjudication/decisionlog.h"

#include <QUndoCommand>

#include <functional>
#include <optional>

namespace concord::ui {

class ProjectDocument;

/// The lead's final word on one image (adjudicated class, accepted majority or excluded), as
/// one undo step over core::recordDecision() and core::undoDecision(): undo puts back exactly
/// what was there (no decision, or an earlier one) and is refused, with the reason shown, when
/// the decision was changed since (by another process); redo is the undo of that undo.
class DecisionCommand final : public QUndoCommand
{
public:
    DecisionCommand(ProjectDocument *document, core::Decision after);

    void undo() override;
    void redo() override;

    core::Id image() const { return m_after.image; }

private:
    /// Runs one core call; a refusal makes the step obsolete (nothing left to undo or redo).
    void run(const std::function<void()> &call);

    ProjectDocument *m_document;
    core::Decision m_after;
    /// The change in force (recorded, or redone), and the undo that took it back.
    std::optional<core::DecisionEdit> m_done;
    std::optional<core::DecisionEdit> m_undone;
};

} // namespace concord::ui
