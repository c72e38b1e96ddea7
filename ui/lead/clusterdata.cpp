// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/clusterdata.h"

#include "core/standards/standardseed.h"

namespace concord::ui {

ClusterData computeClusterData(const core::Store &store)
{
    ClusterData data;
    data.input = core::clusterInputFromStore(store); // derives length_mm when none is stored
    core::loadVisualFeatures(store, data.input);
    data.report = core::findClusters(data.input);
    data.input.features.release(); // the page never needs them; a large project's are big
    return data;
}

StandardSeed standardSeedFor(const core::ClusterInput &input, const core::Cluster &cluster)
{
    const core::StandardSeed c = core::standardSeedFor(input, cluster);
    StandardSeed seed;
    seed.title = QString::fromStdString(c.title);
    seed.body = QString::fromStdString(c.body);
    seed.attribute = QString::fromStdString(c.attribute);
    seed.threshold = c.threshold;
    seed.positiveClass = QString::fromStdString(c.positiveClass);
    seed.rule = QString::fromStdString(c.rule);
    seed.candidates = c.candidates;
    return seed;
}

} // namespace concord::ui
