// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QUndoCommand>

#include <optional>

namespace concord::ui {

class ProjectDocument;

/// The lead's final word on one image (adjudicated class, accepted majority or excluded), as
/// one undo step. It keeps the image's decision before and after, so undo puts back exactly
/// what was there (no decision, or an earlier one). Each write is one transaction with an
/// audit entry, like core::Session::recordDecision().
class DecisionCommand final : public QUndoCommand
{
public:
    DecisionCommand(ProjectDocument *document, std::optional<core::Decision> before, core::Decision after);

    void undo() override;
    void redo() override;

    core::Id image() const { return m_after.image; }

private:
    void write(const std::optional<core::Decision> &decision, bool undoing);

    ProjectDocument *m_document;
    std::optional<core::Decision> m_before;
    core::Decision m_after;
};

} // namespace concord::ui
