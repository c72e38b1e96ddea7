// SPDX-License-Identifier: GPL-3.0-or-later
// attributes, clusters: why do the labelers disagree (docs/CLUSTERS.md).
#include "cli_common.h"

#include "core/agreement/objectcsv.h"
#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/clusters/imageattributes.h"
#include "core/clusters/objectclusters.h"
#include "core/common/numbertext.h"
#include "core/standards/standardseed.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace concord::cli {

namespace {

std::string num(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

void registerAttributes(CLI::App &app)
{
    auto *cmd = app.add_subcommand("attributes",
                                   "List image attributes (imported, measured, computed); --compute fills brightness, "
                                   "contrast, sharpness, line_length_mm and the measured length_mm");
    auto project = std::make_shared<std::string>();
    auto compute = std::make_shared<bool>(false);
    auto json = std::make_shared<bool>(false);
    auto threads = std::make_shared<int>(0);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_flag("--compute", *compute, "Compute the OpenCV attributes and the measured length_mm first");
    cmd->add_option("--threads", *threads, "Threads for --compute (0 = all cores)")->check(CLI::NonNegativeNumber);
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project, !*compute);
            nlohmann::json j;
            if (*compute) {
                const auto progress = terminalProgress();
                const auto s = core::fillComputedAttributes(*store, progress, *threads);
                endTerminalProgress(progress);
                j["computed"] = {{"images", s.images},
                                 {"computed", s.computed},
                                 {"measured", s.measured},
                                 {"line_length_in_mm", s.lineLengthInMm}};
                j["computed"]["failures"] = nlohmann::json::array();
                for (const auto &[path, why] : s.failures)
                    j["computed"]["failures"].push_back({{"path", path}, {"error", why}});
                if (!*json) {
                    std::cout << "Computed attributes of " << s.computed << " of " << s.images << " images; "
                              << s.measured << " with a measured length_mm\n";
                    for (const auto &[path, why] : s.failures)
                        std::cout << "  skipped " << path << ": " << why << '\n';
                    if (!s.lineLengthInMm)
                        std::cout << "  line_length_mm left out where no px_per_mm is known\n";
                }
            }
            const auto list = core::summarizeAttributes(*store);
            j["attributes"] = nlohmann::json::array();
            for (const auto &a : list) {
                nlohmann::json e{{"key", a.key}, {"source", a.source}, {"numeric", a.numeric}, {"text", a.text}};
                if (a.min)
                    e["min"] = *a.min;
                if (a.max)
                    e["max"] = *a.max;
                if (a.text > 0)
                    e["distinct"] = a.distinct;
                j["attributes"].push_back(std::move(e));
            }
            if (*json) {
                printJson(j);
                return;
            }
            std::cout << pad("key", 18) << pad("source", 10) << pad("images", 8, true) << "  range / values\n";
            for (const auto &a : list) {
                std::string range = a.min ? num(*a.min) + " .. " + num(*a.max) : "";
                if (a.text > 0)
                    range += (range.empty() ? "" : "; ") + std::to_string(a.distinct) + " distinct texts";
                std::cout << pad(a.key, 18) << pad(a.source, 10) << pad(std::to_string(a.numeric + a.text), 8, true)
                          << "  " << range << '\n';
            }
            if (list.empty())
                std::cout << "No attributes yet: import-attributes, or attributes --compute\n";
        });
    });
}

/// `clusters --objects`: the object bands and each labeler's threshold for drawing a mark.
void printObjectClusters(const core::ObjectClusterInput &input, const core::ObjectClusterReport &report, bool json)
{
    if (json) {
        auto j = core::objectClusterReportJson(input, report);
        for (std::size_t i = 0; i < report.bands.size(); ++i) {
            const std::string rule = core::suggestedObjectRule(report.bands[i]);
            j["bands"][i]["suggested_rule"] = rule.empty() ? nlohmann::json(nullptr) : nlohmann::json(rule);
        }
        printJson({{"objects", j}});
        return;
    }
    std::cout << report.disputed << " of " << report.objects
              << " objects on images with two or more labelers are not drawn by every labeler ("
              << core::formatShare(report.objects ? double(report.disputed) / double(report.objects) : 0.0) << ")\n";
    if (!input.unreadableImages.empty()) {
        std::cout << input.objectsWithoutPixels << " objects on " << input.unreadableImages.size()
                  << " images that could not be read have no brightness or contrast, e.g. "
                  << input.unreadableImages.front().first << ": " << input.unreadableImages.front().second << '\n';
    }
    if (report.bands.empty())
        std::cout << "No object band stands out.\n";
    int rank = 0;
    for (const auto &b : report.bands) {
        std::cout << '\n' << ++rank << ". " << b.description << '\n';
        char buf[200];
        std::snprintf(buf, sizeof buf, "   %zu of %lld objects, %lld not drawn by all, explains %.1f (p = %.2g)",
                      b.members.size(), static_cast<long long>(b.objects), static_cast<long long>(b.disputedInside),
                      b.score, b.pValue);
        std::cout << buf << '\n';
        if (!b.examples.empty()) {
            std::cout << "   e.g.";
            for (std::size_t i : b.examples)
                std::cout << ' ' << input.itemNames[static_cast<std::size_t>(input.objects[i].item)];
            std::cout << '\n';
        }
        const std::string rule = core::suggestedObjectRule(b);
        std::cout << "   rule: " << (rule.empty() ? std::string("(none: the band lies in the middle)") : rule) << '\n';
    }
    for (const auto &t : report.thresholds) {
        std::cout << "\nWhere each labeler starts drawing " << t.className << " objects, by " << t.attribute;
        if (t.medianThreshold)
            std::cout << " (median " << num(*t.medianThreshold) << ")";
        std::cout << ":\n";
        for (const auto &l : t.labelers) {
            if (l.ok)
                std::cout << "   " << pad(l.labeler, 12) << " draws from " << num(l.threshold) << " ± "
                          << num(l.standardError) << " (" << l.n << " objects others drew)\n";
            else
                std::cout << "   " << pad(l.labeler, 12) << " " << l.note << " (" << l.n << " objects others drew)\n";
        }
    }
}

void registerClusters(CLI::App &app)
{
    auto *cmd =
        app.add_subcommand("clusters", "Find where and why labelers disagree: attribute bands with each labeler's "
                                       "threshold, metadata values and visual groups, ranked");
    auto project = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    auto noVisual = std::make_shared<bool>(false);
    auto seed = std::make_shared<std::uint64_t>(1);
    auto suggest = std::make_shared<bool>(false);
    auto csv = std::make_shared<std::string>();
    cmd->add_option("PROJECT", *project, "Project file (or --objects --csv FILE)");
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->add_flag("--no-visual", *noVisual, "Skip the visual finder (it reads every image's thumbnail)");
    cmd->add_option("--seed", *seed, "k-means seed of the visual finder")->capture_default_str();
    cmd->add_flag(
        "--suggest-rule", *suggest,
        "With each cluster, the standard it suggests (\"Write a standard for this\" in the window): title, "
        "text (for a band, an instruction for the labelers) and, for a band, a rule ready for `standard add`");
    auto objects = std::make_shared<bool>(false);
    auto iou = std::make_shared<double>(0.5);
    auto distance = std::make_shared<double>(10.0);
    cmd->add_flag("--objects", *objects,
                  "Clusters of objects instead: per object class and measurement (length_mm, area_mm2, border_mm, "
                  "...), bands of objects that not every labeler draws, with the object rule they suggest, and each "
                  "labeler's own threshold for drawing a mark at all (every drawn mark is an object: shapes "
                  "clustered across labelers as in agreement --objects, quorum 1)");
    cmd->add_option("--csv", *csv,
                    "With --objects: a CSV of boxes instead of a project, columns item,labeler,label,x1,y1,x2,y2 as "
                    "for agreement --csv --objects (no image size or calibration: measurements in pixels, no "
                    "border distance)");
    cmd->add_option("--iou", *iou, "With --objects: IoU at which boxes and polygons of two labelers are one object")
        ->check(finiteNumber())
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    cmd->add_option("--distance", *distance,
                    "With --objects: how close, in pixels, points and lines' ends must be to be one object")
        ->check(finiteNumber())
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->callback([=] {
        runCommand([&] {
            if (project->empty() == csv->empty())
                throw core::Error(core::ErrorCode::Invalid,
                                  csv->empty() ? "give a PROJECT" : "give a PROJECT or --csv FILE, not both");
            if (!csv->empty() && !*objects)
                throw core::Error(core::ErrorCode::Invalid, "--csv needs --objects");
            if (*objects) {
                core::ObjectConsensusOptions consensus;
                consensus.iou = *iou;
                consensus.distancePx = *distance;
                const auto progress = terminalProgress();
                const auto input = csv->empty() ? core::objectClusterInputFromStore(*openAsLead(*project, true),
                                                                                    consensus, true, progress)
                                                : core::objectClusterInput(core::readObjectsCsv(*csv), {}, consensus);
                endTerminalProgress(progress);
                printObjectClusters(input, core::findObjectClusters(input), *json);
                return;
            }
            auto store = openAsLead(*project, true);
            const auto progress = terminalProgress();
            auto input = core::clusterInputFromStore(*store);
            if (!*noVisual)
                core::loadVisualFeatures(*store, input, progress);
            core::ClusterOptions options;
            options.seed = *seed;
            const auto report = core::findClusters(input, options, progress);
            endTerminalProgress(progress);
            if (*json) {
                auto j = core::clusterReportJson(input, report);
                if (*suggest)
                    for (std::size_t i = 0; i < report.clusters.size(); ++i) {
                        const auto s = core::standardSeedFor(input, report.clusters[i]);
                        j["clusters"][i]["suggested_standard"] = {
                            {"title", s.title},
                            {"body", s.body},
                            {"rule", s.rule.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.rule)}};
                    }
                printJson(j);
                return;
            }
            std::cout << report.disagreeing << " of " << report.items << " items with two or more labels are "
                      << "disputed ("
                      << core::formatShare(report.items ? double(report.disagreeing) / double(report.items) : 0.0)
                      << ")\n";
            if (report.clusters.empty())
                std::cout << "No cluster stands out.\n";
            int rank = 0;
            for (const auto &c : report.clusters) {
                std::cout << '\n' << ++rank << ". " << c.description << '\n';
                char buf[160];
                std::snprintf(buf, sizeof buf, "   %s, %zu items, %lld disputed, explains %.1f disputes (p = %.2g)",
                              std::string(core::toString(c.kind)).c_str(), c.members.size(),
                              static_cast<long long>(c.disagreeInside), c.score, c.pValue);
                std::cout << buf << '\n';
                if (!c.examples.empty()) {
                    std::cout << "   e.g.";
                    for (std::size_t i : c.examples)
                        std::cout << ' ' << input.items[i].path;
                    std::cout << '\n';
                }
                if (*suggest) {
                    const auto s = core::standardSeedFor(input, c);
                    std::cout << "   suggested standard: " << s.title << '\n'
                              << "   rule: "
                              << (s.rule.empty() ? std::string("(none: the cluster names no two-class "
                                                               "threshold)")
                                                 : s.rule)
                              << '\n';
                }
                if (c.kind != core::ClusterKind::Band)
                    continue;
                const auto it = report.labelerThresholds.find(c.attribute);
                if (it == report.labelerThresholds.end())
                    continue;
                for (const auto &t : it->second) {
                    if (t.ok)
                        std::cout << "   " << pad(t.labeler, 12) << " switches to " << c.positiveClass << " at "
                                  << num(t.threshold) << " ± " << num(t.standardError) << " (" << t.n << " items)\n";
                    else
                        std::cout << "   " << pad(t.labeler, 12) << " " << t.note << " (" << t.n << " items)\n";
                }
            }
        });
    });
}

} // namespace

void registerClustersCommands(CLI::App &app)
{
    registerAttributes(app);
    registerClusters(app);
}

} // namespace concord::cli
