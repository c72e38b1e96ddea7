// SPDX-License-Identifier: GPL-3.0-or-later
// Limits benchmark (issue #21, docs/PERFORMANCE.md "Limits"): peak memory of the agreement
// engine where it used to die. Three cases, each in its own child process so that each peak
// RSS is its own (wait4's ru_maxrss):
//   csv       a generated ratings CSV of --csv-mb megabytes (default 1024) read with
//             readRatingsCsv and computed with the CLI's defaults (1000 bootstrap resamples);
//   classes   --classes declared classes (default 200,000), --class-items items × 3 labelers;
//   labelers  --labelers labelers (default 5,005) who all label --labeler-items items of 4
//             classes, and the report's pairwise κ heatmap rendered as the report does.
// Prints one JSON object per case, then all of them on the last line.

#include "core/agreement/agreementjson.h"
#include "core/agreement/agreementreport.h"
#include "core/agreement/ratingcsv.h"
#include "core/agreement/ratingtable.h"
#include "core/report/htmlreport.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <string>

using namespace concord::core;
using nlohmann::json;

namespace {

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

/// Runs `work` in a child process; returns its JSON with the child's peak RSS added.
json inChild(const std::string &name, const std::function<json()> &work)
{
    int pipeFd[2];
    if (pipe(pipeFd) != 0)
        throw std::runtime_error("pipe failed");
    std::cout.flush();
    const pid_t pid = fork();
    if (pid == 0) {
        close(pipeFd[0]);
        std::string text;
        try {
            text = work().dump();
        } catch (const std::exception &e) {
            text = json{{"error", e.what()}}.dump();
        }
        const ssize_t written = write(pipeFd[1], text.data(), text.size());
        _exit(written == static_cast<ssize_t>(text.size()) ? 0 : 1);
    }
    close(pipeFd[1]);
    std::string text;
    char buf[4096];
    for (ssize_t got; (got = read(pipeFd[0], buf, sizeof buf)) > 0;)
        text.append(buf, static_cast<std::size_t>(got));
    close(pipeFd[0]);
    int status = 0;
    struct rusage usage = {};
    wait4(pid, &status, 0, &usage);
    json out = text.empty() ? json{{"error", "child died, status " + std::to_string(status)}} : json::parse(text);
    out["case"] = name;
    out["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
    std::cout << out.dump() << std::endl;
    return out;
}

/// Writes item,labeler,label rows until the file reaches `megabytes`: 5 labels per item by 5
/// of 50 workers, 4 classes, each worker right with probability 0.8 (seed 2026).
std::int64_t writeCsv(const std::filesystem::path &file, double megabytes)
{
    std::ofstream out(file, std::ios::binary);
    out << "item,labeler,label\n";
    const char *classes[] = {"ok", "scratch", "dent", "crack"};
    std::mt19937_64 rng(2026);
    std::uniform_int_distribution<int> worker(0, 49), cls(0, 3);
    std::bernoulli_distribution right(0.8);
    const auto target = static_cast<std::int64_t>(megabytes * 1024 * 1024);
    std::int64_t rows = 0;
    char line[96];
    for (std::int64_t item = 0; static_cast<std::int64_t>(out.tellp()) < target; ++item) {
        const int truth = cls(rng);
        const int first = worker(rng);
        for (int j = 0; j < 5; ++j) {
            const int label = right(rng) ? truth : cls(rng);
            const int n = std::snprintf(line, sizeof line, "image-%09lld.jpg,worker%02d,%s\n",
                                        static_cast<long long>(item), (first + 7 * j) % 50, classes[label]);
            out.write(line, n);
            ++rows;
        }
    }
    return rows;
}

} // namespace

int main(int argc, char **argv)
{
    double csvMb = 1024;
    std::int32_t classes = 200000, classItems = 1000, labelers = 5005, labelerItems = 20;
    std::filesystem::path dir = "/tmp/concord-bench-limits";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--csv-mb")
            csvMb = std::stod(argv[i + 1]);
        else if (a == "--classes")
            classes = std::stoi(argv[i + 1]);
        else if (a == "--class-items")
            classItems = std::stoi(argv[i + 1]);
        else if (a == "--labelers")
            labelers = std::stoi(argv[i + 1]);
        else if (a == "--labeler-items")
            labelerItems = std::stoi(argv[i + 1]);
        else if (a == "--dir")
            dir = argv[i + 1];
        else {
            std::cerr << "usage: bench_limits [--csv-mb MB] [--classes K] [--class-items N] [--labelers L] "
                         "[--labeler-items N] [--dir DIR]\n";
            return 2;
        }
    }
    json all = json::array();

    if (csvMb > 0) {
        std::filesystem::create_directories(dir);
        const auto file = dir / ("ratings-" + std::to_string(static_cast<long long>(csvMb)) + "mb.csv");
        const auto t0 = std::chrono::steady_clock::now();
        const std::int64_t rows = writeCsv(file, csvMb);
        const double generate = seconds(t0);
        all.push_back(inChild("csv", [&] {
            const auto start = std::chrono::steady_clock::now();
            const RatingTable table = readRatingsCsv(file.string());
            const double readS = seconds(start);
            const auto mid = std::chrono::steady_clock::now();
            const AgreementReport r = computeAgreement(table, {});
            return json{{"file_mb", static_cast<double>(std::filesystem::file_size(file)) / 1048576.0},
                        {"rows", rows},
                        {"items", r.items},
                        {"labelers", r.labelers},
                        {"fleiss_kappa", r.fleissKappa},
                        {"generate_s", generate},
                        {"read_s", readS},
                        {"agreement_s", seconds(mid)}};
        }));
    }

    if (classes > 0) {
        all.push_back(inChild("classes", [&] {
            RatingTable t;
            for (std::int32_t c = 0; c < classes; ++c)
                t.cls("class-" + std::to_string(c));
            std::mt19937_64 rng(7);
            std::uniform_int_distribution<std::int32_t> any(0, classes - 1);
            std::bernoulli_distribution same(0.7);
            for (std::int32_t i = 0; i < classItems; ++i) {
                const std::string item = "item" + std::to_string(i);
                const std::int32_t truth = any(rng);
                t.add(t.item(item), t.labeler("A"), truth);
                t.add(t.item(item), t.labeler("B"), same(rng) ? truth : any(rng));
                t.add(t.item(item), t.labeler("C"), same(rng) ? truth : any(rng));
            }
            const auto start = std::chrono::steady_clock::now();
            const AgreementReport r = computeAgreement(t, {});
            const double agreementS = seconds(start);
            const auto mid = std::chrono::steady_clock::now();
            const std::size_t jsonBytes = toJson(r, {}).dump().size();
            return json{{"classes", classes},        {"items", classItems},
                        {"labels", r.labels},        {"fleiss_kappa", r.fleissKappa},
                        {"agreement_s", agreementS}, {"json_mb", static_cast<double>(jsonBytes) / 1048576.0},
                        {"json_s", seconds(mid)}};
        }));
    }

    if (labelers > 0) {
        all.push_back(inChild("labelers", [&] {
            RatingTable t;
            for (const char *c : {"ok", "scratch", "dent", "crack"})
                t.cls(c);
            std::mt19937_64 rng(11);
            std::uniform_int_distribution<std::int32_t> any(0, 3);
            std::bernoulli_distribution right(0.8);
            for (std::int32_t i = 0; i < labelerItems; ++i) {
                const std::int32_t item = t.item("item" + std::to_string(i));
                const std::int32_t truth = any(rng);
                for (std::int32_t a = 0; a < labelers; ++a)
                    t.add(item, t.labeler("labeler" + std::to_string(a)), right(rng) ? truth : any(rng));
            }
            const auto start = std::chrono::steady_clock::now();
            ReportData data;
            data.agreement.human = computeAgreement(t, {});
            const double agreementS = seconds(start);
            const auto mid = std::chrono::steady_clock::now();
            const std::string html = renderReportHtml(data);
            return json{{"labelers", labelers},
                        {"items", labelerItems},
                        {"pairs", data.agreement.human.pairs.size()},
                        {"fleiss_kappa", data.agreement.human.fleissKappa},
                        {"agreement_s", agreementS},
                        {"html_mb", static_cast<double>(html.size()) / 1048576.0},
                        {"html_s", seconds(mid)}};
        }));
    }
    std::cout << json{{"benchmark", "limits"}, {"cases", all}}.dump() << std::endl;
    return 0;
}
