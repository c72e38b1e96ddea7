// SPDX-License-Identifier: GPL-3.0-or-later
// Agreement engine benchmark (issue 3): 200,000 items × 5 labelers × 4 classes (1 M labels).
// Times every metric, Dawid–Skene (50 iterations) and a 1000-resample bootstrap of one metric,
// then runs tests/bench/reference_agreement.py (numpy, statsmodels, scikit-learn) on the same
// data, checks that the values match and prints both times. The last line is one JSON object.
//
// Usage: bench_agreement [--items N] [--labelers L] [--classes K] [--resamples B]
//                        [--seed S] [--no-reference] [--python PATH]

#include "core/agreement/bootstrap.h"
#include "core/agreement/coefficients.h"
#include "core/agreement/consensus.h"
#include "core/agreement/dawidskene.h"
#include "core/agreement/itemagreement.h"
#include "core/agreement/itemcounts.h"
#include "core/agreement/pairwise.h"
#include "core/agreement/ratingtable.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>

using namespace concord::core;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// Processor time of the whole process (all threads) since `since`: shows how much of a
/// wall-clock figure was waiting for a core on a shared machine.
double cpuSeconds(std::clock_t since)
{
    return static_cast<double>(std::clock() - since) / CLOCKS_PER_SEC;
}

/// Peak resident set size of this process in MB (Linux VmHWM).
double peakRssMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    }
    return -1.0;
}

/// A synthetic project: true classes with skewed priors, labelers with accuracies 0.55–0.9
/// whose errors fall uniformly on the other classes.
RatingTable generate(std::int32_t items, std::int32_t labelers, std::int32_t classes, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    RatingTable t;
    for (std::int32_t c = 0; c < classes; ++c)
        t.cls("c" + std::to_string(c));
    std::vector<double> accuracy;
    for (std::int32_t a = 0; a < labelers; ++a) {
        t.labeler("labeler" + std::to_string(a));
        accuracy.push_back(0.55 + 0.35 * a / std::max(1, labelers - 1));
    }
    std::vector<double> priorWeights;
    for (std::int32_t c = 0; c < classes; ++c)
        priorWeights.push_back(classes - c);
    std::discrete_distribution<std::int32_t> truth(priorWeights.begin(), priorWeights.end());
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<std::int32_t> other(1, std::max(1, classes - 1));
    t.reserve(static_cast<std::size_t>(items) * static_cast<std::size_t>(labelers));
    for (std::int32_t i = 0; i < items; ++i) {
        const std::int32_t item = t.item("i" + std::to_string(i));
        const std::int32_t k = truth(rng);
        for (std::int32_t a = 0; a < labelers; ++a) {
            const bool right = unit(rng) < accuracy[static_cast<std::size_t>(a)];
            t.add(item, a, right ? k : (k + other(rng)) % classes);
        }
    }
    return t;
}

std::string shellQuoted(const std::string &s)
{
    return "'" + s + "'";
}

} // namespace

int main(int argc, char **argv)
{
    std::int32_t items = 200000;
    std::int32_t labelers = 5;
    std::int32_t classes = 4;
    std::int32_t resamples = 1000;
    std::uint64_t seed = 2024;
    bool reference = true;
    std::string python = "/usr/bin/python3";
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        const auto next = [&]() -> std::string {
            if (a + 1 >= argc) {
                std::cerr << "missing value for " << arg << '\n';
                std::exit(2);
            }
            return argv[++a];
        };
        if (arg == "--items")
            items = std::stoi(next());
        else if (arg == "--labelers")
            labelers = std::stoi(next());
        else if (arg == "--classes")
            classes = std::stoi(next());
        else if (arg == "--resamples")
            resamples = std::stoi(next());
        else if (arg == "--seed")
            seed = std::stoull(next());
        else if (arg == "--no-reference")
            reference = false;
        else if (arg == "--python")
            python = next();
        else {
            std::cerr << "unknown argument " << arg << '\n';
            return 2;
        }
    }

    nlohmann::json out;
    out["benchmark"] = "agreement";
    out["items"] = items;
    out["labelers"] = labelers;
    out["classes"] = classes;
    out["labels"] = static_cast<std::int64_t>(items) * labelers;

    auto t0 = Clock::now();
    const RatingTable table = generate(items, labelers, classes, seed);
    out["generate_s"] = seconds(t0);

    // Everything but the bootstrap, from the triples to the last number.
    const auto start = Clock::now();
    const std::clock_t cpuStart = std::clock();
    nlohmann::json times;
    nlohmann::json values;
    t0 = Clock::now();
    const ItemCounts counts(table);
    times["item_counts"] = seconds(t0);
    t0 = Clock::now();
    values["percent_agreement"] = pooledAgreement(counts);
    times["percent_agreement"] = seconds(t0);
    t0 = Clock::now();
    const FleissKappa fleiss = fleissKappa(counts);
    values["fleiss_kappa"] = fleiss.kappa;
    values["fleiss_per_class"] = fleiss.perClass;
    times["fleiss_kappa"] = seconds(t0);
    const auto &v = table.classValues();
    t0 = Clock::now();
    values["alpha_nominal"] = krippendorffAlpha(counts, AlphaLevel::Nominal, v);
    values["alpha_ordinal"] = krippendorffAlpha(counts, AlphaLevel::Ordinal, v);
    values["alpha_interval"] = krippendorffAlpha(counts, AlphaLevel::Interval, v);
    times["krippendorff_alpha_3_levels"] = seconds(t0);
    t0 = Clock::now();
    values["gwet_ac1"] = gwetAc1(counts);
    times["gwet_ac1"] = seconds(t0);
    t0 = Clock::now();
    const auto pairs = pairwiseAgreement(counts);
    times["pairwise"] = seconds(t0);
    nlohmann::json kappas = nlohmann::json::array();
    for (const PairAgreement &p : pairs)
        kappas.push_back(p.cohenKappa);
    values["cohen_kappa_pairs"] = kappas;
    t0 = Clock::now();
    const auto perItem = itemAgreement(counts);
    times["item_agreement"] = seconds(t0);
    t0 = Clock::now();
    const Consensus mv = majorityVote(counts);
    times["majority_vote"] = seconds(t0);
    values["majority_ties"] = mv.ties;
    t0 = Clock::now();
    const auto perLabeler = labelerAgreement(counts, pairs, std::int32_t{0}, &mv);
    times["per_labeler"] = seconds(t0);
    t0 = Clock::now();
    nlohmann::json perClassAlpha = nlohmann::json::array();
    for (std::int32_t c = 0; c < counts.classCount(); ++c)
        perClassAlpha.push_back(krippendorffAlpha(counts.oneVsRest(c), AlphaLevel::Nominal, {}));
    values["alpha_nominal_per_class"] = perClassAlpha;
    times["per_class"] = seconds(t0);
    t0 = Clock::now();
    DawidSkeneOptions ds;
    ds.maxIterations = 50;
    ds.tolerance = 0.0;
    const DawidSkeneResult dsr = dawidSkene(counts, ds);
    times["dawid_skene_50"] = seconds(t0);
    values["ds_priors"] = dsr.priors;
    values["ds_log_likelihood"] = dsr.logLikelihood.back();
    const double allMetrics = seconds(start);
    out["all_metrics_cpu_s"] = cpuSeconds(cpuStart);

    t0 = Clock::now();
    const std::clock_t cpuBootstrap = std::clock();
    BootstrapOptions bo;
    bo.resamples = resamples;
    bo.seed = seed;
    const ItemCounts::Profiles profiles = counts.profiles();
    const ItemCounts &distinct = profiles.distinct;
    const auto ci = bootstrapItems(
        counts.itemCount(), 1,
        [&distinct](ItemWeights w, std::span<double> o) { o[0] = fleissKappa(distinct, w).kappa; }, bo,
        profiles.profileOf, distinct.itemCount());
    const double bootstrap = seconds(t0);
    out["bootstrap_cpu_s"] = cpuSeconds(cpuBootstrap);
    out["bootstrap_profiles"] = distinct.itemCount();
    values["fleiss_kappa_ci95"] = {ci[0].lo, ci[0].hi};

    out["times_s"] = times;
    out["all_metrics_s"] = allMetrics;
    out["bootstrap_fleiss_s"] = bootstrap;
    out["bootstrap_resamples"] = resamples;
    out["total_with_bootstrap_s"] = allMetrics + bootstrap;
    out["peak_rss_mb"] = peakRssMb();
    out["targets"] = {{"all_metrics_s", 1.0}, {"total_with_bootstrap_s", 3.0}, {"peak_rss_mb", 300.0}};
    out["within_targets"] = allMetrics <= 1.0 && allMetrics + bootstrap <= 3.0 && peakRssMb() <= 300.0;
    (void)perItem;
    (void)perLabeler;

    bool match = true;
    if (reference) {
        // Same data to the reference implementation, as dense integer triples.
        const auto dir = std::filesystem::temp_directory_path() / ("concord-bench-agreement-" + std::to_string(seed));
        std::filesystem::create_directories(dir);
        const auto csv = dir / "ratings.csv";
        {
            std::ofstream f(csv);
            f << "item,labeler,label\n";
            for (const Rating &r : table.ratings())
                f << r.item << ',' << r.labeler << ',' << r.cls << '\n';
        }
        const std::string script = std::string(CONCORD_SOURCE_DIR) + "/tests/bench/reference_agreement.py";
        const std::string command = shellQuoted(python) + " " + shellQuoted(script) + " " + shellQuoted(csv.string()) +
                                    " " + std::to_string(classes);
        std::string output;
        if (FILE *pipe = popen(command.c_str(), "r")) {
            char buffer[4096];
            while (fgets(buffer, sizeof buffer, pipe))
                output += buffer;
            if (pclose(pipe) != 0)
                output.clear();
        }
        std::filesystem::remove_all(dir);
        const auto lastLine = output.find_last_of('\n', output.size() >= 2 ? output.size() - 2 : 0);
        nlohmann::json ref;
        try {
            ref = nlohmann::json::parse(output.substr(lastLine == std::string::npos ? 0 : lastLine + 1));
        } catch (const std::exception &) {
            std::cerr << "reference_agreement.py failed: " << output << '\n';
            return 1;
        }
        nlohmann::json diffs;
        double worst = 0.0;
        const auto compare = [&](const std::string &key, double tol) {
            const nlohmann::json &a = values.at(key);
            const nlohmann::json &b = ref.at("values").at(key);
            double d = 0.0;
            if (a.is_array())
                for (std::size_t i = 0; i < a.size(); ++i)
                    d = std::max(d, std::abs(a[i].get<double>() - b[i].get<double>()));
            else
                d = std::abs(a.get<double>() - b.get<double>());
            diffs[key] = d;
            if (!(d <= tol))
                match = false;
            worst = std::max(worst, d / tol);
        };
        for (const char *key :
             {"percent_agreement", "fleiss_kappa", "fleiss_per_class", "alpha_nominal", "alpha_ordinal",
              "alpha_interval", "gwet_ac1", "cohen_kappa_pairs", "alpha_nominal_per_class", "majority_ties"})
            compare(key, 1e-9);
        compare("ds_priors", 1e-9);
        // A sum over 200,000 items in a different order: compare relatively.
        compare("ds_log_likelihood", 1e-9 * std::abs(values.at("ds_log_likelihood").get<double>()));
        out["reference"] = {{"command", command},
                            {"times_s", ref.at("times_s")},
                            {"all_metrics_s", ref.at("all_metrics_s")},
                            {"max_abs_diff", diffs},
                            {"values_match", match}};
        out["speedup_vs_reference"] = ref.at("all_metrics_s").get<double>() / allMetrics;
    }
    out["values"] = values;
    std::cout << "all metrics + Dawid-Skene (50 it.): " << allMetrics << " s; bootstrap (" << resamples
              << " resamples of Fleiss' kappa): " << bootstrap << " s; peak RSS " << peakRssMb() << " MB\n";
    std::cout << out.dump() << std::endl;
    return match ? 0 : 1;
}
