// SPDX-License-Identifier: GPL-3.0-or-later
// report: the project on one self-contained HTML page (docs/REPORT.md).
#include "cli_common.h"

#include "core/report/htmlreport.h"

#include <unistd.h>

#include <iostream>

namespace concord::cli {

void registerReportCommands(CLI::App &app)
{
    auto *cmd = app.add_subcommand("report", "Write one self-contained HTML report: agreement, per-labeler "
                                             "table, κ heatmap, consistency checks, agreement on objects, "
                                             "disagreement band, clusters, standards, adjudication");
    auto project = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto noVisual = std::make_shared<bool>(false);
    auto resamples = std::make_shared<int>(1000);
    auto seed = std::make_shared<std::uint64_t>(1);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("OUT", *out, "HTML file to write (replaced atomically)")->required();
    cmd->add_flag("--no-visual", *noVisual, "Skip the visual cluster finder (it reads every image's thumbnail)");
    cmd->add_option("--resamples", *resamples, "Bootstrap resamples for the 95 % intervals (0 = off)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_option("--seed", *seed, "Bootstrap seed")->capture_default_str();
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project, true);
            core::ReportOptions options;
            options.visualClusters = !*noVisual;
            options.bootstrap.resamples = *resamples;
            options.bootstrap.seed = *seed;
            const auto progress = terminalProgress();
            core::writeHtmlReport(*store, *out, options, progress);
            endTerminalProgress(progress);
            std::cout << "Wrote " << *out << '\n';
        });
    });
}

} // namespace concord::cli
