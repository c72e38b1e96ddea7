// SPDX-License-Identifier: GPL-3.0-or-later
// conflicts, adjudicate: the lead's adjudication loop, headless. The queue, its order, the
// majority and the cited standard are core/adjudication's, so this list is the window's.
#include "cli_common.h"

#include "core/adjudication/conflictqueue.h"
#include "core/adjudication/decisionlog.h"
#include "core/common/error.h"
#include "core/common/numbertext.h"
#include "core/project/project_ops.h"

#include <iostream>
#include <map>

namespace concord::cli {

namespace {

std::map<core::Id, std::string> classNames(const core::Store &store)
{
    std::map<core::Id, std::string> names;
    for (const auto &c : store.classes())
        names[c.id] = c.name;
    return names;
}

std::string nameOf(const std::map<core::Id, std::string> &names, core::Id id)
{
    const auto it = names.find(id);
    return it != names.end() ? it->second : std::to_string(id);
}

std::string standardName(const core::Standard &s)
{
    return "#" + std::to_string(s.id) + " \"" + s.title + "\" v" + std::to_string(s.version);
}

void registerConflicts(CLI::App &app)
{
    auto *cmd = app.add_subcommand("conflicts",
                                   "The adjudication queue in the window's order: undecided disputed images, those "
                                   "a disagreement cluster explains first, with the majority and the cited standard");
    auto project = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project, true);
            const auto queue = core::conflictQueue(*store);
            const auto names = classNames(*store);
            std::map<core::Id, core::Standard> standards;
            for (auto &s : store->standards())
                standards.emplace(s.id, std::move(s));
            if (*json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto &e : queue) {
                    nlohmann::json j{{"image", e.image},
                                     {"path", e.path},
                                     {"classes", e.classNames},
                                     {"labels", e.vote.labels},
                                     {"agreement", e.vote.agreement},
                                     {"majority", e.vote.majority ? nlohmann::json(nameOf(names, *e.vote.majority))
                                                                  : nlohmann::json(nullptr)},
                                     {"cluster", e.cluster ? nlohmann::json(e.cluster) : nlohmann::json(nullptr)},
                                     {"standard", nullptr}};
                    if (e.citedStandard) {
                        const auto &s = standards.at(*e.citedStandard);
                        j["standard"] = {{"id", s.id}, {"title", s.title}, {"version", s.version}};
                    }
                    out.push_back(std::move(j));
                }
                printJson(out);
                return;
            }
            if (queue.empty()) {
                std::cout << "Nothing to adjudicate.\n";
                return;
            }
            std::cout << queue.size() << (queue.size() == 1 ? " conflict" : " conflicts") << " to decide\n"
                      << pad("#", 5, true) << "  " << pad("image", 28) << pad("dispute", 24) << pad("agree", 7, true)
                      << "  " << pad("majority", 12) << pad("cluster", 8) << "standard\n";
            std::size_t row = 0;
            for (const auto &e : queue) {
                // pad() counts bytes: each " ↔ " is 3 bytes wider than it shows.
                const std::size_t arrows = e.classNames.empty() ? 0 : e.classNames.size() - 1;
                std::cout << pad(std::to_string(++row), 5, true) << "  " << pad(e.path, 28)
                          << pad(e.dispute, 24 + 2 * arrows) << pad(core::formatShare(e.vote.agreement, 0), 7, true)
                          << "  " << pad(e.vote.majority ? nameOf(names, *e.vote.majority) : "(tie)", 12)
                          << pad(e.cluster ? std::to_string(e.cluster) : "-", 8)
                          << (e.citedStandard ? standardName(standards.at(*e.citedStandard)) : "-") << '\n';
            }
        });
    });
}

void registerAdjudicate(CLI::App &app)
{
    auto *cmd =
        app.add_subcommand("adjudicate", "Record the lead's decision on an image (a class, or --exclude as ambiguous), "
                                         "audited and citing the standard the window would cite");
    auto project = std::make_shared<std::string>();
    auto image = std::make_shared<std::string>();
    auto cls = std::make_shared<std::string>();
    auto exclude = std::make_shared<bool>(false);
    auto note = std::make_shared<std::string>();
    auto lead = std::make_shared<std::string>();
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("IMAGE", *image, "Relative path or file name of the image")->required();
    auto *classOpt = cmd->add_option("CLASS", *cls, "The class decided");
    auto *excludeOpt = cmd->add_flag("--exclude", *exclude, "Mark the image ambiguous: excluded from the dataset");
    classOpt->excludes(excludeOpt);
    cmd->add_option("--note", *note, "Note kept with the decision");
    cmd->add_option("--lead", *lead, "The lead who decides (default: the project's first lead, else \"lead\")");
    cmd->footer("A lead write: with a lead passphrase set, it comes from CONCORD_LEAD_PASSPHRASE or the terminal. "
                "The decision replaces the image's earlier one; the audit entry keeps both (docs/RELIABILITY.md).");
    cmd->callback([=] {
        runCommand([&] {
            if (cls->empty() && !*exclude)
                throw core::Error(core::ErrorCode::Invalid, "give the CLASS decided, or --exclude", {}, 0, "CLASS");
            auto store = openAsLead(*project);
            std::string who = *lead;
            if (who.empty()) {
                who = "lead";
                for (const auto &l : store->labelers())
                    if (l.role == core::Role::Lead) {
                        who = l.name;
                        break;
                    }
            }
            if (const auto existing = store->labelerByName(who); existing && existing->role != core::Role::Lead)
                throw core::Error(core::ErrorCode::Denied, "'" + who + "' is a labeler, not a lead", {}, 0, "--lead");
            const auto img = core::findImage(*store, *image);
            core::Decision d;
            d.image = img.id;
            d.note = *note;
            if (*exclude) {
                d.method = core::DecisionMethod::Excluded;
            } else {
                d.labelClass = core::findClass(*store, *cls).id;
                d.method = core::DecisionMethod::Adjudicated;
            }
            core::DecisionEdit change;
            std::optional<core::Standard> cited;
            store->transaction([&] {
                d.by = core::ensureLabeler(*store, who, core::Role::Lead).id;
                cited = core::citedStandard(*store, img.id);
                if (cited)
                    d.standard = cited->id;
                change = core::recordDecision(*store, d, who);
            });
            const auto names = classNames(*store);
            auto text = [&](const std::optional<core::Decision> &x) {
                if (!x)
                    return std::string("undecided");
                if (!x->labelClass)
                    return std::string("ambiguous (excluded)");
                return nameOf(names, *x->labelClass) + " (" + std::string(core::toString(x->method)) + ")";
            };
            std::cout << who << ": " << img.path << " → " << text(change.after);
            if (change.before)
                std::cout << ", was " << text(change.before);
            std::cout << '\n';
            if (cited)
                std::cout << "  cites standard " << standardName(*cited) << '\n';
        });
    });
}

} // namespace

void registerAdjudicationCommands(CLI::App &app)
{
    registerConflicts(app);
    registerAdjudicate(app);
}

} // namespace concord::cli
