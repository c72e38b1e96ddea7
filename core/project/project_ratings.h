// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/ratingtable.h"
#include "core/store/store.h"

#include <vector>

namespace concord::core {

/// The project's current labels as a RatingTable for the agreement engine: items are image
/// paths, labelers their names, classes every project class in display order (declared even
/// when unused, so per-class figures list them all). When the project's classes are ordered,
/// the table is ordered with values 0, 1, 2, … in display order.
RatingTable ratingTableFromStore(const Store &store);

/// Same, from rows already read (e.g. a what-if set of labels in a standard's preview).
RatingTable ratingTableFromRows(const Store &store, const std::vector<LabelRow> &rows);

} // namespace concord::core
