// SPDX-License-Identifier: GPL-3.0-or-later
// Scale of the project file (issue "100,000-image projects stay instant"):
//   bench_store [IMAGES=100000] [LABELS_PER_IMAGE=5] [DIR]
// builds a project of IMAGES images and IMAGES × LABELS_PER_IMAGE labels (with assignments),
// then, in a fresh child process so its peak memory is its own, measures
//   - open the project and fetch the first page of a labeler's queue and its first image record
//   - search labeler0's queue (Store::queueSearch, issue #19): by status, by part of a file
//     name, by number; the median of 5 each
//   - save one label (saveLabel: label + annotations + assignment state, one transaction),
//     1000 times, p50/p99
// and prints one JSON object on its last line. Targets: open+first ≤ 1 s, peak RSS ≤ 300 MB,
// save p99 ≤ 5 ms.
#include "core/project/project_ops.h"
#include "core/store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace concord::core;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

void build(const fs::path &file, int images, int perImage)
{
    auto store = initProject(file, {"bench", 40.0, perImage, false}, {"ok", "scratch", "dent"});
    std::vector<Id> labelers;
    for (int l = 0; l < perImage; ++l)
        labelers.push_back(store->addLabeler("labeler" + std::to_string(l), Role::Labeler));
    const auto classes = store->classes();
    std::mt19937_64 rng(7);
    store->transaction([&] {
        for (int i = 0; i < images; ++i) {
            ImageRecord r;
            r.path = "images/" + std::to_string(i / 1000) + "/img" + std::to_string(i) + ".jpg";
            r.hash = std::to_string(rng());
            r.width = 4000;
            r.height = 3000;
            r.bytes = 3'000'000;
            const Id img = store->addImage(r);
            for (int l = 0; l < perImage; ++l) {
                store->assign({img, labelers[static_cast<std::size_t>(l)], 0, i, AssignmentState::Done});
                Label lab;
                lab.image = img;
                lab.labeler = labelers[static_cast<std::size_t>(l)];
                lab.labelClass = classes[rng() % classes.size()].id;
                store->setLabel(lab);
            }
        }
    });
}

int measure(const fs::path &file)
{
    const auto t0 = Clock::now();
    auto store = openProject(file);
    const auto who = store->labelerByName("labeler0");
    const auto page = store->queue(who->id, 0, 50);
    const auto first = store->image(page.front().image);
    const auto openMs = ms(Clock::now() - t0);
    if (!first)
        return 1;

    // Search the whole queue: every row of it numbered, then filtered.
    const auto searchMs = [&](const QueueFilter &filter, std::size_t &found) {
        std::vector<double> runs;
        for (int k = 0; k < 5; ++k) {
            const auto s = Clock::now();
            found = store->queueSearch(who->id, filter).size();
            runs.push_back(ms(Clock::now() - s));
        }
        std::sort(runs.begin(), runs.end());
        return runs[runs.size() / 2];
    };
    std::size_t unlabeledFound = 0, labeledFound = 0, nameFound = 0, numberFound = 0;
    const double unlabeledMs = searchMs({QueueFilter::Status::Unlabeled, {}, {}, {}}, unlabeledFound);
    const double labeledMs = searchMs({QueueFilter::Status::Labeled, {}, {}, {}}, labeledFound);
    const double nameMs = searchMs({QueueFilter::Status::Any, {}, "img4711", {}}, nameFound);
    const double numberMs = searchMs({QueueFilter::Status::Any, {}, {}, 4711}, numberFound);

    // Save one label, 1000 times, on images spread over the project.
    const auto classes = store->classes();
    std::vector<double> saves;
    std::vector<double> quietSaves; // saves during which no other process took the core
    std::mt19937_64 rng(11);
    const auto preemptions = [] {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        return u.ru_nivcsw;
    };
    const auto count = store->imageCount();
    for (int k = 0; k < 1000; ++k) {
        const Id img = 1 + static_cast<Id>(rng() % static_cast<std::uint64_t>(count));
        const Annotation line{0, 0, AnnotationKind::Line, R"({"x1":0,"y1":0,"x2":80,"y2":0})", 80.0, 2.0, 0.0};
        const auto before = preemptions();
        const auto s = Clock::now();
        saveLabel(*store, img, who->id, classes[rng() % classes.size()].id, {line});
        saves.push_back(ms(Clock::now() - s));
        if (preemptions() == before)
            quietSaves.push_back(saves.back());
    }
    std::sort(saves.begin(), saves.end());
    std::sort(quietSaves.begin(), quietSaves.end());
    nlohmann::json j{
        {"benchmark", "store"},
        {"images", count},
        {"labels", store->labelCount()},
        {"open_and_first_image_ms", openMs},
        {"search_unlabeled_ms", unlabeledMs},
        {"search_unlabeled_found", unlabeledFound},
        {"search_labeled_ms", labeledMs},
        {"search_labeled_found", labeledFound},
        {"search_name_ms", nameMs},
        {"search_name_found", nameFound},
        {"search_number_ms", numberMs},
        {"search_number_found", numberFound},
        {"save_label_p50_ms", saves[saves.size() / 2]},
        {"save_label_p99_ms", saves[saves.size() * 99 / 100]},
        {"save_label_max_ms", saves.back()},
        // On a shared machine the tail is mostly other processes taking the
        // core; these figures leave out the saves that were preempted.
        {"saves_preempted", saves.size() - quietSaves.size()},
        {"save_label_unpreempted_p99_ms", quietSaves.empty() ? 0.0 : quietSaves[quietSaves.size() * 99 / 100]},
        {"peak_rss_mb", peakRssMb()}};
    std::cout << j.dump() << std::endl;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 3 && std::string(argv[1]) == "--measure")
        return measure(argv[2]);
    const int images = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int perImage = argc > 2 ? std::atoi(argv[2]) : 5;
    const fs::path dir = argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path() / "concord-bench-store";
    fs::create_directories(dir);
    const fs::path file = dir / ("store-" + std::to_string(images) + "x" + std::to_string(perImage) + ".concord");
    if (!fs::exists(file)) {
        const auto t0 = Clock::now();
        build(file, images, perImage);
        std::cerr << "built " << file << " in " << ms(Clock::now() - t0) / 1000 << " s\n";
    }
    // Measure in a fresh process: its peak RSS is the cost of opening, not of building.
    const pid_t pid = fork();
    if (pid == 0) {
        execl(argv[0], argv[0], "--measure", file.c_str(), static_cast<char *>(nullptr));
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
