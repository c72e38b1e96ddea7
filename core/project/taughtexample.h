// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <optional>
#include <vector>

/// \file
/// An example image of a standard as the label book teaches with it (issue #19, "Examples
/// that teach"): not only the picture and the lead's note, but the class the image should get
/// and the shapes and measurement that make it so.

namespace concord::core {

/// One example of a standard, with what a labeler needs to learn from it.
struct TaughtExample
{
    StandardExample example; ///< image, role and the lead's note
    /// The class the image should get: the lead's decision when there is one, else the class
    /// most of its labels carry (a tie gives none). A decision to exclude gives none.
    std::optional<Id> expectedClass;
    /// Every label's shapes, without their labelers (what a class looks like drawn, not who
    /// drew it), each with its own class (Annotation::classId): the window draws those of the
    /// class the example teaches, which the standard's rule may set (ruleClassFor).
    std::vector<Annotation> shapes;
    /// The image's measured length_mm as the rule engine and the cluster finders read it: the
    /// median over the image's labels of each label's longest line (imageattributes.h,
    /// medianMeasurements); empty when no line was measured in mm.
    std::optional<double> lengthMm;
};

/// The median of each label's longest measured line on one image (labels without a line in mm
/// left out): the value attributeValues() gives the image's `length_mm`. Empty without lines.
std::optional<double> medianLongestLineMm(const std::vector<std::vector<Annotation>> &shapesPerLabel);

} // namespace concord::core
