// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/labelreader.h"

#include <string>
#include <vector>

namespace concord::core {

/// YOLO (Ultralytics) labels: a folder with `data.yaml` naming the classes and one `.txt` per
/// image under it (usually `labels/train/x.txt` beside `images/train/x.jpg`); each line
/// `class cx cy w h` (a box) or `class x1 y1 x2 y2 x3 y3 …` (a polygon of three or more
/// points), all normalised to the image's size. The image is matched by the file's stem; a file
/// without a line (no objects) is skipped, since YOLO does not say the image's class. See
/// docs/FORMATS.md for the exact rules and the errors.
class YoloLabelReader final : public LabelReader
{
public:
    std::string_view format() const override { return "yolo"; }
    std::vector<ImportedLabel> read(const std::filesystem::path &path, const ReadOptions &options) const override;
};

/// The class names of a `data.yaml`: its `names:` as a flow list (`names: [a, 'b c']`), a block
/// list (`- a`) or a block map (`0: a`, ids 0…n−1 in any order). Scalars may be plain, 'single'
/// or "double" quoted (JSON escapes). Error(Parse) naming the file and line of anything else.
std::vector<std::string> readYoloNames(const std::string &text, const std::string &file);

} // namespace concord::core
