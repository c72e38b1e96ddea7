// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

/// \file
/// What the lead adjudicates and in which order, what the labels' majority is and which
/// standard a decision cites: the adjudication page and `concord-cli conflicts` show the same
/// queue because both ask here.

namespace concord::core {

/// How an image's labels vote (one label per labeler).
struct ImageVote
{
    std::int32_t labels = 0;
    /// Fleiss' P_i (core::itemAgreement): share of agreeing label pairs; 1 with fewer than two
    /// labels.
    double agreement = 1.0;
    /// The class with the most labels (core::majorityVote); empty on a tie at the top.
    std::optional<Id> majority;
    std::vector<Id> classes; ///< the classes labeled, ascending id
};
ImageVote voteOf(const std::vector<Label> &labels);

/// Active standards, newest first: the order citedStandard() searches.
std::vector<Standard> activeStandardsNewestFirst(const Store &store);
/// The standard a decision on a disagreement about `classesInDispute` cites: the newest
/// active standard whose rule names every class in dispute (an ok ↔ dent conflict does not
/// cite a scratch-length standard). Standards without a rule, or whose rule no longer parses,
/// cite nothing. `active` as activeStandardsNewestFirst() returns it.
std::optional<Standard> citedStandard(const std::vector<Standard> &active,
                                      const std::set<std::string> &classesInDispute);
/// The same for the image's current labels (class names looked up in the store).
std::optional<Standard> citedStandard(const Store &store, Id image);

/// One row of the adjudication queue.
struct ConflictEntry
{
    Id image = 0;
    std::string path;                    ///< as stored
    std::string resolvedPath;            ///< Store::resolveImagePath()
    std::vector<std::string> classNames; ///< the classes in dispute, by ascending class id
    std::string dispute;                 ///< classNames joined by " ↔ ": "ok ↔ scratch"
    ImageVote vote;
    /// Rank of the best disagreement cluster holding the image (1 = the top one of
    /// core::findClusters with default options, visual features not read), 0 = none.
    int cluster = 0;
    std::optional<Id> citedStandard; ///< citedStandard() for the image, when one speaks about it
};

/// The undecided conflicts (Store::conflictImages()) in the order the lead works through
/// them: conflicts a disagreement cluster explains first, by the cluster's rank (so the lead
/// settles one cause at a time with its standard in mind), then those outside any cluster;
/// within that, disputes shared by more conflicts first (ties by the dispute's text), then
/// lowest agreement first, then by image id. Reads every conflict's labels and runs the
/// cluster finders: call it on a worker for a big project.
std::vector<ConflictEntry> conflictQueue(const Store &store);

} // namespace concord::core
