// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/standards/standardpreview.h"
#include "core/store/store.h"

#include <optional>
#include <string>

/// \file
/// Applying a standard to the dataset and taking it back (DESIGN §6). Both are one
/// transaction and one audit entry each; the apply entry's payload holds every previous label
/// and decision state and the assignments it created, so the undo needs nothing else and
/// restores the label table exactly, byte for byte in the columns that matter.

namespace concord::core {

/// Audit actions written here, for the GUI's history view.
inline constexpr const char *kAuditStandardApply = "standard.apply";
inline constexpr const char *kAuditStandardUndo = "standard.undo";

struct ApplyResult
{
    Id auditId = 0;          ///< the apply's audit entry
    StandardPreview preview; ///< what was applied (changes, figures before and after)
    int round = 0;           ///< the relabel round, when assignments were created
    std::int64_t assignments = 0;
};

/// Applies a standard: every label its rule decides differently gets the rule's class with
/// source Standard and `standard` = this row id (its round and creation time are kept);
/// decisions it decides differently get method Standard; the standard becomes active and its
/// family's other active versions retired; each labeler of an undecided, disputed image gets
/// it again in a new round (maxRound() + 1). All in one transaction with one audit entry.
/// Error(Invalid) for a retired standard (write a new version instead); rule errors as in
/// previewStandard(), before anything is written.
ApplyResult applyStandard(Store &store, Id standard, const std::string &actor = "lead");

struct UndoResult
{
    Id applyAuditId = 0; ///< the apply entry now marked undone
    Id auditId = 0;      ///< the undo's own entry
    Id standard = 0;
    std::int64_t labels = 0;
    std::int64_t objects = 0; ///< objects an object rule dropped or relabelled, restored
    std::int64_t decisions = 0;
    std::int64_t assignments = 0;
};

/// Undoes the most recent apply that is not undone yet: restores each changed label's class,
/// source, standard, round and update time and each changed decision, removes the relabel
/// assignments it created and puts back the statuses it changed, marks the apply entry
/// undone and logs the undo. Labels made by labelers in the relabel round are theirs and stay.
/// Error(NotFound) when there is nothing to undo; Error(Invalid), changing nothing, when a
/// label or decision the standard set was changed again since (the undo would silently
/// discard that work).
UndoResult undoLastStandard(Store &store, const std::string &actor = "lead");

/// Undoes exactly the apply logged as audit entry `applyAuditId` (ApplyResult::auditId), as
/// undoLastStandard() does, so a window's undo step takes back the apply it shows, never one
/// that another process made. Error(Invalid), changing nothing, when that apply is undone
/// already or a later apply is still in force (it must be undone first: the later one may
/// have changed the same labels); Error(NotFound) for an id that is no apply.
UndoResult undoStandardApply(Store &store, Id applyAuditId, const std::string &actor = "lead");

/// The standard whose apply created relabel round `round` (the apply in force, not undone),
/// so that a labeler sent back to an image sees the standard that sent them first. Empty for
/// round 0, for rounds no apply created, and for an undone apply.
std::optional<Standard> standardOfRound(const Store &store, int round);

} // namespace concord::core
