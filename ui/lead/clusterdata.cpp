// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/clusterdata.h"

#include "core/clusters/imageattributes.h"
#include "core/report/reportdata.h"
#include "core/standards/standardseed.h"

#include <set>
#include <string>
#include <unordered_map>

namespace concord::ui {

namespace {

StandardSeed toUi(const core::StandardSeed &c)
{
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

} // namespace

ClusterData computeClusterData(const core::Store &store)
{
    ClusterData data;
    data.input = core::clusterInputFromStore(store); // derives length_mm when none is stored
    core::loadVisualFeatures(store, data.input);
    data.report = core::findClusters(data.input);
    data.input.features.release(); // the page never needs them; a large project's are big

    // The profiles: bands first, with each labeler's switch point.
    std::set<std::string> done;
    for (const auto &c : data.report.clusters) {
        if (c.kind != core::ClusterKind::Band || !data.input.numeric.contains(c.attribute) ||
            done.contains(c.attribute))
            continue;
        done.insert(c.attribute);
        const auto it = data.report.labelerThresholds.find(c.attribute);
        data.profiles.push_back(core::profileChart(
            data.input, c.attribute, &c,
            it == data.report.labelerThresholds.end() ? std::vector<core::LabelerThreshold>{} : it->second));
    }
    // Then the measured length (what the labelers' disagreement is usually about), then the rest.
    if (data.input.numeric.contains(core::kAttrLengthMm) && !done.contains(core::kAttrLengthMm)) {
        done.insert(core::kAttrLengthMm);
        data.profiles.push_back(core::profileChart(data.input, core::kAttrLengthMm, nullptr, {}));
    }
    for (const auto &[attribute, values] : data.input.numeric)
        if (!done.contains(attribute))
            data.profiles.push_back(core::profileChart(data.input, attribute, nullptr, {}));

    data.objectInput = core::objectClusterInputFromStore(store);
    if (!data.objectInput.objects.empty()) {
        data.objectReport = core::findObjectClusters(data.objectInput);
        std::unordered_map<std::string, core::Id> ids;
        for (const core::ImageRecord &image : store.images())
            ids.emplace(image.path, image.id);
        for (const std::string &path : data.objectInput.itemNames) {
            const auto it = ids.find(path);
            data.objectItemImages.push_back(it == ids.end() ? 0 : it->second);
        }
    }
    return data;
}

StandardSeed standardSeedFor(const core::ClusterInput &input, const core::Cluster &cluster)
{
    return toUi(core::standardSeedFor(input, cluster));
}

StandardSeed standardSeedFor(const ClusterData &data, const core::ObjectBand &band)
{
    return toUi(core::standardSeedFor(data.objectInput, band, data.objectItemImages));
}

} // namespace concord::ui
