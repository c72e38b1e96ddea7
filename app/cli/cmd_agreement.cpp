// SPDX-License-Identifier: GPL-3.0-or-later
// agreement and consensus: the numbers a lead decides from (DESIGN §4).
#include "cli_common.h"

#include "core/agreement/agreementjson.h"
#include "core/agreement/agreementreport.h"
#include "core/agreement/dawidskene.h"
#include "core/agreement/itemcounts.h"
#include "core/agreement/objectagreement.h"
#include "core/agreement/objectconsensus.h"
#include "core/agreement/objectcsv.h"
#include "core/agreement/ratingcsv.h"
#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/common/numbertext.h"
#include "core/project/project_agreement.h"
#include "core/project/project_consistency.h"
#include "core/project/project_objects.h"
#include "core/project/project_ratings.h"

#include <cmath>
#include <fstream>
#include <iostream>

namespace concord::cli {

namespace {

/// A project file or a CSV of triples, as both commands accept.
struct RatingSource
{
    std::string project;
    std::string csv;
    core::RatingCsvOptions csvOptions;
};

void addSourceOptions(CLI::App *cmd, RatingSource &src)
{
    auto *p = cmd->add_option("PROJECT", src.project, "Project file");
    auto *c = cmd->add_option("--csv", src.csv, "CSV of item,labeler,label triples instead of a project");
    p->excludes(c);
    c->excludes(p);
    cmd->add_option("--item-column", src.csvOptions.itemColumn, "CSV column of the item")->capture_default_str();
    cmd->add_option("--labeler-column", src.csvOptions.labelerColumn, "CSV column of the labeler")
        ->capture_default_str();
    cmd->add_option("--label-column", src.csvOptions.labelColumn, "CSV column of the label")->capture_default_str();
}

core::RatingTable loadRatings(const RatingSource &src)
{
    if (!src.csv.empty())
        return core::readRatingsCsv(src.csv, src.csvOptions);
    if (src.project.empty())
        throw core::Error(core::ErrorCode::Invalid, "give a PROJECT or --csv FILE");
    auto store = openAsLead(src.project, true);
    return core::ratingTableFromStore(*store);
}

std::string interval(const core::AgreementReport &r, const std::string &key, bool asPercent)
{
    const auto it = r.ci95.find(key);
    if (it == r.ci95.end() || !std::isfinite(it->second.lo))
        return {};
    if (asPercent)
        return " [" + core::formatFixed(it->second.lo * 100, 1) + "–" + core::formatFixed(it->second.hi * 100, 1) + "]";
    return " [" + core::formatFixed(it->second.lo) + "–" + core::formatFixed(it->second.hi) + "]";
}

/// HLP, κ, α, AC1 with their intervals, what was compared and, when too few, the warning.
void printHeadline(const core::AgreementReport &r, const std::string &noun, const std::string &labels = "labels")
{
    std::cout << "HLP " << core::formatShare(r.percentAgreement) << " · Fleiss κ " << core::formatFixed(r.fleissKappa)
              << " · Krippendorff α " << core::formatFixed(r.alphaNominal) << " · Gwet AC1 "
              << core::formatFixed(r.gwetAc1) << '\n';
    std::cout << "compared: " << r.coverage.compared << " of " << r.coverage.total << ' ' << noun
              << " with two or more " << labels << "; " << r.items << ' ' << noun << ", " << r.labelers << " labelers, "
              << r.labels << " labels; " << core::formatShare(r.unanimousShare) << " of the compared unanimous; "
              << r.majority.ties << " majority ties\n";
    if (const std::string warning = core::coverageWarning(r.coverage, noun); !warning.empty())
        std::cout << "WARNING: " << warning << '\n';
    std::cout << "95 % intervals (bootstrap over items, " << r.bootstrap.resamples << " resamples, seed "
              << r.bootstrap.seed << "): HLP" << interval(r, "percent_agreement", true) << " %, κ"
              << interval(r, "fleiss_kappa", false) << ", α" << interval(r, "krippendorff_alpha_nominal", false)
              << ", AC1" << interval(r, "gwet_ac1", false) << '\n';
    if (r.alphaOrdinal)
        std::cout << "ordered classes: α ordinal " << core::formatFixed(*r.alphaOrdinal) << ", α interval "
                  << core::formatFixed(r.alphaInterval.value_or(NAN)) << '\n';
}

void printReport(const core::AgreementReport &r, const std::string &noun, const std::string &labels = "labels")
{
    printHeadline(r, noun, labels);
    std::cout << '\n'
              << pad("labeler", 16) << pad("items", 7, true) << pad("HLP", 9, true) << pad("vs majority", 13, true)
              << (r.reference ? pad("vs reference", 14, true) : "") << '\n';
    for (const auto &l : r.perLabeler) {
        std::cout << pad(r.labelerNames[static_cast<std::size_t>(l.labeler)], 16)
                  << pad(std::to_string(l.items), 7, true) << pad(core::formatShare(l.hlp), 9, true)
                  << pad(core::formatShare(l.hlpVsMajority), 13, true);
        if (r.reference)
            std::cout << pad(l.hlpVsReference ? core::formatShare(*l.hlpVsReference) : "—", 14, true);
        std::cout << '\n';
    }
    std::cout << '\n'
              << pad("pair", 24) << pad("shared", 8, true) << pad("agree", 9, true) << pad("Cohen κ", 9, true) << '\n';
    for (const auto &p : r.pairs)
        std::cout << pad(r.labelerNames[static_cast<std::size_t>(p.a)] + " – " +
                             r.labelerNames[static_cast<std::size_t>(p.b)],
                         24)
                  << pad(core::formatFixed(p.n, 0), 8, true) << pad(core::formatShare(p.agreement), 9, true)
                  << pad(core::formatFixed(p.cohenKappa), 9, true) << '\n';
    std::cout << '\n'
              << pad("class", 16) << pad("share", 9, true) << pad("agree", 9, true) << pad("κ", 8, true) << '\n';
    for (const auto &c : r.perClass)
        std::cout << pad(r.classNames[static_cast<std::size_t>(c.cls)], 16)
                  << pad(core::formatShare(c.prevalence), 9, true)
                  << pad(core::formatShare(c.percentAgreement), 9, true)
                  << pad(core::formatFixed(c.fleissKappa), 8, true) << '\n';
}

std::string withInterval(double value, const core::ConfidenceInterval &ci, bool asShare)
{
    if (!std::isfinite(value))
        return core::kNoFigure;
    const auto text = [&](double x) { return asShare ? core::formatShare(x) : core::formatFixed(x); };
    if (!std::isfinite(ci.lo))
        return text(value);
    return text(value) + " [" + (asShare ? core::formatFixed(ci.lo * 100, 1) : core::formatFixed(ci.lo)) + "–" +
           (asShare ? core::formatFixed(ci.hi * 100, 1) : core::formatFixed(ci.hi)) + "]";
}

/// `agreement --self`: each labeler against their own repeats and the lead's gold.
void printConsistency(const core::ProjectConsistency &c)
{
    std::cout << "Self-agreement: each labeler's repeat answer against their first answer (95 % intervals: "
              << c.bootstrap.resamples << " resamples over repeats, seed " << c.bootstrap.seed << ")\n\n"
              << pad("labeler", 12) << pad("repeats", 9, true) << pad("self", 24, true) << pad("self κ", 22, true)
              << pad("vs others", 11, true) << pad("|Δ| mm", 9, true) << pad("limits mm", 16, true) << "\n";
    for (const auto &l : c.labelers) {
        const auto &m = l.self.measurement;
        const std::string limits = std::isfinite(m.limitLo)
                                       ? core::formatFixed(m.limitLo, 2) + " to " + core::formatFixed(m.limitHi, 2)
                                       : std::string(core::kNoFigure);
        std::cout << pad(l.name, 12)
                  << pad(std::to_string(l.self.pairs) + "/" + std::to_string(l.repeatsScheduled), 9, true)
                  << pad(withInterval(l.self.agreement, l.self.agreementCi, true), 24, true)
                  << pad(withInterval(l.self.kappa, l.self.kappaCi, false), 22, true)
                  << pad(std::isfinite(l.others) ? core::formatShare(l.others) : std::string(core::kNoFigure), 11, true)
                  << pad(std::isfinite(m.meanAbsDiff) ? core::formatFixed(m.meanAbsDiff, 3)
                                                      : std::string(core::kNoFigure),
                         9, true)
                  << pad(limits, 16, true) << (l.flagged ? "  ← less consistent with themselves than with others" : "")
                  << '\n';
    }
    if (c.repeatsWithoutFirst > 0)
        std::cout << c.repeatsWithoutFirst
                  << " answered repeats left out: the first answer is no longer the labeler's own (a standard "
                     "rewrote it or it was removed)\n";
    const bool anyGold = std::any_of(c.labelers.begin(), c.labelers.end(),
                                     [](const core::LabelerConsistency &l) { return l.goldScheduled > 0; });
    if (!anyGold)
        return;
    std::cout << "\nGold: each labeler's answers on gold images they were not assigned\n\n"
              << pad("labeler", 12) << pad("gold", 9, true) << pad("accuracy", 24, true) << pad("κ", 22, true) << "\n";
    for (const auto &l : c.labelers)
        std::cout << pad(l.name, 12)
                  << pad(std::to_string(l.gold.items) + "/" + std::to_string(l.goldScheduled), 9, true)
                  << pad(withInterval(l.gold.accuracy, l.gold.accuracyCi, true), 24, true)
                  << pad(withInterval(l.gold.kappa, l.gold.kappaCi, false), 22, true) << '\n';
}

/// `agreement --objects`: F1 of matched shapes, their IoU, each labeler's misses and extras.
void printObjects(const core::ObjectAgreement &o, const core::ObjectConsensus &c, const std::string &noun)
{
    const auto f1 = [](double x) { return core::formatFixed(x); };
    std::cout << "Objects: F1@0.5 " << f1(o.f1Iou50);
    if (std::isfinite(o.f1Iou50Ci.lo))
        std::cout << " [" << f1(o.f1Iou50Ci.lo) << "–" << f1(o.f1Iou50Ci.hi) << "]";
    std::cout << " · F1@0.75 " << f1(o.f1Iou75);
    if (o.iou != 0.5 && o.iou != 0.75)
        std::cout << " · F1@" << core::formatFixed(o.iou, 2) << ' ' << f1(o.f1);
    std::cout << " · mean IoU of matches " << f1(o.meanMatchedIou) << " · class κ " << f1(o.classKappa) << " ("
              << o.classPairs << " pairs matched ignoring class, " << core::formatShare(o.classAgreement)
              << " same class)\n";
    std::cout << "compared: " << o.coverage.compared << " of " << o.coverage.total << ' ' << noun
              << " with two or more labelers; " << o.imagePairs << " image pairs; " << o.shapes << " shapes by "
              << o.labelers << " labelers; boxes and polygons match at IoU ≥ " << core::formatFixed(o.iou, 2)
              << ", lines and points within " << core::formatFixed(o.distancePx, 1) << " px\n";
    if (const std::string warning = core::coverageWarning(o.coverage, noun); !warning.empty())
        std::cout << "WARNING: " << warning << '\n';
    if (o.polygonsByBoundingBox > 0)
        std::cout << o.polygonsByBoundingBox << " polygons whose edges cross were compared by their bounding box\n";
    if (o.bootstrap.resamples > 0)
        std::cout << "95 % interval of F1@0.5: bootstrap over " << noun << ", " << o.bootstrap.resamples
                  << " resamples, seed " << o.bootstrap.seed << '\n';
    std::cout << '\n'
              << pad("labeler", 16) << pad(noun, 8, true) << pad("shapes", 8, true) << pad("matched", 10, true)
              << pad("misses", 8, true) << pad("extras", 8, true) << '\n';
    for (const auto &l : o.perLabeler)
        std::cout << pad(o.labelerNames[static_cast<std::size_t>(l.labeler)], 16)
                  << pad(std::to_string(l.images), 8, true) << pad(std::to_string(l.shapes), 8, true)
                  << pad(core::formatShare(l.matchedShare), 10, true) << pad(std::to_string(l.misses), 8, true)
                  << pad(std::to_string(l.extras), 8, true) << '\n';
    std::cout << "\nConsensus objects: " << c.objects.size()
              << " · unresolved (below quorum, for adjudication): " << c.unresolved.size()
              << "\nquorum: " << c.quorum.describe()
              << (c.quorum.kind == core::ObjectQuorum::Kind::Majority ? " (more than half of each image's labelers)"
                                                                      : "")
              << "; clusters "
              << (c.classAware ? "of one class" : "of any class, class by " + std::string(core::toString(c.classVote)))
              << "; boxes fused by weighted box fusion, lines, polygons and points by the medoid\n";
    if (c.singleMemberObjects > 0)
        std::cout << c.singleMemberObjects
                  << " consensus objects have one member (images with one labeler, or a quorum of 1)\n";
    if (c.classTies > 0)
        std::cout << c.classTies << " consensus objects had a tied class vote, broken by class order\n";
}

void registerAgreement(CLI::App &app)
{
    auto *cmd = app.add_subcommand(
        "agreement", "Human-level performance and chance-corrected agreement (κ, α, AC1) among human labels");
    cmd->footer("Only images with two or more human labels are compared: labels a standard wrote are not human "
                "agreement and are left out. Once a standard has written labels, the figures of the data set as "
                "exported (all labels) follow, named as such (JSON: `human` and `dataset`). Fewer than 30 compared "
                "images, or under 10 % of the project's images, prints a warning (JSON: `too_few_compared`, "
                "`warning`). With --objects, shapes are compared instead of image classes (the same human labels). "
                "Definitions: docs/AGREEMENT.md.");
    auto src = std::make_shared<RatingSource>();
    auto json = std::make_shared<bool>(false);
    auto reference = std::make_shared<std::string>();
    auto resamples = std::make_shared<int>(1000);
    auto seed = std::make_shared<std::uint64_t>(1);
    auto perItem = std::make_shared<bool>(false);
    auto self = std::make_shared<bool>(false);
    auto objects = std::make_shared<bool>(false);
    auto iou = std::make_shared<double>(0.5);
    auto distance = std::make_shared<double>(10.0);
    auto quorum = std::make_shared<std::string>("majority");
    auto classVote = std::make_shared<std::string>("majority");
    auto classAware = std::make_shared<bool>(false);
    auto listConsensus = std::make_shared<bool>(false);
    addSourceOptions(cmd, *src);
    cmd->add_flag("--json", *json, "Machine-readable output on stdout (keys in docs/AGREEMENT.md)");
    cmd->add_option("--reference", *reference, "Labeler whose labels are the reference");
    cmd->add_option("--resamples", *resamples, "Bootstrap resamples for the 95 % intervals (0 = off)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--seed", *seed, "Bootstrap seed");
    cmd->add_flag("--per-item", *perItem, "With --json: one entry per item");
    cmd->add_flag("--self", *self,
                  "Consistency checks instead: each labeler's self-agreement on repeats (percent, Cohen's κ, "
                  "line repeatability), beside their agreement with others, and accuracy against gold "
                  "(docs/CONSISTENCY.md)");
    auto *objectsFlag = cmd->add_flag(
        "--objects", *objects,
        "Agreement on objects instead: each pair of labelers' shapes matched one to one per image (boxes and "
        "polygons by IoU, lines and points by distance), F1 at IoU 0.5 and 0.75, mean IoU, misses and extras per "
        "labeler, class κ of matched shapes. With --csv, columns item,labeler,label,x1,y1,x2,y2 (box corners in "
        "pixels; empty corners: labeled, drew nothing)");
    cmd->add_option("--iou", *iou, "With --objects: IoU threshold t for the per-labeler figures, mean IoU and class κ")
        ->check(finiteNumber())
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    cmd->add_option("--distance", *distance,
                    "With --objects: how close, in pixels, points and lines' ends must be to match")
        ->check(finiteNumber())
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_option("--quorum", *quorum,
                    "With --objects: members a cluster of matched shapes needs to be a consensus object: majority "
                    "(more than half of the image's labelers), a count (2) or a fraction (0.5, 50%)")
        ->capture_default_str();
    cmd->add_option("--class-vote", *classVote,
                    "With --objects: how a consensus object's class is chosen among its members: majority or "
                    "dawid-skene")
        ->check(CLI::IsMember({"majority", "dawid-skene"}))
        ->capture_default_str();
    cmd->add_flag("--class-aware-consensus", *classAware,
                  "With --objects: only shapes of one class form a consensus object (else the class is voted)");
    cmd->add_flag("--list-consensus", *listConsensus,
                  "With --objects --json: every consensus and unresolved object with its members and IoUs "
                  "(objects.consensus.objects, objects.consensus.unresolved)");
    objectsFlag->excludes(cmd->get_option("--self"));
    cmd->callback([=] {
        runCommand([&] {
            if (*objects) {
                core::ObjectAgreementOptions opt;
                opt.iou = *iou;
                opt.distancePx = *distance;
                opt.bootstrap.resamples = *resamples;
                opt.bootstrap.seed = *seed;
                core::ObjectConsensusOptions copt;
                copt.iou = *iou;
                copt.distancePx = *distance;
                copt.quorum = core::parseObjectQuorum(*quorum);
                copt.classVote = core::parseObjectClassVote(*classVote);
                copt.classAware = *classAware;
                core::ObjectTable table;
                const std::string noun = src->csv.empty() ? "images" : "items";
                if (!src->csv.empty()) {
                    core::ObjectCsvOptions csv;
                    csv.itemColumn = src->csvOptions.itemColumn;
                    csv.labelerColumn = src->csvOptions.labelerColumn;
                    csv.labelColumn = src->csvOptions.labelColumn;
                    table = core::readObjectsCsv(src->csv, csv);
                } else {
                    if (src->project.empty())
                        throw core::Error(core::ErrorCode::Invalid, "give a PROJECT or --csv FILE");
                    const auto store = openAsLead(src->project, true);
                    table = core::objectTableFromStore(*store);
                    opt.totalItems = store->imageCount(); // as computeProjectObjectAgreement()
                }
                const core::ObjectAgreement result = core::computeObjectAgreement(table, opt);
                const core::ObjectConsensus consensus = core::computeObjectConsensus(table, copt);
                if (*json) {
                    nlohmann::json j = core::toJson(result, noun);
                    j["consensus"] = core::toJson(consensus, *listConsensus);
                    printJson(nlohmann::json{{"objects", std::move(j)}});
                } else {
                    printObjects(result, consensus, noun);
                }
                return;
            }
            if (*self) {
                if (src->project.empty())
                    throw core::Error(core::ErrorCode::Invalid, "--self needs a PROJECT (repeats live in projects)", {},
                                      0, "--self");
                const auto store = openAsLead(src->project, true);
                core::BootstrapOptions bootstrap;
                bootstrap.resamples = *resamples;
                bootstrap.seed = *seed;
                const auto consistency = core::computeProjectConsistency(*store, bootstrap);
                if (*json)
                    printJson(core::toJson(consistency));
                else
                    printConsistency(consistency);
                return;
            }
            core::AgreementOptions opt;
            opt.reference = *reference;
            opt.bootstrap.resamples = *resamples;
            opt.bootstrap.seed = *seed;
            core::AgreementJsonOptions jo;
            jo.perItem = *perItem;
            if (!src->csv.empty()) {
                const auto report = core::computeAgreement(loadRatings(*src), opt);
                if (*json)
                    printJson(core::toJson(report, jo));
                else
                    printReport(report, "items");
                return;
            }
            if (src->project.empty())
                throw core::Error(core::ErrorCode::Invalid, "give a PROJECT or --csv FILE");
            const auto store = openAsLead(src->project, true);
            const auto agreement = core::computeProjectAgreement(*store, opt);
            if (*json) {
                printJson(core::toJson(agreement, jo));
                return;
            }
            if (agreement.dataset)
                std::cout << "Human labels only (the " << agreement.standardLabels
                          << " labels a standard wrote are left out):\n";
            printReport(agreement.human, "images", agreement.dataset ? "human labels" : "labels");
            if (agreement.dataset) {
                std::cout << "\nData set as exported (with the " << agreement.standardLabels
                          << " labels a standard wrote):\n";
                printHeadline(*agreement.dataset, "images");
            }
        });
    });
}

void registerConsensus(CLI::App &app)
{
    auto *cmd = app.add_subcommand("consensus", "One label per item by majority vote or Dawid–Skene");
    auto src = std::make_shared<RatingSource>();
    auto method = std::make_shared<std::string>("majority");
    auto out = std::make_shared<std::string>();
    auto iterations = std::make_shared<int>(100);
    auto tolerance = std::make_shared<double>(1e-7);
    addSourceOptions(cmd, *src);
    cmd->add_option("--method", *method, "majority or dawid-skene")->check(CLI::IsMember({"majority", "dawid-skene"}));
    cmd->add_option("--out", *out, "Write item,label,confidence to this CSV (default: stdout)");
    cmd->add_option("--max-iterations", *iterations, "Dawid–Skene EM iteration cap")->check(CLI::PositiveNumber);
    cmd->add_option("--tolerance", *tolerance, "Dawid–Skene convergence tolerance")
        ->check(finiteNumber())
        ->check(CLI::NonNegativeNumber);
    cmd->callback([=] {
        runCommand([&] {
            const auto table = loadRatings(*src);
            const core::ItemCounts counts(table);
            core::Consensus consensus;
            if (*method == "majority") {
                consensus = core::majorityVote(counts);
            } else {
                core::DawidSkeneOptions o;
                o.maxIterations = *iterations;
                o.tolerance = *tolerance;
                consensus = core::dawidSkene(counts, o).consensus;
            }
            std::string text = "item,label,confidence\n";
            for (std::int32_t i = 0; i < table.itemCount(); ++i) {
                const auto k = consensus.label[static_cast<std::size_t>(i)];
                const std::string label = k < 0 ? std::string() : table.classNames()[static_cast<std::size_t>(k)];
                char conf[32];
                std::snprintf(conf, sizeof conf, "%.6g",
                              k < 0 ? 0.0 : consensus.confidence[static_cast<std::size_t>(i)]);
                text += core::csvLine({table.itemNames()[static_cast<std::size_t>(i)], label, conf}) + "\n";
            }
            if (out->empty()) {
                std::cout << text;
                return;
            }
            const std::string tmp = *out + ".tmp";
            {
                std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
                if (!f || !(f << text) || !f.flush())
                    throw core::Error(core::ErrorCode::Io, "cannot write file", tmp);
            }
            std::filesystem::rename(tmp, *out);
            std::cerr << "Wrote " << table.itemCount() << " items to " << *out << '\n';
        });
    });
}

} // namespace

void registerAgreementCommands(CLI::App &app)
{
    registerAgreement(app);
    registerConsensus(app);
}

} // namespace concord::cli
