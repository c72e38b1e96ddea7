// SPDX-License-Identifier: GPL-3.0-or-later
// init, info, label, import-images, import-attributes, relink, lead-passphrase, labeler-passphrase.
#include "cli_common.h"

#include "core/common/error.h"
#include "core/imaging/image_import.h"
#include "core/project/attribute_import.h"
#include "core/project/project_ops.h"
#include "core/project/relink.h"
#include "core/project/session.h"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace concord::cli {

namespace {

void registerInit(CLI::App &app)
{
    auto *cmd = app.add_subcommand("init", "Create an empty project file");
    auto project = std::make_shared<std::string>();
    auto classes = std::make_shared<std::string>();
    auto pxPerMm = std::make_shared<double>(0.0);
    auto overlap = std::make_shared<int>(3);
    auto name = std::make_shared<std::string>();
    auto showFileNames = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file to create (*.concord)")->required();
    cmd->add_option("--classes", *classes, "Comma-separated class names, e.g. ok,scratch,dent")->required();
    cmd->add_option("--px-per-mm", *pxPerMm, "Default calibration in pixels per millimetre")
        ->check(finiteNumber())
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--overlap", *overlap, "Labels wanted per image (k)")->check(CLI::PositiveNumber);
    cmd->add_option("--name", *name, "Display name (default: the file name)");
    cmd->add_flag("--show-file-names", *showFileNames,
                  "Show labelers the images' file names (by default they see queue numbers: file names often "
                  "carry the class)");
    cmd->callback([=] {
        runCommand([&] {
            core::ProjectSettings s;
            s.name = name->empty() ? std::filesystem::path(*project).stem().string() : *name;
            s.pxPerMm = *pxPerMm;
            s.overlap = *overlap;
            s.hideFileNames = !*showFileNames;
            core::initProject(*project, s, splitList(*classes));
            std::cout << "Created " << *project << '\n';
        });
    });
}

void registerInfo(CLI::App &app)
{
    auto *cmd = app.add_subcommand("info", "Summarise a project: images, labelers, labels, classes");
    auto project = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project, true);
            const auto s = core::summarize(*store);
            if (*json) {
                nlohmann::json j;
                j["name"] = s.settings.name;
                j["schema_version"] = s.schemaVersion;
                j["images"] = s.images;
                j["labels"] = s.labels;
                j["decisions"] = s.decisions;
                j["standards"] = s.standards;
                j["px_per_mm"] = s.settings.pxPerMm;
                j["overlap"] = s.settings.overlap;
                j["labelers"] = nlohmann::json::array();
                for (const auto &l : s.labelers)
                    j["labelers"].push_back({{"name", l.labeler.name},
                                             {"role", std::string(core::toString(l.labeler.role))},
                                             {"labels", l.labels},
                                             {"assigned", l.assigned}});
                j["classes"] = nlohmann::json::array();
                for (const auto &c : s.classes)
                    j["classes"].push_back({{"name", c.cls.name},
                                            {"color", c.cls.color},
                                            {"shortcut", c.cls.shortcut},
                                            {"labels", c.labels}});
                printJson(j);
                return;
            }
            std::cout << s.settings.name << " — " << s.images << " images, " << s.labels << " labels, "
                      << s.labelers.size() << " labelers\n";
            std::cout << "calibration " << s.settings.pxPerMm << " px/mm · " << s.settings.overlap
                      << " labels wanted per image · " << s.standards << " standards · " << s.decisions
                      << " decisions\n\n";
            std::cout << pad("class", 16) << pad("key", 5) << pad("labels", 8, true) << '\n';
            for (const auto &c : s.classes)
                std::cout << pad(c.cls.name, 16) << pad(c.cls.shortcut, 5) << pad(std::to_string(c.labels), 8, true)
                          << '\n';
            std::cout << '\n'
                      << pad("labeler", 16) << pad("role", 9) << pad("labels", 8, true) << pad("assigned", 10, true)
                      << '\n';
            for (const auto &l : s.labelers)
                std::cout << pad(l.labeler.name, 16) << pad(std::string(core::toString(l.labeler.role)), 9)
                          << pad(std::to_string(l.labels), 8, true) << pad(std::to_string(l.assigned), 10, true)
                          << '\n';
        });
    });
}

void registerLabel(CLI::App &app)
{
    auto *cmd = app.add_subcommand("label", "Set one labeler's label on one image (scriptable labeling)");
    auto project = std::make_shared<std::string>();
    auto labeler = std::make_shared<std::string>();
    auto image = std::make_shared<std::string>();
    auto cls = std::make_shared<std::string>();
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("--labeler", *labeler, "Labeler name (created when new)")->required();
    cmd->add_option("IMAGE", *image, "Relative path or file name of the image")->required();
    cmd->add_option("CLASS", *cls, "Class name")->required();
    cmd->footer("A labeler who signs in with a passphrase (see labeler-passphrase) needs it here too: from "
                "CONCORD_LABELER_PASSPHRASE (theirs or the lead's), else CONCORD_LEAD_PASSPHRASE, else typed on "
                "the terminal.");
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project);
            const auto img = core::findImage(*store, *image);
            const auto c = core::findClass(*store, *cls);
            const std::string passphrase = signInPassphrase(*store, *labeler);
            core::ShownImageName shown;
            store->transaction([&] {
                auto session = core::Session::signIn(*store, *labeler, core::Role::Labeler, passphrase);
                session.saveLabel(img.id, c.id);
                // A scripted change is logged like every other (issue #21), in the same transaction.
                store->appendAudit(session.who().name, "label",
                                   nlohmann::json{{"image", img.id}, {"class", c.name}, {"via", "concord-cli"}}.dump());
                const auto rows = session.queueRowsOf(img.id);
                shown = session.shownImageName(img.path, rows.empty() ? -1 : rows.back());
            });
            std::cout << *labeler << ": ";
            if (!shown.hidden())
                std::cout << shown.fileName;
            else if (shown.queueNumber > 0)
                std::cout << "image " << shown.queueNumber << " of the queue";
            else
                std::cout << "the image";
            std::cout << " → " << c.name << '\n';
        });
    });
}

void registerImportImages(CLI::App &app)
{
    auto *cmd = app.add_subcommand("import-images", "Add every image below a folder (recursive)");
    auto project = std::make_shared<std::string>();
    auto dir = std::make_shared<std::string>();
    auto pxPerMm = std::make_shared<double>(0.0);
    auto maxPixels = std::make_shared<std::int64_t>(core::kDefaultMaxPixels);
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("DIR", *dir, "Folder of images (jpg, jpeg, png, bmp, tif, tiff, webp)")->required();
    cmd->add_option("--px-per-mm", *pxPerMm, "Calibration for these images (default: the project's)")
        ->check(finiteNumber())
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-pixels", *maxPixels, "Refuse images with more pixels than this")->check(CLI::PositiveNumber);
    cmd->add_flag("--json", *json, "Machine-readable result on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project);
            core::ImageImportOptions opt;
            opt.pxPerMm = *pxPerMm;
            opt.maxPixels = *maxPixels;
            const auto progress = terminalProgress();
            const auto r = core::importImageFolder(*store, *dir, opt, progress);
            endTerminalProgress(progress);
            if (*json) {
                nlohmann::json j{
                    {"added", r.added}, {"skipped", nlohmann::json::array()}, {"failed", nlohmann::json::array()}};
                for (const auto &s : r.skipped)
                    j["skipped"].push_back({{"path", s.path}, {"reason", s.reason}});
                for (const auto &f : r.failed)
                    j["failed"].push_back({{"path", f.path}, {"reason", f.reason}});
                printJson(j);
                return;
            }
            std::cout << "Added " << r.added << " images, skipped " << r.skipped.size() << ", failed "
                      << r.failed.size() << '\n';
            for (const auto &f : r.failed)
                std::cout << "  failed: " << f.path << ": " << f.reason << '\n';
        });
    });
}

void registerImportAttributes(CLI::App &app)
{
    auto *cmd = app.add_subcommand(
        "import-attributes", "Import per-image metadata from a wide CSV (image column + one column per attribute)");
    auto project = std::make_shared<std::string>();
    auto csv = std::make_shared<std::string>();
    auto encoding = std::make_shared<std::string>("utf-8");
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("FILE", *csv, "CSV file; 'image' = relative path or file name")->required();
    addEncodingOption(cmd, *encoding);
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project);
            const auto r = core::importAttributesCsv(*store, *csv, core::parseTextEncoding(*encoding));
            std::cout << "Imported " << r.values << " values for " << r.images << " images (";
            std::cout << r.numericKeys.size() << " numeric, " << r.textKeys.size() << " text attributes)\n";
        });
    });
}

void registerRelink(CLI::App &app)
{
    auto *cmd = app.add_subcommand("relink", "Re-point images after their folder moved");
    auto project = std::make_shared<std::string>();
    auto from = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    auto dryRun = std::make_shared<bool>(false);
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("OLD", *from, "Old path prefix as stored (e.g. images/)")->required();
    cmd->add_option("NEW", *to, "New path prefix (relative to the project folder, or absolute)")->required();
    cmd->add_flag("--dry-run", *dryRun, "Only count what would change (the window's preview); write nothing");
    cmd->add_flag("--json", *json, "Machine-readable counts on stdout");
    cmd->footer("Prints how many stored paths start with OLD, and how many of their files exist at the new "
                "place. The window's File > Relink images... shows the same counts.");
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project, *dryRun);
            const core::RelinkPlan plan = core::previewRelink(*store, *from, *to);
            const std::int64_t changed = *dryRun ? 0 : core::relinkImages(*store, *from, *to);
            if (*json) {
                std::cout << nlohmann::json{{"old", plan.oldPrefix},
                                            {"new", plan.newPrefix},
                                            {"images", plan.images},
                                            {"found", plan.found},
                                            {"missing_now", plan.missingNow},
                                            {"relinked", changed},
                                            {"dry_run", *dryRun}}
                                 .dump(2)
                          << "\n";
                return;
            }
            if (*dryRun)
                std::cout << "Would re-point " << plan.images << " images; " << plan.found
                          << " of them exist at the new place (" << plan.missingNow << " missing now)\n";
            else
                std::cout << "Re-pointed " << changed << " images; " << plan.found
                          << " of them exist at the new place\n";
        });
    });
}

void registerLeadPassphrase(CLI::App &app)
{
    auto *cmd = app.add_subcommand(
        "lead-passphrase",
        "Set, change or remove the lead passphrase that standards, applies and imported labels need");
    auto project = std::make_shared<std::string>();
    auto remove = std::make_shared<bool>(false);
    auto actor = std::make_shared<std::string>("lead");
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_flag("--remove", *remove, "Remove the passphrase");
    cmd->add_option("--actor", *actor, "Name written to the audit log")->capture_default_str();
    cmd->footer("The current passphrase comes from CONCORD_LEAD_PASSPHRASE and the new one from "
                "CONCORD_NEW_LEAD_PASSPHRASE; without them both are asked on the terminal, the new one twice.");
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project);
            std::string current;
            if (core::hasLeadPassphrase(*store)) {
                const auto typed = readSecret("CONCORD_LEAD_PASSPHRASE", "Current lead passphrase: ");
                if (!typed)
                    throw core::Error(core::ErrorCode::Denied,
                                      "give the current passphrase in CONCORD_LEAD_PASSPHRASE or on a terminal");
                current = *typed;
            }
            std::string next;
            if (!*remove) {
                const bool fromEnv = std::getenv("CONCORD_NEW_LEAD_PASSPHRASE") != nullptr;
                const auto typed = readSecret("CONCORD_NEW_LEAD_PASSPHRASE", "New lead passphrase: ");
                if (!typed || typed->empty())
                    throw core::Error(core::ErrorCode::Invalid,
                                      "give a non-empty new passphrase in CONCORD_NEW_LEAD_PASSPHRASE or on a "
                                      "terminal (--remove removes it)");
                if (!fromEnv && readSecret("CONCORD_NEW_LEAD_PASSPHRASE", "Repeat it: ") != typed)
                    throw core::Error(core::ErrorCode::Invalid, "the two passphrases differ; nothing changed");
                next = *typed;
            }
            core::setLeadPassphrase(*store, current, next, *actor);
            std::cout << (next.empty() ? "Lead passphrase removed.\n" : "Lead passphrase set.\n");
        });
    });
}

void registerLabelerPassphrase(CLI::App &app)
{
    auto *cmd = app.add_subcommand(
        "labeler-passphrase",
        "Set, change or remove a labeler's own sign-in passphrase (switching to them in the window, label)");
    auto project = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    auto remove = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("NAME", *name, "The labeler")->required();
    cmd->add_flag("--remove", *remove, "Remove the passphrase");
    cmd->footer("When signing in as NAME needs a passphrase already, the current one (NAME's own or the lead "
                "passphrase) comes from CONCORD_LABELER_PASSPHRASE, else CONCORD_LEAD_PASSPHRASE, else the "
                "terminal. The new one comes from CONCORD_NEW_LABELER_PASSPHRASE, else it is asked twice on the "
                "terminal. The audit log names NAME as the actor.");
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project);
            const std::string current = signInPassphrase(*store, *name);
            std::string next;
            if (!*remove) {
                const bool fromEnv = std::getenv("CONCORD_NEW_LABELER_PASSPHRASE") != nullptr;
                const auto typed = readSecret("CONCORD_NEW_LABELER_PASSPHRASE", "New passphrase of " + *name + ": ");
                if (!typed || typed->empty())
                    throw core::Error(core::ErrorCode::Invalid,
                                      "give a non-empty new passphrase in CONCORD_NEW_LABELER_PASSPHRASE or on a "
                                      "terminal (--remove removes it)");
                if (!fromEnv && readSecret("CONCORD_NEW_LABELER_PASSPHRASE", "Repeat it: ") != typed)
                    throw core::Error(core::ErrorCode::Invalid, "the two passphrases differ; nothing changed");
                next = *typed;
            }
            core::setLabelerPassphrase(*store, *name, current, next, *name);
            std::cout << (next.empty() ? "Passphrase of " + *name + " removed.\n"
                                       : "Passphrase of " + *name + " set.\n");
        });
    });
}

} // namespace

void registerProjectCommands(CLI::App &app)
{
    registerInit(app);
    registerInfo(app);
    registerLabel(app);
    registerImportImages(app);
    registerImportAttributes(app);
    registerRelink(app);
    registerLeadPassphrase(app);
    registerLabelerPassphrase(app);
}

} // namespace concord::cli
