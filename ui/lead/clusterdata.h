// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/store/store.h"
#include "ui/lead/standardseed.h"

#include <filesystem>

namespace concord::ui {

/// The clusters of a project as the clusters page shows them: the finders' input (items with
/// every labeler's vote, attributes; the visual features dropped after use) and their report.
struct ClusterData
{
    core::ClusterInput input;
    core::ClusterReport report;
};

/// Opens `project` read-only (its own connection: runs on a worker thread) and runs the three
/// finders with the CLI's defaults, visual features included.
ClusterData computeClusterData(const std::filesystem::path &project);

/// What a cluster suggests for a new standard: title, body (the description), the band's
/// attribute, suggested threshold and positive class, a rule in the project's rule language
/// (docs/RULES.md) for a band with a confusion pair, and the members as example candidates.
StandardSeed standardSeedFor(const core::ClusterInput &input, const core::Cluster &cluster);

/// A class name as the rule language writes it: bare when it is a name that is not a keyword,
/// else in double quotes with `"` and `\` escaped.
QString ruleClassName(const QString &name);

} // namespace concord::ui
