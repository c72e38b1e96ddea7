// SPDX-License-Identifier: GPL-3.0-or-later
// Times the built-in demo generator (docs/DEMO.md, docs/PERFORMANCE.md): the default demo of
// 300 images, 5 labelers, overlap 3, seed 1, written into a fresh temporary folder.
//
//   bench_demo [--images N] [--threads T] [--keep DIR]
//
// Prints one JSON object on its last line.
#include "core/demo/demo.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <sys/resource.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

/// CPU seconds (user + system) of this process: unlike wall time, not inflated by other work
/// on a shared machine.
double cpuSeconds()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    const auto secs = [](const timeval &t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return secs(u.ru_utime) + secs(u.ru_stime);
}

} // namespace

int main(int argc, char **argv)
{
    concord::core::DemoOptions options;
    fs::path keep;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--images")
            options.images = std::atoi(argv[i + 1]);
        else if (arg == "--threads")
            options.threads = std::atoi(argv[i + 1]);
        else if (arg == "--keep")
            keep = argv[i + 1];
        else {
            std::cerr << "usage: bench_demo [--images N] [--threads T] [--keep DIR]\n";
            return 2;
        }
    }
    const fs::path dir = keep.empty() ? fs::temp_directory_path() / ("bench_demo_" + std::to_string(::getpid())) : keep;
    fs::create_directories(dir);

    double imagesSeconds = 0.0;
    const double cpuStart = cpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    auto phaseStart = start;
    const auto progress = [&](std::size_t done, std::size_t total, std::string_view what) {
        if (what == "images" && done == total)
            imagesSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - phaseStart).count();
        return true;
    };
    const auto r = concord::core::generateDemo(dir / "demo.concord", options, progress);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = cpuSeconds() - cpuStart;
    if (keep.empty())
        fs::remove_all(dir);

    const unsigned threads =
        options.threads > 0 ? static_cast<unsigned>(options.threads) : std::thread::hardware_concurrency();
    std::cout << nlohmann::json{{"bench", "demo"},    {"images", r.images},
                                {"labels", r.labels}, {"threads", threads},
                                {"seconds", seconds}, {"images_seconds", imagesSeconds},
                                {"cpu_seconds", cpu}, {"images_per_second", static_cast<double>(r.images) / seconds}}
                     .dump()
              << '\n';
    return 0;
}
