// SPDX-License-Identifier: GPL-3.0-or-later
// demo: generate the built-in demo project (docs/DEMO.md).
#include "cli_common.h"

#include "core/demo/demo.h"

#include <unistd.h>

#include <iostream>

namespace concord::cli {

void registerDemoCommand(CLI::App &app)
{
    auto *cmd =
        app.add_subcommand("demo", "Generate the demo project: synthetic phone-surface images, simulated labelers who "
                                   "disagree on 1-3 mm scratches, and a ground-truth file (docs/DEMO.md)");
    auto project = std::make_shared<std::string>();
    auto opts = std::make_shared<core::DemoOptions>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("OUT", *project, "Project file to create (*.concord); must not exist")->required();
    cmd->add_option("--images", opts->images, "Number of images")->check(CLI::Range(1, 100000))->capture_default_str();
    cmd->add_option("--labelers", opts->labelers, "Simulated labelers (a lead account is added)")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    cmd->add_option("--overlap", opts->overlap, "Labels per image (at most --labelers)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--seed", opts->seed, "Random seed: the same seed gives the same images and labels")
        ->capture_default_str();
    cmd->add_option("--px-per-mm", opts->pxPerMm, "Calibration in pixels per millimetre")
        ->check(finiteNumber())
        ->check(CLI::Range(5.0, 100.0))
        ->capture_default_str();
    cmd->add_option("--threads", opts->threads, "Threads drawing images (0 = all cores; output is the same)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_option("--repeat-share", opts->repeatShare,
                    "Share of each labeler's queue shown again as repeats, 0 to 0.5 (consistency checks)")
        ->check(CLI::Range(0.0, 0.5))
        ->capture_default_str();
    cmd->add_flag("--json", *json, "Machine-readable result on stdout");
    cmd->callback([=] {
        runCommand([&] {
            const auto progress = terminalProgress();
            const auto r = core::generateDemo(*project, *opts, progress);
            endTerminalProgress(progress);
            if (*json) {
                printJson({{"project", r.project.string()},
                           {"image_dir", r.imageDir.string()},
                           {"truth_file", r.truthFile.string()},
                           {"images", r.images},
                           {"labels", r.labels},
                           {"labelers", opts->labelers},
                           {"overlap", opts->overlap},
                           {"seed", opts->seed}});
                return;
            }
            std::cout << "Created demo project " << r.project.string() << '\n'
                      << "  images:       " << r.imageDir.string() << " (" << r.images << " images, " << opts->pxPerMm
                      << " px/mm)\n"
                      << "  labels:       " << r.labels << " by " << opts->labelers << " simulated labelers, "
                      << opts->overlap << " per image; lead account 'lead'\n"
                      << "  ground truth: " << r.truthFile.string() << " (for tests; Concord does not read it)\n";
        });
    });
}

} // namespace concord::cli
