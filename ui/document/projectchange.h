// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QMetaType>

#include <vector>

namespace concord::ui {

/// What a change of the project touched, carried by ProjectDocument::projectDataChanged(), so
/// that a page recomputes only when something it shows changed (like Tiled's
/// Document::changed(ChangeEvent) or Okular's DocumentObserver flags; issue #16 §2): the
/// standards page does not re-read the label book for every label a labeler keys, and the
/// adjudication page does not rebuild its queue for the decision it just made.
struct ProjectChange
{
    enum Part : unsigned
    {
        Labels = 1U << 0,     ///< labels or their shapes (a labeler's input, an apply, an import)
        Decisions = 1U << 1,  ///< the lead's decisions
        Standards = 1U << 2,  ///< standards, their versions, statuses and examples
        Attributes = 1U << 3, ///< image attributes (imported, measured, computed)
        Images = 1U << 4,     ///< images added, or their paths re-pointed
        Classes = 1U << 5,    ///< the project's classes
        Everything = Labels | Decisions | Standards | Attributes | Images | Classes,
    };

    /// Parts touched (Part flags); Everything when another process changed the project.
    unsigned parts = Everything;
    /// The images touched, when the change was about a few (empty: many, or not known).
    std::vector<core::Id> images;

    bool touches(unsigned anyOf) const { return (parts & anyOf) != 0; }
};

} // namespace concord::ui

Q_DECLARE_METATYPE(concord::ui::ProjectChange)
