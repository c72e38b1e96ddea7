// SPDX-License-Identifier: GPL-3.0-or-later
// checks, gold: the consistency checks of issue #20 (docs/CONSISTENCY.md). Scheduling and gold
// are core/project/checks.h's; the figures are `agreement --self`.
#include "cli_common.h"

#include "core/common/error.h"
#include "core/project/checks.h"
#include "core/project/project_ops.h"

#include <iostream>

namespace concord::cli {

namespace {

/// The name a lead's command records in the audit log: the project's first lead, else "lead".
std::string leadName(const core::Store &store)
{
    for (const auto &l : store.labelers())
        if (l.role == core::Role::Lead)
            return l.name;
    return "lead";
}

void registerChecks(CLI::App &app)
{
    auto *cmd = app.add_subcommand(
        "checks", "Set the shares of repeats and gold checks and top up every labeler's queue to them");
    cmd->footer("A repeat shows a labeler an image they labeled again, at least --repeat-gap images later and "
                "after everything they have done, exactly like a new image; a gold check shows an image with the "
                "lead's gold class (see `gold`) they were not assigned. Answers are kept apart and never count "
                "between labelers. New queues get them as they are made; existing checks are never moved. Figures: "
                "`agreement PROJECT --self`. docs/CONSISTENCY.md.");
    auto project = std::make_shared<std::string>();
    auto repeatShare = std::make_shared<std::optional<double>>();
    auto gap = std::make_shared<std::optional<int>>();
    auto goldShare = std::make_shared<std::optional<double>>();
    auto seed = std::make_shared<std::uint64_t>(1);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("--repeat-share", *repeatShare, "Share of each queue shown again, 0 to 0.5 (0 = off; default 0.05)")
        ->check(CLI::Range(0.0, 0.5));
    cmd->add_option("--repeat-gap", *gap, "Images at least between the two showings (default 50)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--gold-share", *goldShare, "Share of each queue that are gold images, 0 to 0.5 (default 0)")
        ->check(CLI::Range(0.0, 0.5));
    cmd->add_option("--seed", *seed, "Seed of the placement");
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project);
            const std::string actor = leadName(*store);
            core::CheckSchedule added;
            core::ProjectSettings s;
            store->transaction([&] {
                s = store->settings();
                if (*repeatShare)
                    s.repeatShare = **repeatShare;
                if (*gap)
                    s.repeatGap = **gap;
                if (*goldShare)
                    s.goldShare = **goldShare;
                store->setSettings(s);
                added = core::scheduleChecks(*store, *seed, std::nullopt, actor);
            });
            std::cout << "repeats " << s.repeatShare * 100 << " % (at least " << s.repeatGap << " images later), gold "
                      << s.goldShare * 100 << " %; added " << added.repeats << " repeats and " << added.gold
                      << " gold checks\n";
        });
    });
}

void registerGold(CLI::App &app)
{
    auto *cmd = app.add_subcommand("gold", "Mark the lead's decisions as gold, or import gold classes from a CSV");
    cmd->footer("Without IMAGE and --csv, every decided image (not the excluded ones) becomes gold. A gold CSV has "
                "the columns image,class (a project path or file name, a class name); a bad row is an error naming "
                "its line, and nothing is changed. Gold images reach labelers as gold checks (`checks "
                "--gold-share`).");
    auto project = std::make_shared<std::string>();
    auto images = std::make_shared<std::vector<std::string>>();
    auto csv = std::make_shared<std::string>();
    cmd->add_option("PROJECT", *project, "Project file")->required();
    auto *imageOpt = cmd->add_option("IMAGE", *images, "Decided images to mark (path or file name)");
    cmd->add_option("--csv", *csv, "CSV of image,class rows to set as gold")->excludes(imageOpt);
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project);
            const std::string actor = leadName(*store);
            std::int64_t set = 0;
            if (!csv->empty()) {
                set = core::importGoldCsv(*store, *csv, actor);
            } else {
                std::vector<core::Id> ids;
                for (const auto &ref : *images)
                    ids.push_back(core::findImage(*store, ref).id);
                set = core::markDecisionsGold(*store, ids, actor);
            }
            std::cout << set << (set == 1 ? " gold image" : " gold images") << " set; " << store->goldLabels().size()
                      << " in the project\n";
        });
    });
}

} // namespace

void registerCheckCommands(CLI::App &app)
{
    registerChecks(app);
    registerGold(app);
}

} // namespace concord::cli
