// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/ratingtable.h"

#include <istream>
#include <string>

namespace concord::core {

/// How a ratings CSV is read.
struct RatingCsvOptions
{
    char delimiter = ',';
    std::string itemColumn = "item";
    std::string labelerColumn = "labeler";
    std::string labelColumn = "label";
    /// When every label is a number (and no two labels are the same number), order the classes
    /// by value and use the values for interval alpha. Off: labels are nominal names.
    bool numericLabelsOrdered = true;
};

/// Reads `item,labeler,label` triples (the CLI's `--csv FILE`; other columns are ignored).
/// Items, labelers and classes get indices in order of first appearance (numeric classes are
/// then sorted by value). A row with an empty label is a missing label: the item and labeler
/// are still registered. Repeated (item, labeler) rows are kept as repeated ratings. Throws
/// Error(Parse) naming the file, the line and the column for a missing column, a short row or
/// an empty item or labeler cell; Error(Io) when the file cannot be read.
RatingTable readRatingsCsv(const std::string &path, const RatingCsvOptions &options = {});
/// The same from a stream; `fileName` is used in error messages.
RatingTable readRatingsCsv(std::istream &in, const std::string &fileName, const RatingCsvOptions &options = {});

} // namespace concord::core
