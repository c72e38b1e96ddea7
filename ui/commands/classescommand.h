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
/// core::reorderClasses and so refuses what they refuse. Labels refer to classes by id, so
/// undoing a rename renames every label's class back too. A refused undo or redo (another
/// process took the name meanwhile) makes the step obsolete and says why.
class ClassesCommand final : public QUndoCommand
{
public:
    /// `after` is in force already (the document wrote it before pushing, so a refusal pushes
    /// nothing): the first redo() does nothing.
    ClassesCommand(ProjectDocument *document, std::vector<core::LabelClass> before, std::vector<core::LabelClass> after,
                   const QString &text);

    void undo() override;
    void redo() override;

private:
    void write(const std::vector<core::LabelClass> &classes);

    ProjectDocument *m_document;
    std::vector<core::LabelClass> m_before;
    std::vector<core::LabelClass> m_after;
    bool m_written = true;
};

} // namespace concord::ui
