// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Consistency checks (issue #20, docs/CONSISTENCY.md): repeats of images a labeler labeled,
// shown again later in their queue (test–retest), and gold images with the lead's class.

#include "core/store/store.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace concord::core {

/// What scheduleChecks() added.
struct CheckSchedule
{
    std::int64_t repeats = 0;
    std::int64_t gold = 0;
};

/// Tops up each labeler's consistency checks to the project's shares (ProjectSettings::
/// repeatShare, goldShare), in one transaction, deterministically for a given seed:
/// - repeats: round(repeatShare · n) per labeler with n assignments in their queue. A repeat of
///   the assignment at queue index i sits after the assignment at index t ≥ i + repeatGap + a
///   seeded jitter of up to repeatGap / 2 (an i for which that lies beyond the queue's end gets
///   none, so a queue of repeatGap rows or fewer gets no repeats), so at least repeatGap queue
///   rows lie between the two showings; and after every row the labeler has answered or
///   skipped already (the "frontier"), so it never appears among rows already done. When the
///   whole queue is answered, repeats go to its end.
/// - gold: round(goldShare · n) per labeler, drawn from the gold images (setGold) that are not
///   in the labeler's queue, each after a seeded assignment beyond the frontier.
/// Existing checks count towards the share and are never moved. `only` limits the work to one
/// labeler. Audited as "checks.schedule" when anything was added.
CheckSchedule scheduleChecks(Store &store, std::uint64_t seed, std::optional<Id> only = std::nullopt,
                             const std::string &actor = "concord");

/// Records the labeler's answer to check item `item` (class and drawn shapes) and marks it done.
/// Error(Invalid) for an unknown class.
void answerCheck(Store &store, Id item, Id labelClass, const std::vector<Annotation> &annotations = {});

/// Marks the lead's decided classes as gold: every decided image (not excluded) when `images`
/// is empty, else the listed ones (Error(NotFound) for one without a decision, Error(Invalid) for
/// an excluded one). Returns the number of gold images set. Audited as "gold.mark".
std::int64_t markDecisionsGold(Store &store, const std::vector<Id> &images, const std::string &actor);

/// Reads a gold CSV (header `image,class`; image is a project path or file name, class a class
/// name) and sets every row as gold in one transaction. Bad input throws Error naming the file,
/// line and field, and nothing is changed. Returns the rows set. Audited as "gold.import".
std::int64_t importGoldCsv(Store &store, const std::filesystem::path &csv, const std::string &actor);

} // namespace concord::core
