// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/ratingtable.h"
#include "core/store/store.h"

#include <cstdint>
#include <vector>

namespace concord::core {

/// Which of the project's current labels a rating table holds.
enum class LabelSet : std::uint8_t
{
    /// Every current label: the data set as it will be exported, labels a standard rewrote
    /// included.
    Dataset,
    /// Only labels a person gave (source manual or import): what agreement between people is
    /// measured on. A label a standard rewrote (source standard) says what the rule decided,
    /// not what its labeler saw, so it is left out.
    Human,
};

/// True for a label a person gave, false for one a standard wrote (LabelSet::Human).
bool isHumanLabel(const Label &label) noexcept;

/// The project's current labels as a RatingTable for the agreement engine: items are image
/// paths, labelers their names, classes every project class in display order (declared even
/// when unused, so per-class figures list them all). When the project's classes are ordered,
/// the table is ordered with values 0, 1, 2, … in display order.
RatingTable ratingTableFromStore(const Store &store, LabelSet labels = LabelSet::Dataset);

/// Same, from rows already read (e.g. a what-if set of labels in a standard's preview).
RatingTable ratingTableFromRows(const Store &store, const std::vector<LabelRow> &rows);

} // namespace concord::core
