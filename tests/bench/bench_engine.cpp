// SPDX-License-Identifier: GPL-3.0-or-later
// The database is not the bottleneck (issue "100,000-image projects stay instant"):
//   bench_engine [IMAGES=100000] [LABELS_PER_IMAGE=5] [DIR]
// builds a project of IMAGES images, each labeled by LABELS_PER_IMAGE of 8 simulated labelers
// whose scratch thresholds differ (so a band exists), with a numeric attribute (length_mm) and
// a text one (camera), and writes the same labels and attributes as two CSV files. It then times
//   - from the project: read the labels (ratingTableFromStore), agreement (computeAgreement,
//     no bootstrap), read the cluster input (clusterInputFromStore), findClusters (no visual);
//   - from the CSVs: readRatingsCsv, the same agreement, the cluster input built from the CSVs,
//     the same findClusters;
// checks that both give the same figures, and prints one JSON object on its last line.
// Target: project time ≤ 2 × CSV time.
#include "core/agreement/agreementreport.h"
#include "core/agreement/ratingcsv.h"
#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/common/csv.h"
#include "core/project/project_ops.h"
#include "core/project/project_ratings.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

using namespace concord::core;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

constexpr int kLabelers = 8;
const char *const kCameras[] = {"cam-A", "cam-B", "cam-C", "cam-D"};

void build(const fs::path &project, const fs::path &labelsCsv, const fs::path &attrsCsv, int images, int perImage)
{
    auto store = initProject(project, {"bench", 40.0, perImage, false}, {"ok", "scratch", "dent"});
    std::vector<Id> labelers;
    std::vector<double> thresholds;
    for (int l = 0; l < kLabelers; ++l) {
        labelers.push_back(store->addLabeler("labeler" + std::to_string(l), Role::Labeler));
        thresholds.push_back(1.0 + 2.0 * l / (kLabelers - 1));
    }
    const auto classes = store->classes();
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> length(0.0, 5.0), unit(0.0, 1.0);
    std::ofstream labels(labelsCsv), attrs(attrsCsv);
    labels << "item,labeler,label\n";
    attrs << "image,length_mm,camera\n";
    store->transaction([&] {
        for (int i = 0; i < images; ++i) {
            ImageRecord r;
            r.path = "images/" + std::to_string(i / 1000) + "/img" + std::to_string(i) + ".jpg";
            r.hash = std::to_string(rng());
            r.width = 4000;
            r.height = 3000;
            const Id img = store->addImage(r);
            const double mm = length(rng);
            const char *camera = kCameras[i % 4];
            store->setAttribute({img, "length_mm", mm, AttrSource::Imported});
            store->setAttribute({img, "camera", std::string(camera), AttrSource::Imported});
            attrs << r.path << ',' << mm << ',' << camera << '\n';
            const bool dent = unit(rng) < 0.1;
            for (int k = 0; k < perImage; ++k) {
                const int l = (i + k) % kLabelers;
                int cls = dent ? 2 : (mm >= thresholds[static_cast<std::size_t>(l)] ? 1 : 0);
                if (unit(rng) < 0.02)
                    cls = (cls + 1) % 3;
                store->assign({img, labelers[static_cast<std::size_t>(l)], 0, i, AssignmentState::Done});
                Label lab;
                lab.image = img;
                lab.labeler = labelers[static_cast<std::size_t>(l)];
                lab.labelClass = classes[static_cast<std::size_t>(cls)].id;
                store->setLabel(lab);
                labels << r.path << ",labeler" << l << ',' << classes[static_cast<std::size_t>(cls)].name << '\n';
            }
        }
    });
}

/// The cluster input from the two CSVs, as clusterInputFromStore builds it from the project.
ClusterInput clusterInputFromCsv(const RatingTable &table, const fs::path &attrsCsv)
{
    ClusterInput in;
    in.classNames = table.classNames();
    in.labelerNames = table.labelerNames();
    in.items.resize(table.itemNames().size());
    for (std::size_t i = 0; i < in.items.size(); ++i)
        in.items[i].path = table.itemNames()[i];
    for (const auto &r : table.ratings())
        in.items[static_cast<std::size_t>(r.item)].votes.push_back({r.labeler, r.cls});
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < in.items.size(); ++i)
        index.emplace(in.items[i].path, i);
    auto &mm = in.numeric["length_mm"];
    mm.assign(in.items.size(), std::numeric_limits<double>::quiet_NaN());
    auto &camera = in.text["camera"];
    camera.assign(in.items.size(), {});
    std::ifstream f(attrsCsv);
    CsvReader reader(f, attrsCsv.string());
    reader.next(); // header
    while (const auto row = reader.next()) {
        const auto it = index.find(row->cells.at(0));
        if (it == index.end())
            continue;
        mm[it->second] = std::stod(row->cells.at(1));
        camera[it->second] = row->cells.at(2);
    }
    return in;
}

} // namespace

int main(int argc, char **argv)
{
    const int images = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int perImage = argc > 2 ? std::atoi(argv[2]) : 5;
    const fs::path dir = argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path() / "concord-bench-engine";
    fs::create_directories(dir);
    const std::string stem = "engine-" + std::to_string(images) + "x" + std::to_string(perImage);
    const fs::path project = dir / (stem + ".concord");
    const fs::path labelsCsv = dir / (stem + "-labels.csv");
    const fs::path attrsCsv = dir / (stem + "-attributes.csv");
    if (!fs::exists(project) || !fs::exists(labelsCsv) || !fs::exists(attrsCsv)) {
        for (const auto &f : {project, labelsCsv, attrsCsv})
            fs::remove(f);
        const auto t0 = Clock::now();
        build(project, labelsCsv, attrsCsv, images, perImage);
        std::cerr << "built " << project << " and its CSVs in " << seconds(Clock::now() - t0) << " s\n";
    }
    AgreementOptions agreementOptions;
    agreementOptions.bootstrap.resamples = 0;

    // From the project.
    auto t = Clock::now();
    auto store = openProject(project, OpenMode::ReadOnly);
    const auto dbTable = ratingTableFromStore(*store);
    const double dbReadLabels = seconds(Clock::now() - t);
    t = Clock::now();
    const auto dbAgreement = computeAgreement(dbTable, agreementOptions);
    const double dbAgreementS = seconds(Clock::now() - t);
    t = Clock::now();
    const auto dbInput = clusterInputFromStore(*store);
    const double dbReadClusters = seconds(Clock::now() - t);
    t = Clock::now();
    const auto dbClusters = findClusters(dbInput);
    const double dbClustersS = seconds(Clock::now() - t);

    // From the CSVs.
    t = Clock::now();
    const auto csvTable = readRatingsCsv(labelsCsv.string());
    const double csvReadLabels = seconds(Clock::now() - t);
    t = Clock::now();
    const auto csvAgreement = computeAgreement(csvTable, agreementOptions);
    const double csvAgreementS = seconds(Clock::now() - t);
    t = Clock::now();
    const auto csvInput = clusterInputFromCsv(csvTable, attrsCsv);
    const double csvReadClusters = seconds(Clock::now() - t);
    t = Clock::now();
    const auto csvClusters = findClusters(csvInput);
    const double csvClustersS = seconds(Clock::now() - t);

    // Same labels, same answers (CSV numbers are printed to 6 digits, so the band may move a hair).
    const bool sameAgreement = std::abs(dbAgreement.percentAgreement - csvAgreement.percentAgreement) < 1e-12 &&
                               std::abs(dbAgreement.fleissKappa - csvAgreement.fleissKappa) < 1e-12;
    const bool sameTopCluster = !dbClusters.clusters.empty() && !csvClusters.clusters.empty() &&
                                dbClusters.clusters.front().attribute == csvClusters.clusters.front().attribute &&
                                std::abs(dbClusters.clusters.front().lo - csvClusters.clusters.front().lo) < 1e-3;
    if (!sameAgreement || !sameTopCluster) {
        std::cerr << "the project and the CSVs disagree: agreement " << sameAgreement << ", top cluster "
                  << sameTopCluster << '\n';
        return 1;
    }
    const double dbTotal = dbReadLabels + dbAgreementS + dbReadClusters + dbClustersS;
    const double csvTotal = csvReadLabels + csvAgreementS + csvReadClusters + csvClustersS;
    nlohmann::json j{{"benchmark", "engine"},
                     {"images", images},
                     {"labels", dbAgreement.labels},
                     {"project_read_labels_s", dbReadLabels},
                     {"project_read_cluster_input_s", dbReadClusters},
                     {"csv_read_labels_s", csvReadLabels},
                     {"csv_read_cluster_input_s", csvReadClusters},
                     {"agreement_s", dbAgreementS},
                     {"clusters_s", dbClustersS},
                     {"project_total_s", dbTotal},
                     {"csv_total_s", csvTotal},
                     {"project_vs_csv", dbTotal / csvTotal},
                     {"target_project_vs_csv", 2.0},
                     {"top_cluster", dbClusters.clusters.front().description}};
    std::cout << j.dump() << std::endl;
    return 0;
}
