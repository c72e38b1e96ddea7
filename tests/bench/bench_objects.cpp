// SPDX-License-Identifier: GPL-3.0-or-later
// Object agreement and consensus on a large CSV of boxes (issue #17, docs/PERFORMANCE.md):
// generates IMAGES images × 3 labelers × 5 boxes (each labeler a jittered copy of 5 true boxes,
// now and then one missed, moved or of another class), writes them as the CSV that
// `concord-cli agreement --csv FILE --objects` reads, and times, from that file:
//   read     readObjectsCsv
//   agree    computeObjectAgreement (F1@0.5, F1@0.75, mean IoU, per labeler, class κ; no bootstrap)
//   consensus computeObjectConsensus (majority quorum, weighted box fusion)
// then runs tests/bench/reference_objects.py (numpy + scipy's linear_sum_assignment) on the same
// file, checks that its figures equal Concord's to 1e-9 and reports the speed-up.
// Usage: bench_objects [--images N] [--seed S] [--keep FILE] [--no-reference] [--python PATH]
// Prints one JSON object on its last line.
#include "core/agreement/objectagreement.h"
#include "core/agreement/objectconsensus.h"
#include "core/agreement/objectcsv.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <unistd.h>

using namespace concord::core;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// Processor time of the whole process (every thread) since `since`: on a busy machine the
/// wall time of a phase grows with the other load, its processor time does not.
double cpuSeconds(std::clock_t since)
{
    return static_cast<double>(std::clock() - since) / CLOCKS_PER_SEC;
}

std::string shellQuoted(const std::string &s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// The CSV: 5 true boxes per image on a 5-cell row of a 1000 × 200 image (so copies of one box
/// overlap and different boxes do not), each labeler's copy jittered by up to ±6 % of the box
/// size per corner; a labeler misses a box with probability 4 %, gives it the other class 5 %.
void writeCsv(const std::filesystem::path &file, std::int64_t images, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::ofstream out(file);
    out << "item,labeler,label,x1,y1,x2,y2\n";
    char line[160];
    const char *labelers[] = {"ann", "bo", "cy"};
    const char *classes[] = {"scratch", "dent"};
    for (std::int64_t i = 0; i < images; ++i) {
        double truth[5][4];
        int cls[5];
        for (int b = 0; b < 5; ++b) {
            const double w = 40 + 100 * unit(rng);
            const double h = 30 + 120 * unit(rng);
            const double x = 200.0 * b + 10 + (180 - w) * unit(rng);
            const double y = 10 + (180 - h) * unit(rng);
            truth[b][0] = x;
            truth[b][1] = y;
            truth[b][2] = x + w;
            truth[b][3] = y + h;
            cls[b] = unit(rng) < 0.5 ? 0 : 1;
        }
        for (const char *who : labelers) {
            int drawn = 0;
            for (int b = 0; b < 5; ++b) {
                if (unit(rng) < 0.04)
                    continue;
                const double w = truth[b][2] - truth[b][0];
                const double h = truth[b][3] - truth[b][1];
                const int c = unit(rng) < 0.05 ? 1 - cls[b] : cls[b];
                std::snprintf(line, sizeof line, "img%07lld,%s,%s,%.2f,%.2f,%.2f,%.2f\n", static_cast<long long>(i),
                              who, classes[c], truth[b][0] + w * 0.06 * (2 * unit(rng) - 1),
                              truth[b][1] + h * 0.06 * (2 * unit(rng) - 1),
                              truth[b][2] + w * 0.06 * (2 * unit(rng) - 1),
                              truth[b][3] + h * 0.06 * (2 * unit(rng) - 1));
                out << line;
                ++drawn;
            }
            if (drawn == 0) {
                std::snprintf(line, sizeof line, "img%07lld,%s,,,,,\n", static_cast<long long>(i), who);
                out << line;
            }
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    std::int64_t images = 100000;
    std::uint64_t seed = 17;
    bool reference = true;
    std::string python = "/usr/bin/python3";
    std::string keep;
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        const auto next = [&]() -> std::string {
            if (a + 1 >= argc) {
                std::cerr << "missing value for " << arg << '\n';
                std::exit(2);
            }
            return argv[++a];
        };
        if (arg == "--images")
            images = std::stoll(next());
        else if (arg == "--seed")
            seed = std::stoull(next());
        else if (arg == "--keep")
            keep = next();
        else if (arg == "--no-reference")
            reference = false;
        else if (arg == "--python")
            python = next();
        else {
            std::cerr << "unknown argument " << arg << '\n';
            return 2;
        }
    }
    const std::filesystem::path csv =
        keep.empty() ? std::filesystem::temp_directory_path() / ("bench_objects_" + std::to_string(::getpid()) + ".csv")
                     : std::filesystem::path(keep);

    nlohmann::json out;
    out["benchmark"] = "objects";
    out["images"] = images;
    out["labelers"] = 3;
    auto t0 = Clock::now();
    writeCsv(csv, images, seed);
    out["generate_s"] = seconds(t0);

    const auto start = Clock::now();
    t0 = Clock::now();
    std::clock_t c0 = std::clock();
    const ObjectTable table = readObjectsCsv(csv.string());
    out["read_s"] = seconds(t0);
    out["read_cpu_s"] = cpuSeconds(c0);
    out["shapes"] = table.shapeCount();
    t0 = Clock::now();
    c0 = std::clock();
    ObjectAgreementOptions agreeOptions;
    agreeOptions.bootstrap.resamples = 0;
    const ObjectAgreement agreement = computeObjectAgreement(table, agreeOptions);
    out["agreement_s"] = seconds(t0);
    out["agreement_cpu_s"] = cpuSeconds(c0);
    t0 = Clock::now();
    c0 = std::clock();
    const ObjectConsensus consensus = computeObjectConsensus(table);
    out["consensus_s"] = seconds(t0);
    out["consensus_cpu_s"] = cpuSeconds(c0);
    const double total = seconds(start);
    out["total_s"] = total;
    out["f1_iou50"] = agreement.f1Iou50;
    out["f1_iou75"] = agreement.f1Iou75;
    out["mean_matched_iou"] = agreement.meanMatchedIou;
    out["consensus_objects"] = consensus.objects.size();
    out["unresolved_objects"] = consensus.unresolved.size();

    int status = 0;
    if (reference) {
        const std::string script = std::string(CONCORD_SOURCE_DIR) + "/tests/bench/reference_objects.py";
        const std::string command = shellQuoted(python) + " " + shellQuoted(script) + " " + shellQuoted(csv.string());
        std::string output;
        if (FILE *pipe = popen(command.c_str(), "r")) {
            char buf[4096];
            while (std::fgets(buf, sizeof buf, pipe))
                output += buf;
            status = pclose(pipe);
        }
        const auto last = output.find_last_of('{');
        if (status != 0 || last == std::string::npos) {
            std::cerr << "reference_objects.py failed: " << output << '\n';
            status = 1;
        } else {
            const auto ref = nlohmann::json::parse(output.substr(last));
            out["reference"] = ref;
            const double refTime = ref.at("agreement_s").get<double>();
            out["speedup_vs_reference"] = refTime / (out["read_s"].get<double>() + out["agreement_s"].get<double>());
            for (const char *key : {"f1_iou50", "f1_iou75", "mean_matched_iou"})
                if (std::abs(ref.at(key).get<double>() - out[key].get<double>()) > 1e-9) {
                    std::cerr << key << " differs from the reference: " << ref.at(key) << " vs " << out[key] << '\n';
                    status = 1;
                }
        }
    }
    if (keep.empty())
        std::filesystem::remove(csv);
    std::cout << out.dump() << '\n';
    return status;
}
