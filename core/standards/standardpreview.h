// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/standards/ruleevaluator.h"
#include "core/standards/standardagreement.h"
#include "core/store/store.h"

#include <limits>
#include <string>
#include <utility>
#include <vector>

/// \file
/// What applying a standard would do, computed without writing anything (DESIGN §6): the lead
/// sees every change and its reason, and the agreement before and after, before committing.

namespace concord::core {

/// One label the rule would change.
struct LabelChange
{
    Id labelId = 0;
    Id image = 0;
    std::string imagePath;
    Id labeler = 0;
    std::string labelerName;
    Id fromClass = 0;
    Id toClass = 0;
    std::string from;
    std::string to;
    std::vector<std::pair<std::string, AttrValue>> decidedBy; ///< attribute values that decided it
};

/// One adjudicated or consensus decision the rule would change (its final class is a label too).
struct DecisionChange
{
    Id image = 0;
    std::string imagePath;
    Id fromClass = 0;
    Id toClass = 0;
    std::string from;
    std::string to;
    std::vector<std::pair<std::string, AttrValue>> decidedBy;
};

/// One object (a labeler's shape) an object rule would drop or relabel.
struct ObjectChange
{
    Id annotation = 0;
    Id label = 0;
    Id image = 0;
    std::string imagePath;
    Id labeler = 0;
    std::string labelerName;
    AnnotationKind kind = AnnotationKind::Box;
    Id fromClass = 0;
    std::string from;
    bool drop = false;
    Id toClass = 0; ///< when not dropped
    std::string to; ///< when not dropped
    std::vector<std::pair<std::string, AttrValue>> decidedBy;
};

/// The object figures an object rule's preview compares (docs/AGREEMENT.md, "Agreement on
/// objects", at the default t = 0.5 and d = 10 px).
struct ObjectFigures
{
    std::int64_t shapes = 0;
    double f1Iou50 = std::numeric_limits<double>::quiet_NaN();
    double f1Iou75 = std::numeric_limits<double>::quiet_NaN();
    double meanMatchedIou = std::numeric_limits<double>::quiet_NaN();
    double classKappa = std::numeric_limits<double>::quiet_NaN();
};

/// An image with at least one label the rule could not decide.
struct UndecidedItem
{
    Id image = 0;
    std::string imagePath;
    std::vector<std::string> missing; ///< the unknown attributes
    bool disputed = false;            ///< its labels (after the rule) still disagree
};

/// One entry of the relabel queue the apply would create.
struct RelabelEntry
{
    Id image = 0;
    std::string imagePath;
    Id labeler = 0;
    std::string labelerName;
};

struct StandardPreview
{
    Standard standard;
    std::vector<LabelChange> changes; ///< by image, then labeler
    std::vector<DecisionChange> decisionChanges;
    std::vector<UndecidedItem> undecided; ///< by image
    /// The labelers of every undecided, disputed image, for a new round (by image, labeler);
    /// left out where the labeler has that image pending already.
    std::vector<RelabelEntry> relabel;
    /// Images on which the rule decided every label: after applying, each is unanimous
    /// unless the rule itself gives different classes to different labels.
    std::vector<Id> decidedItems;
    std::int64_t labelsInScope = 0; ///< labels the guard selects (decided, kept or undecided)
    std::int64_t labelsDecided = 0; ///< labels the rule gave a class (changed or confirmed)
    std::int64_t labelsUndecided = 0;
    AgreementFigures before;
    AgreementFigures after;
    /// An object rule (`for objects …`): the objects it drops or relabels (by image, labeler,
    /// shape), the objects it reads and could not decide, and the object figures before and
    /// after. Its label figures (before, after) stay the same: it changes no image class.
    bool objectRule = false;
    std::vector<ObjectChange> objectChanges;
    std::int64_t objectsInScope = 0;
    std::int64_t objectsDecided = 0; ///< dropped, relabelled, confirmed or kept on purpose
    std::int64_t objectsUndecided = 0;
    ObjectFigures objectsBefore;
    ObjectFigures objectsAfter;
    /// Every current label as it would be after applying (for further what-if analysis).
    std::vector<LabelRow> afterRows;
};

/// Evaluates the standard's rule on every current label and decision. Reads only. The rule is
/// validated against the project first (RuleError as in validateRule: an attribute may have
/// been removed since the standard was written). A standard without a rule changes nothing.
/// Error(NotFound) for an unknown standard.
StandardPreview previewStandard(const Store &store, Id standard);

struct Rule;
/// The object part of previewStandard() for an object rule (objectrulepreview.cpp): fills
/// objectChanges, the object counts and figures of `preview`. Reads only.
void previewObjectRule(const Store &store, const Rule &rule, StandardPreview &preview);

} // namespace concord::core
