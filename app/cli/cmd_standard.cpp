// SPDX-License-Identifier: GPL-3.0-or-later
// standard add | list | example | preview | apply | undo | agreement: the label book and its executable
// rules (DESIGN §6). All the work is in core/standards; this file parses and prints.
#include "cli_common.h"

#include "core/common/error.h"
#include "core/common/numbertext.h"
#include "core/project/project_ops.h"
#include "core/standards/standardagreement.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardbook.h"
#include "core/standards/standardpreview.h"

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

namespace concord::cli {

namespace {

nlohmann::json number(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json attrJson(const core::AttrValue &v)
{
    if (const auto *d = std::get_if<double>(&v))
        return *d;
    return std::get<std::string>(v);
}

std::string attrText(const core::AttrValue &v)
{
    if (const auto *d = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4g", *d);
        return buf;
    }
    return "\"" + std::get<std::string>(v) + "\"";
}

nlohmann::json figuresJson(const core::AgreementFigures &f)
{
    return {{"hlp", number(f.hlp)}, {"fleiss_kappa", number(f.fleissKappa)}, {"items", f.items}, {"labels", f.labels}};
}

/// "HLP 81.2 % → 97.9 % · κ 0.62 → 0.95 · 143 labels change": the answer first. For an object
/// rule: "Object F1@0.5 60.0 % → 75.0 % · mean IoU … · 1 object changes".
std::string headline(const core::StandardPreview &p, const char *verb)
{
    if (p.objectRule)
        return "Object F1@0.5 " + core::formatShare(p.objectsBefore.f1Iou50) + " \u2192 " +
               core::formatShare(p.objectsAfter.f1Iou50) + " \u00b7 F1@0.75 " +
               core::formatShare(p.objectsBefore.f1Iou75) + " \u2192 " + core::formatShare(p.objectsAfter.f1Iou75) +
               " \u00b7 " + std::to_string(p.objectChanges.size()) +
               (p.objectChanges.size() == 1 ? " object " : " objects ") + verb;
    return "HLP " + core::formatShare(p.before.hlp) + " \u2192 " + core::formatShare(p.after.hlp) + " \u00b7 \u03ba " +
           core::formatFixed(p.before.fleissKappa) + " \u2192 " + core::formatFixed(p.after.fleissKappa) + " \u00b7 " +
           std::to_string(p.changes.size()) + (p.changes.size() == 1 ? " label " : " labels ") + verb;
}

std::string standardName(const core::Standard &s)
{
    return "#" + std::to_string(s.id) + " \"" + s.title + "\" v" + std::to_string(s.version);
}

nlohmann::json previewJson(const core::StandardPreview &p)
{
    nlohmann::json j;
    j["standard"] = {
        {"id", p.standard.id}, {"title", p.standard.title}, {"version", p.standard.version}, {"rule", p.standard.rule}};
    j["changes"] = nlohmann::json::array();
    for (const auto &c : p.changes) {
        nlohmann::json row{{"image", c.imagePath}, {"labeler", c.labelerName}, {"from", c.from}, {"to", c.to}};
        row["value"] = c.decidedBy.empty() ? nlohmann::json(nullptr) : attrJson(c.decidedBy.front().second);
        row["attribute"] = c.decidedBy.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.decidedBy.front().first);
        j["changes"].push_back(std::move(row));
    }
    j["decision_changes"] = nlohmann::json::array();
    for (const auto &c : p.decisionChanges) {
        nlohmann::json row{{"image", c.imagePath}, {"from", c.from}, {"to", c.to}};
        row["value"] = c.decidedBy.empty() ? nlohmann::json(nullptr) : attrJson(c.decidedBy.front().second);
        j["decision_changes"].push_back(std::move(row));
    }
    j["undecided"] = nlohmann::json::array();
    for (const auto &u : p.undecided)
        j["undecided"].push_back({{"image", u.imagePath}, {"missing", u.missing}, {"disputed", u.disputed}});
    j["relabel"] = nlohmann::json::array();
    for (const auto &r : p.relabel)
        j["relabel"].push_back({{"image", r.imagePath}, {"labeler", r.labelerName}});
    j["decided_items"] = p.decidedItems.size();
    j["labels_decided"] = p.labelsDecided;
    j["labels_undecided"] = p.labelsUndecided;
    j["before"] = figuresJson(p.before);
    j["after"] = figuresJson(p.after);
    j["object_rule"] = p.objectRule;
    j["object_changes"] = nlohmann::json::array();
    for (const auto &c : p.objectChanges) {
        nlohmann::json row{{"image", c.imagePath},  {"labeler", c.labelerName},
                           {"shape", c.annotation}, {"kind", core::toString(c.kind)},
                           {"from", c.from},        {"action", c.drop ? "drop" : "relabel"}};
        row["to"] = c.drop ? nlohmann::json(nullptr) : nlohmann::json(c.to);
        row["attribute"] = c.decidedBy.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.decidedBy.front().first);
        row["value"] = c.decidedBy.empty() ? nlohmann::json(nullptr) : attrJson(c.decidedBy.front().second);
        j["object_changes"].push_back(std::move(row));
    }
    j["objects_in_scope"] = p.objectsInScope;
    j["objects_decided"] = p.objectsDecided;
    j["objects_undecided"] = p.objectsUndecided;
    auto objectFigures = [](const core::ObjectFigures &f) {
        return nlohmann::json{{"shapes", f.shapes},
                              {"f1_iou50", number(f.f1Iou50)},
                              {"f1_iou75", number(f.f1Iou75)},
                              {"mean_matched_iou", number(f.meanMatchedIou)},
                              {"class_kappa", number(f.classKappa)}};
    };
    j["objects_before"] = objectFigures(p.objectsBefore);
    j["objects_after"] = objectFigures(p.objectsAfter);
    return j;
}

void printPreview(const core::StandardPreview &p, std::size_t limit)
{
    std::cout << headline(p, "change") << '\n';
    if (!p.objectRule)
        std::cout << standardName(p.standard) << ": " << p.labelsDecided << " labels decided, " << p.undecided.size()
                  << " images undecided (" << p.relabel.size() << " relabel assignments)\n";
    else
        std::cout << standardName(p.standard) << ": ";
    if (!p.changes.empty()) {
        std::cout << "\nChanges (image, labeler, from \u2192 to, because):\n";
        std::size_t shown = 0;
        for (const auto &c : p.changes) {
            if (shown++ == limit) {
                std::cout << "  ... " << (p.changes.size() - limit) << " more (--all or --json lists them)\n";
                break;
            }
            std::string why;
            for (const auto &[key, value] : c.decidedBy)
                why += (why.empty() ? "" : ", ") + key + " = " + attrText(value);
            std::cout << "  " << pad(c.imagePath, 28) << ' ' << pad(c.labelerName, 10) << ' ' << c.from << " \u2192 "
                      << c.to << (why.empty() ? "" : "  (" + why + ")") << '\n';
        }
    }
    for (const auto &c : p.decisionChanges)
        std::cout << "  decision " << c.imagePath << ": " << c.from << " \u2192 " << c.to << '\n';
    if (p.objectRule) {
        std::cout << p.objectsInScope << " objects in scope, " << p.objectsDecided << " decided, " << p.objectsUndecided
                  << " undecided (a value they need is unknown, e.g. no calibration)\n";
        if (!p.objectChanges.empty())
            std::cout << "\nObject changes (image, labeler, shape, from \u2192 to, because):\n";
        std::size_t shown = 0;
        for (const auto &c : p.objectChanges) {
            if (shown++ == limit) {
                std::cout << "  ... " << (p.objectChanges.size() - limit) << " more (--all or --json lists them)\n";
                break;
            }
            std::string why;
            for (const auto &[key, value] : c.decidedBy)
                why += (why.empty() ? "" : ", ") + key + " = " + attrText(value);
            std::cout << "  " << pad(c.imagePath, 28) << ' ' << pad(c.labelerName, 10) << ' '
                      << pad(std::string(core::toString(c.kind)) + " " + std::to_string(c.annotation), 12) << ' '
                      << c.from << " \u2192 " << (c.drop ? std::string("dropped") : c.to)
                      << (why.empty() ? "" : "  (" + why + ")") << '\n';
        }
    }
    std::size_t disputed = 0;
    for (const auto &u : p.undecided)
        disputed += u.disputed ? 1 : 0;
    if (!p.undecided.empty())
        std::cout << "\n"
                  << p.undecided.size() << " images cannot be decided (attribute unknown); " << disputed
                  << " of them are disputed and go to a relabel round.\n";
}

void registerAdd(CLI::App &parent)
{
    auto *cmd = parent.add_subcommand("add", "Add a standard (a new version with --version-of)");
    auto project = std::make_shared<std::string>();
    auto title = std::make_shared<std::string>();
    auto body = std::make_shared<std::string>();
    auto bodyFile = std::make_shared<std::string>();
    auto rule = std::make_shared<std::string>();
    auto status = std::make_shared<std::string>("draft");
    auto versionOf = std::make_shared<core::Id>(0);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("--title", *title, "Title, e.g. \"Scratch length\"")->required();
    auto *b = cmd->add_option("--body", *body, "The standard's text");
    auto *bf = cmd->add_option("--body-file", *bodyFile, "Read the text from a file");
    b->excludes(bf);
    bf->excludes(b);
    cmd->add_option("--rule", *rule, "Executable rule (docs/RULES.md)");
    cmd->add_option("--status", *status, "draft or active")
        ->check(CLI::IsMember({"draft", "active"}))
        ->capture_default_str();
    cmd->add_option("--version-of", *versionOf, "Id of a standard this is a new version of");
    cmd->callback([=] {
        runCommand([&] {
            if (b->count() == 0 && bf->count() == 0)
                throw core::Error(core::ErrorCode::Invalid, "give the standard's text with --body or --body-file", {},
                                  0, "body");
            core::StandardDraft draft;
            draft.title = *title;
            draft.rule = *rule;
            draft.status = core::parseStandardStatus(*status);
            if (!bodyFile->empty()) {
                std::ifstream in(*bodyFile, std::ios::binary);
                if (!in)
                    throw core::Error(core::ErrorCode::Io, "cannot read the body file", *bodyFile);
                std::ostringstream ss;
                ss << in.rdbuf();
                draft.body = ss.str();
            } else {
                draft.body = *body;
            }
            auto store = open(*project);
            requireLead(*store);
            const core::Id id = *versionOf ? core::createStandardVersion(*store, *versionOf, draft)
                                           : core::createStandard(*store, draft);
            const auto s = core::findStandard(*store, id);
            std::cout << "Added standard " << standardName(s) << " (" << core::toString(s.status) << ")"
                      << (s.rule.empty() ? ", no rule" : ", rule checked") << '\n';
        });
    });
}

void registerList(CLI::App &parent)
{
    auto *cmd = parent.add_subcommand("list", "List standards: versions, status, example counts");
    auto project = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project, true);
            const auto list = core::standardSummaries(*store);
            if (*json) {
                nlohmann::json j = nlohmann::json::array();
                for (const auto &s : list)
                    j.push_back({{"id", s.standard.id},
                                 {"family", s.standard.family},
                                 {"version", s.standard.version},
                                 {"latest", s.latest},
                                 {"title", s.standard.title},
                                 {"status", std::string(core::toString(s.standard.status))},
                                 {"rule", s.standard.rule},
                                 {"body", s.standard.body},
                                 {"created_at", s.standard.createdAt},
                                 {"examples", s.examples},
                                 {"counterexamples", s.counterexamples},
                                 {"borderline", s.borderline},
                                 {"recommended",
                                  {{"examples", core::kRecommendedExamples},
                                   {"counterexamples", core::kRecommendedCounterexamples},
                                   {"borderline", core::kRecommendedBorderline}}}});
                printJson({{"standards", j}});
                return;
            }
            if (list.empty()) {
                std::cout << "No standards yet (concord-cli standard add PROJECT --title ...)\n";
                return;
            }
            std::cout << pad("id", 5, true) << "  " << pad("title", 30) << ' ' << pad("ver", 4, true) << "  "
                      << pad("status", 8) << ' ' << pad("ex/ce/bl", 9) << "  rule\n";
            for (const auto &s : list) {
                const std::string counts = std::to_string(s.examples) + "/" + std::to_string(s.counterexamples) + "/" +
                                           std::to_string(s.borderline);
                std::cout << pad(std::to_string(s.standard.id), 5, true) << "  " << pad(s.standard.title, 30) << ' '
                          << pad("v" + std::to_string(s.standard.version), 4, true) << "  "
                          << pad(std::string(core::toString(s.standard.status)), 8) << ' ' << pad(counts, 9) << "  "
                          << (s.standard.rule.empty() ? "-" : s.standard.rule) << '\n';
                if (!s.exampleHint.empty() && s.latest)
                    std::cout << "       " << s.exampleHint << " (recommended " << core::kRecommendedExamples << "/"
                              << core::kRecommendedCounterexamples << "/" << core::kRecommendedBorderline << ")\n";
            }
        });
    });
}

void registerExample(CLI::App &parent)
{
    auto *cmd = parent.add_subcommand("example", "Attach an image to a standard as an example");
    auto project = std::make_shared<std::string>();
    auto id = std::make_shared<core::Id>(0);
    auto image = std::make_shared<std::string>();
    auto role = std::make_shared<std::string>();
    auto note = std::make_shared<std::string>();
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("ID", *id, "Standard id (standard list)")->required();
    cmd->add_option("IMAGE", *image, "Image path or file name")->required();
    cmd->add_option("--role", *role, "example, counterexample or borderline")
        ->required()
        ->check(CLI::IsMember({"example", "counterexample", "borderline"}));
    cmd->add_option("--note", *note, "Why this image is on that side of the line");
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project);
            requireLead(*store);
            const auto img = core::findImage(*store, *image);
            core::setStandardExample(*store, *id, img.id, core::parseExampleRole(*role), *note);
            // "an example", "a counterexample", "a borderline example"
            const std::string what = *role == "example"      ? "an example"
                                     : *role == "borderline" ? "a borderline example"
                                                             : "a " + *role;
            std::cout << img.path << " is now " << what << " of " << standardName(core::findStandard(*store, *id))
                      << '\n';
        });
    });
}

void registerPreview(CLI::App &parent)
{
    auto *cmd = parent.add_subcommand("preview", "What applying a standard would change, and HLP before/after");
    auto project = std::make_shared<std::string>();
    auto id = std::make_shared<core::Id>(0);
    auto json = std::make_shared<bool>(false);
    auto all = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("ID", *id, "Standard id (standard list)")->required();
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->add_flag("--all", *all, "List every change (default: the first 20)");
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project, true);
            const auto p = core::previewStandard(*store, *id);
            if (*json)
                printJson(previewJson(p));
            else
                printPreview(p, *all ? p.changes.size() : 20);
        });
    });
}

void registerApply(CLI::App &parent)
{
    auto *cmd = parent.add_subcommand("apply", "Apply a standard's rule to the labels (undo with standard undo)");
    auto project = std::make_shared<std::string>();
    auto id = std::make_shared<core::Id>(0);
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_option("ID", *id, "Standard id (standard list)")->required();
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project);
            requireLead(*store);
            const auto r = core::applyStandard(*store, *id);
            if (*json) {
                auto j = previewJson(r.preview);
                j["audit_id"] = r.auditId;
                j["round"] = r.round;
                j["assignments"] = r.assignments;
                printJson(j);
                return;
            }
            std::cout << headline(r.preview, "changed") << '\n';
            std::cout << "Applied " << standardName(r.preview.standard) << "; it is now active.\n";
            if (r.assignments > 0)
                std::cout << r.assignments << " relabel assignments in round " << r.round << ".\n";
            std::cout << "Undo with: concord-cli standard undo " << shellWord(*project) << '\n';
        });
    });
}

void registerUndo(CLI::App &parent)
{
    auto *cmd = parent.add_subcommand("undo", "Undo the last applied standard, restoring the labels exactly");
    auto project = std::make_shared<std::string>();
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->callback([=] {
        runCommand([&] {
            auto store = open(*project);
            requireLead(*store);
            const auto r = core::undoLastStandard(*store);
            std::cout << "Undid standard " << standardName(core::findStandard(*store, r.standard)) << ": " << r.labels
                      << " labels, " << r.objects << " objects and " << r.decisions << " decisions restored, "
                      << r.assignments << " relabel assignments removed.\n";
        });
    });
}

void registerAgreement(CLI::App &parent)
{
    auto *cmd = parent.add_subcommand(
        "agreement", "HLP and Fleiss κ per standard version: did each version make the labelers agree more?");
    auto project = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PROJECT", *project, "Project file")->required();
    cmd->add_flag("--json", *json, "Machine-readable output on stdout");
    cmd->callback([=] {
        runCommand([&] {
            auto store = openAsLead(*project, true);
            const auto groups = core::agreementPerStandardVersion(*store);
            if (*json) {
                auto j = nlohmann::json::array();
                for (const auto &g : groups) {
                    auto entry = figuresJson(g.figures);
                    entry["standard"] = g.standard ? nlohmann::json(*g.standard) : nlohmann::json(nullptr);
                    entry["title"] = g.standard ? nlohmann::json(g.title) : nlohmann::json(nullptr);
                    entry["version"] = g.standard ? nlohmann::json(g.version) : nlohmann::json(nullptr);
                    j.push_back(std::move(entry));
                }
                printJson({{"versions", j}});
                return;
            }
            std::cout << pad("labels made under", 36) << pad("labels", 8, true) << pad("items", 7, true)
                      << pad("HLP", 9, true) << pad("Fleiss κ", 11, true) << '\n';
            for (const auto &g : groups) {
                const std::string name =
                    g.standard ? "#" + std::to_string(*g.standard) + " " + g.title + " v" + std::to_string(g.version)
                               : std::string("no standard");
                std::cout << pad(name, 36) << pad(std::to_string(g.figures.labels), 8, true)
                          << pad(std::to_string(g.figures.items), 7, true)
                          << pad(core::formatShare(g.figures.hlp), 9, true)
                          << pad(core::formatFixed(g.figures.fleissKappa), 10, true) << '\n';
            }
            std::cout << "Only labels made under the same version are compared with each other "
                         "(docs/RULES.md).\n";
        });
    });
}

} // namespace

void registerStandardCommands(CLI::App &app)
{
    auto *cmd = app.add_subcommand("standard",
                                   "The label book: standards, examples, preview, apply, undo, agreement per version");
    cmd->require_subcommand(1);
    registerAdd(*cmd);
    registerList(*cmd);
    registerExample(*cmd);
    registerPreview(*cmd);
    registerApply(*cmd);
    registerUndo(*cmd);
    registerAgreement(*cmd);
}

} // namespace concord::cli
