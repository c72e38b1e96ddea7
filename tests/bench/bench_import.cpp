// SPDX-License-Identifier: GPL-3.0-or-later
// Image import throughput (issue "100,000-image projects stay instant"):
//   bench_import [COUNT=10000] [DIR]
// writes COUNT JPEGs of 2–5 megapixels into DIR/images (kept between runs: generating them
// takes longer than importing them), reads every file once so both passes start from a warm
// page cache, then measures on the same files
//   - baseline: bare cv::imread(file, IMREAD_REDUCED_COLOR_4) on every core;
//   - import: concord's importImageFolder (header check, xxh3 hash, reduced decode, thumbnail,
//     one transaction) into a new project, on every core;
// and prints one JSON object on its last line. Target: import ≥ 80 % of the baseline's rate.
#include "core/imaging/image_import.h"
#include "core/project/project_ops.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace concord::core;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

/// A plausible inspection photo: smooth shading, sensor noise and a few edges, so the JPEG
/// has the size and entropy of a real one (a flat image decodes unrealistically fast).
cv::Mat syntheticPhoto(int width, int height, std::mt19937_64 &rng)
{
    cv::Mat small(height / 16, width / 16, CV_8UC3);
    cv::randu(small, cv::Scalar::all(40), cv::Scalar::all(200));
    cv::Mat img;
    cv::resize(small, img, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
    cv::Mat noise(height, width, CV_8UC3);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(6));
    img += noise;
    std::uniform_int_distribution<int> x(0, width - 1), y(0, height - 1);
    for (int i = 0; i < 20; ++i)
        cv::line(img, {x(rng), y(rng)}, {x(rng), y(rng)}, cv::Scalar::all(i % 2 ? 20 : 235), 2, cv::LINE_AA);
    return img;
}

std::vector<fs::path> ensureImages(const fs::path &dir, int count)
{
    fs::create_directories(dir);
    std::vector<fs::path> files;
    std::mt19937_64 rng(11);
    // 2–5 MP at 4:3.
    std::uniform_int_distribution<int> mp(2000, 5000);
    int made = 0;
    for (int i = 0; i < count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "img%05d.jpg", i);
        const fs::path file = dir / name;
        const int kilopixels = mp(rng);
        const int width = int(std::sqrt(kilopixels * 1000.0 * 4 / 3)) / 16 * 16;
        const int height = width * 3 / 4;
        if (!fs::exists(file)) {
            cv::imwrite(file.string(), syntheticPhoto(width, height, rng), {cv::IMWRITE_JPEG_QUALITY, 90});
            if (++made % 500 == 0)
                std::cerr << "generated " << made << " images\n";
        }
        files.push_back(file);
    }
    return files;
}

double baseline(const std::vector<fs::path> &files, unsigned threads)
{
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> failed{0};
    const auto start = Clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t i; (i = next++) < files.size();)
                if (cv::imread(files[i].string(), cv::IMREAD_REDUCED_COLOR_4).empty())
                    ++failed;
        });
    for (auto &t : pool)
        t.join();
    if (failed > 0)
        throw std::runtime_error("baseline could not read " + std::to_string(failed.load()) + " files");
    return seconds(Clock::now() - start);
}

} // namespace

int main(int argc, char **argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 10000;
    const fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "concord-bench-import";
    const auto files = ensureImages(dir / "images", count);

    // Warm the page cache for both passes alike.
    std::uintmax_t bytes = 0;
    for (const auto &f : files) {
        std::ifstream in(f, std::ios::binary);
        std::vector<char> buf(std::istreambuf_iterator<char>(in), {});
        bytes += buf.size();
    }
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());

    const double base = baseline(files, threads);

    const fs::path project = dir / "bench.concord";
    for (const char *suffix : {"", "-wal", "-shm"})
        fs::remove(project.string() + suffix);
    auto store = initProject(project, {"bench", 0.0, 1, false}, {"ok", "defect"});
    ImageImportOptions options;
    options.threads = threads;
    const auto start = Clock::now();
    const auto result = importImageFolder(*store, dir / "images", options);
    const double import = seconds(Clock::now() - start);
    if (result.added != count) {
        std::cerr << "imported " << result.added << " of " << count << " images\n";
        return 1;
    }

    nlohmann::json j;
    j["benchmark"] = "import";
    j["images"] = count;
    j["threads"] = threads;
    j["mean_file_mb"] = double(bytes) / count / 1e6;
    j["baseline_imread_reduced4_s"] = base;
    j["baseline_images_per_s"] = count / base;
    j["import_s"] = import;
    j["import_images_per_s"] = count / import;
    j["import_vs_baseline"] = base / import;
    j["target_import_vs_baseline"] = 0.8;
    std::cout << j.dump() << std::endl;
    return 0;
}
