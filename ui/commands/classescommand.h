// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QUndoCommand>

#include <vector>

namespace concord::ui {

class ProjectDocument;

/// One change of the project's classes from Project → Settings… (a rename, a colour, a key, a
/// new order) as one undo step: the classes before and after, written back with
/// ProjectDocument::writeClasses(), which goes through core::changeClass and
/// core::reorderClasses and so refuses what they refuse. Undo and redo write only what this
/// step changed (a rename's undo puts the name back, not the key the class had then), over
/// the classes as they are now. Labels refer to classes by id, so undoing a rename renames
/// every label's class back too. A refused undo or redo (the old key was given to a class
/// added since, or another process took the name) makes the step obsolete and says why.
class ClassesCommand final : public QUndoCommand
{
public:
    /// `after` is in force already (the document wrote it before pushing, so a refusal pushes
    /// nothing): the first redo() does nothing.
    ClassesCommand(ProjectDocument *document, std::vector<core::LabelClass> before, std::vector<core::LabelClass> after,
                   const QString &text);

    void undo() override;
    void redo() override;

    /// `now` with this step's change from `from` to `to` made again: each field that differs
    /// between the two (name, colour, key, description) and, when they differ in order, the
    /// order of `to`. Everything else stays as in `now`.
    static std::vector<core::LabelClass> replayed(std::vector<core::LabelClass> now,
                                                  const std::vector<core::LabelClass> &from,
                                                  const std::vector<core::LabelClass> &to);

private:
    /// Writes `classes`; a refusal makes the step obsolete and is told as `refused` ("Cannot
    /// undo “%1”", %1 the step's text) with the reason.
    void write(const std::vector<core::LabelClass> &classes, const QString &refused);

    ProjectDocument *m_document;
    std::vector<core::LabelClass> m_before;
    std::vector<core::LabelClass> m_after;
    bool m_written = true;
};

} // namespace concord::ui
