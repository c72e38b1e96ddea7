// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <cstdint>
#include <string>
#include <vector>

/// \file
/// What a lead changes about a running project (issue #19, "Project → Settings…"): its classes,
/// the overlap k, the calibration and who labels. The window's settings dialog and the command
/// line call these, so both refuse the same things in the same words. Every change is checked
/// before anything is written, written in one transaction and recorded in the audit log with
/// `actor`; a refused change writes nothing.

namespace concord::core {

/// Error(Invalid) naming the field ("name", "shortcut", "color") unless `changed` may replace
/// the class of its id among `store`'s classes: a name that passes checkName() and no other
/// class has, a colour "#rrggbb", and a key (empty for none) that classkeys.h's grammar
/// accepts and no other class uses ("s" and "S" are one key). A key the class has already is
/// not checked again, so a class keyed "10" before the grammar can still be renamed. A class
/// of id 0 is checked as a new class. Error(NotFound) for an id the project does not have.
void checkClassChange(const Store &store, const LabelClass &changed);

/// Adds a class at the end of the order, checked by checkClassChange(). Fills what is left
/// out: a colour of its own (defaultClassColor by position) and the first free key of
/// defaultClassKeys() (1…9, 0, Shift+A…Shift+Z); a key given is stored in canonical form.
/// Returns the class as stored.
LabelClass addProjectClass(Store &store, LabelClass cls, const std::string &actor);

/// Renames, recolours or re-keys a class (by id) after checkClassChange(), a new key in its
/// stored form ("shift+a" is kept as "Shift+A"); labels, shapes and
/// decisions keep their class, since they refer to it by id. Undo is the same call with the
/// class as it was.
void changeClass(Store &store, const LabelClass &changed, const std::string &actor);

/// Puts the classes in the order of `ids` (every class id once; Error(Invalid, field "order")
/// otherwise): the order of the class bar, its keys aside, and of every list of classes.
void reorderClasses(Store &store, const std::vector<Id> &ids, const std::string &actor);

/// Sets the overlap k (labels wanted per image): Error(Invalid, field "overlap") unless
/// 1 ≤ k ≤ kMaxOverlap. Assignments made already stay; new labelers' queues and later
/// assignImages() calls follow the new k.
void setOverlap(Store &store, int overlap, const std::string &actor);
inline constexpr int kMaxOverlap = 50;

/// Sets the project's default calibration in pixels per millimetre (0 = not calibrated),
/// checked by checkCalibration(). Images imported with a calibration of their own keep it.
void setCalibration(Store &store, double pxPerMm, const std::string &actor);

/// A labeler added by addLabelerWithQueue().
struct AddedLabeler
{
    Labeler labeler;
    std::int64_t queued = 0; ///< images given to them at once (ensureQueue)
};

/// Adds a person (a name no one in the project has, passing checkName()) and, for a labeler,
/// fills their queue at once with ensureQueue(), as the window does on a first sign-in and
/// `server add-labeler` does for a server login. Error(Invalid, field "labeler") for a name in
/// use. Nothing is written when any step fails.
AddedLabeler addLabelerWithQueue(Store &store, const std::string &name, Role role, const std::string &actor);

/// Who labels what: a row per person, with their queue.
struct LabelerWorkload
{
    Labeler labeler;
    std::int64_t assigned = 0; ///< rows in their queue (assignments and checks)
    std::int64_t labeled = 0;  ///< of those, answered (isAnswered())
};
/// Every person of the project in the store's order, with their queue sizes.
std::vector<LabelerWorkload> labelerWorkloads(const Store &store);

} // namespace concord::core
