// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/objectagreement.h"

#include <array>
#include <istream>
#include <string>

namespace concord::core {

/// How a CSV of boxes is read (`concord-cli agreement --csv FILE --objects`).
struct ObjectCsvOptions
{
    char delimiter = ',';
    std::string itemColumn = "item";
    std::string labelerColumn = "labeler";
    std::string labelColumn = "label";
    /// Two opposite corners of the box, in pixels, in either order.
    std::array<std::string, 4> cornerColumns{"x1", "y1", "x2", "y2"};
};

/// Reads one box per row: item, labeler, label (the box's class) and the corners x1, y1, x2,
/// y2 (other columns are ignored). A row whose four corner cells are all empty says that the
/// labeler labeled the image and drew nothing there (its label is then ignored). Items,
/// labelers and classes get indices in order of first appearance. Throws Error(Parse) naming the
/// file, the line and the column for a missing column, a short row, an empty item or labeler,
/// some but not all corners empty, a corner that is not a finite number and a box without a
/// label; Error(Io) when the file cannot be read.
ObjectTable readObjectsCsv(const std::string &path, const ObjectCsvOptions &options = {});
/// The same from a stream; `fileName` is used in error messages.
ObjectTable readObjectsCsv(std::istream &in, const std::string &fileName, const ObjectCsvOptions &options = {});

} // namespace concord::core
