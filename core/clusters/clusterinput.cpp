// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/clusters/clusterinput.h"

#include "core/clusters/imageattributes.h"
#include "core/clusters/imagestats.h"
#include "core/common/error.h"
#include "core/common/parallel.h"
#include "core/imaging/image_probe.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace concord::core {

ClusterInput clusterInputFromStore(const Store &store)
{
    ClusterInput in;
    std::unordered_map<Id, std::int32_t> classIndex, labelerIndex, itemIndex;
    for (const auto &c : store.classes()) {
        classIndex.emplace(c.id, static_cast<std::int32_t>(in.classNames.size()));
        in.classNames.push_back(c.name);
    }
    for (const auto &l : store.labelers()) {
        labelerIndex.emplace(l.id, static_cast<std::int32_t>(in.labelerNames.size()));
        in.labelerNames.push_back(l.name);
    }
    for (const auto &row : store.labelRows()) {
        auto [it, added] = itemIndex.try_emplace(row.label.image, static_cast<std::int32_t>(in.items.size()));
        if (added)
            in.items.push_back({row.label.image, row.imagePath, {}});
        const auto c = classIndex.find(row.label.labelClass);
        const auto l = labelerIndex.find(row.label.labeler);
        if (c == classIndex.end() || l == labelerIndex.end())
            continue;
        in.items[static_cast<std::size_t>(it->second)].votes.push_back({l->second, c->second});
    }
    const std::size_t n = in.items.size();
    for (const auto &key : knownAttributeKeys(store)) {
        std::vector<double> nums;
        std::vector<std::string> texts;
        for (const auto &a : attributeValues(store, key)) {
            const auto it = itemIndex.find(a.image);
            if (it == itemIndex.end())
                continue;
            const auto i = static_cast<std::size_t>(it->second);
            if (const double *d = std::get_if<double>(&a.value)) {
                if (nums.empty())
                    nums.assign(n, std::numeric_limits<double>::quiet_NaN());
                nums[i] = *d;
            } else {
                if (texts.empty())
                    texts.assign(n, {});
                texts[i] = std::get<std::string>(a.value);
            }
        }
        if (!nums.empty())
            in.numeric.emplace(key, std::move(nums));
        if (!texts.empty())
            in.text.emplace(key, std::move(texts));
    }
    return in;
}

std::vector<std::pair<std::string, std::string>> loadVisualFeatures(const Store &store, ClusterInput &input,
                                                                    const ProgressFn &progress, int threads)
{
    const std::size_t n = input.items.size();
    // Store reads stay on this thread: fetch cached thumbnails and paths first.
    std::vector<std::string> cached(n);
    std::vector<std::filesystem::path> paths(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto rec = store.image(input.items[i].image);
        if (!rec)
            continue;
        paths[i] = store.resolveImagePath(*rec);
        if (!rec->hash.empty())
            if (auto t = store.thumbnail(rec->hash, kFeatureThumbnailKey))
                cached[i] = std::move(*t);
    }
    std::vector<std::vector<float>> rows(n);
    std::vector<std::string> errors(n);
    ParallelOptions parallel;
    parallel.threads = static_cast<unsigned>(std::max(0, threads));
    parallel.progress = progress;
    parallel.what = "features";
    const bool completed = parallelFor(
        n,
        [&](std::size_t i, std::size_t) {
            try {
                cv::Mat image;
                if (!cached[i].empty())
                    image = cv::imdecode(cv::Mat(1, static_cast<int>(cached[i].size()), CV_8U, cached[i].data()),
                                         cv::IMREAD_COLOR);
                if (image.empty())
                    image = featureImage(loadImage(paths[i]));
                rows[i] = visualFeatures(image);
            } catch (const std::exception &e) {
                errors[i] = e.what();
            }
        },
        parallel);
    if (!completed)
        throw Error(ErrorCode::Cancelled, "computing visual features was cancelled", store.path().string());

    std::size_t dims = 0;
    for (const auto &r : rows)
        dims = std::max(dims, r.size());
    std::vector<std::pair<std::string, std::string>> failures;
    input.features = cv::Mat::zeros(static_cast<int>(n), static_cast<int>(dims), CV_32F);
    for (std::size_t i = 0; i < n; ++i) {
        if (rows[i].size() == dims)
            std::copy(rows[i].begin(), rows[i].end(), input.features.ptr<float>(static_cast<int>(i)));
        else
            failures.emplace_back(input.items[i].path, errors[i].empty() ? "no features" : errors[i]);
    }
    return failures;
}

} // namespace concord::core
