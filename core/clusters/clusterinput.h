// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"
#include "core/store/store.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

/// \file
/// Everything the cluster finders read, gathered once from the project. Why a plain struct
/// between the Store and the finders: the finders are then pure functions that tests feed with
/// synthetic projects of known answer (any attribute name, any number of labelers) without a
/// database, and a 100 000-image project is read in one pass per table.

namespace concord::core {

struct ClusterInput
{
    struct Vote
    {
        std::int32_t labeler = 0; ///< index into labelerNames
        std::int32_t cls = 0;     ///< index into classNames
    };
    struct Item
    {
        Id image = 0;
        std::string path;
        std::vector<Vote> votes; ///< one per labeler (the current label)
    };

    std::vector<std::string> classNames;
    std::vector<std::string> labelerNames;
    std::vector<Item> items;
    /// Numeric attributes: one value per item, NaN when unknown.
    std::map<std::string, std::vector<double>> numeric;
    /// Text attributes: one value per item, empty when unknown.
    std::map<std::string, std::vector<std::string>> text;
    /// Visual feature vectors, one CV_32F row per item; empty = skip the visual finder.
    cv::Mat features;
};

/// Reads labels and attributes: items are the images with at least one label; attributes as
/// attributeValues() gives them (the measured `length_mm` from the labelers' current lines).
ClusterInput clusterInputFromStore(const Store &store);

/// Fills `input.features` from each image's cached feature thumbnail (written by
/// fillComputedAttributes), decoding the image itself when there is none; on `threads`
/// threads (0 = all cores). Images that cannot be read get a zero row and are listed in the
/// returned failures (path, reason). `progress` phase "features"; false cancels (Error Cancelled).
std::vector<std::pair<std::string, std::string>> loadVisualFeatures(const Store &store, ClusterInput &input,
                                                                    const ProgressFn &progress = {}, int threads = 0);

} // namespace concord::core
