// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QUndoCommand>

namespace concord::ui {

class ProjectDocument;

/// A change of the overlap k or the calibration from Project → Settings… as one undo step:
/// the settings before and after, written with ProjectDocument::writeSettings() (through
/// core::setOverlap and core::setCalibration). Only the value this step changed is written
/// back, so settings changed elsewhere meanwhile (the other of the two, consistency checks,
/// hidden file names) stay.
class SettingsCommand final : public QUndoCommand
{
public:
    /// `after` is in force already (written before the push): the first redo() does nothing.
    SettingsCommand(ProjectDocument *document, core::ProjectSettings before, core::ProjectSettings after,
                    const QString &text);

    void undo() override;
    void redo() override;

private:
    /// Writes the value(s) that differ between `from` and `to` as in `to`.
    void write(const core::ProjectSettings &from, const core::ProjectSettings &to);

    ProjectDocument *m_document;
    core::ProjectSettings m_before;
    core::ProjectSettings m_after;
    bool m_written = true;
};

} // namespace concord::ui
