// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/project_consistency.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace concord::core {

namespace {

using nlohmann::json;

json number(double x)
{
    return std::isfinite(x) ? json(x) : json(nullptr);
}

json interval(const ConfidenceInterval &ci)
{
    return json::array({number(ci.lo), number(ci.hi)});
}

/// The longest line's length in mm among the shapes, if any line has one.
std::optional<double> longestLineMm(const std::vector<Annotation> &shapes)
{
    std::optional<double> best;
    for (const auto &a : shapes)
        if (a.kind == AnnotationKind::Line && a.lengthMm && (!best || *a.lengthMm > *best))
            best = a.lengthMm;
    return best;
}

} // namespace

ProjectConsistency computeProjectConsistency(const Store &store, const BootstrapOptions &bootstrap,
                                             const ProjectAgreement *agreement)
{
    ProjectConsistency out;
    out.bootstrap = bootstrap;
    std::unordered_map<Id, std::int32_t> classIndex;
    for (const auto &c : store.classes()) {
        classIndex.emplace(c.id, static_cast<std::int32_t>(out.classNames.size()));
        out.classNames.push_back(c.name);
    }
    std::unordered_map<Id, std::int32_t> labelerIndex;
    for (const auto &l : store.labelers())
        if (l.role == Role::Labeler) {
            labelerIndex.emplace(l.id, static_cast<std::int32_t>(out.labelers.size()));
            out.labelers.push_back({});
            out.labelers.back().name = l.name;
        }

    std::vector<RepeatPair> repeats;
    std::vector<MeasurementPair> measurements;
    std::vector<GoldAnswer> goldAnswers;
    std::unordered_map<Id, Id> goldOf;
    for (const auto &g : store.goldLabels())
        goldOf.emplace(g.image, g.labelClass);
    for (const CheckItem &c : store.checkItems()) {
        const auto who = labelerIndex.find(c.labeler);
        if (who == labelerIndex.end())
            continue;
        auto &l = out.labelers[static_cast<std::size_t>(who->second)];
        (c.kind == CheckKind::Repeat ? l.repeatsScheduled : l.goldScheduled) += 1;
        if (!c.answer)
            continue;
        const std::int32_t answer = classIndex.at(*c.answer);
        if (c.kind == CheckKind::Gold) {
            if (const auto g = goldOf.find(c.image); g != goldOf.end())
                goldAnswers.push_back({who->second, classIndex.at(g->second), answer});
            continue;
        }
        const auto first = store.label(c.image, c.labeler);
        if (!first || first->source == LabelSource::Standard) {
            ++out.repeatsWithoutFirst;
            continue;
        }
        repeats.push_back({who->second, classIndex.at(first->labelClass), answer});
        const auto a = longestLineMm(store.annotationsOfLabel(first->id));
        const auto b = longestLineMm(store.checkAnnotations(c.id));
        if (a && b)
            measurements.push_back({who->second, *a, *b});
    }

    const auto labelers = static_cast<std::int32_t>(out.labelers.size());
    const auto classes = static_cast<std::int32_t>(out.classNames.size());
    auto self = selfAgreement(repeats, measurements, labelers, classes, bootstrap);
    auto gold = goldAgreement(goldAnswers, labelers, classes, bootstrap);

    // Agreement with the others: the point estimates of the project's human figures.
    std::optional<ProjectAgreement> computed;
    if (!agreement) {
        AgreementOptions options;
        options.bootstrap.resamples = 0;
        computed = computeProjectAgreement(store, options);
        agreement = &*computed;
    }
    std::map<std::string, double> others;
    for (const auto &a : agreement->human.perLabeler)
        others[agreement->human.labelerNames[static_cast<std::size_t>(a.labeler)]] = a.hlp;

    for (std::size_t i = 0; i < out.labelers.size(); ++i) {
        auto &l = out.labelers[i];
        l.self = self[i];
        l.gold = std::move(gold[i]);
        if (const auto it = others.find(l.name); it != others.end())
            l.others = it->second;
        l.flagged = l.self.pairs > 0 && std::isfinite(l.others) && l.self.agreement < l.others;
    }
    return out;
}

json toJson(const ProjectConsistency &c)
{
    json j;
    j["classes"] = c.classNames;
    j["repeats_without_first_answer"] = c.repeatsWithoutFirst;
    j["bootstrap"] = {{"resamples", c.bootstrap.resamples}, {"seed", c.bootstrap.seed}, {"level", c.bootstrap.level}};
    j["labelers"] = json::array();
    for (const auto &l : c.labelers) {
        const auto &m = l.self.measurement;
        json gold = {{"scheduled", l.goldScheduled},        {"items", l.gold.items},
                     {"accuracy", number(l.gold.accuracy)}, {"accuracy_ci95", interval(l.gold.accuracyCi)},
                     {"kappa", number(l.gold.kappa)},       {"kappa_ci95", interval(l.gold.kappaCi)}};
        if (!l.gold.confusion.empty()) {
            gold["confusion"] = l.gold.confusion; // K × K row-major, rows = gold class
            json recall = json::object();
            for (std::size_t k = 0; k < l.gold.recall.size(); ++k)
                recall[c.classNames[k]] = number(l.gold.recall[k]);
            gold["recall"] = recall;
        }
        j["labelers"].push_back({{"labeler", l.name},
                                 {"self",
                                  {{"scheduled", l.repeatsScheduled},
                                   {"pairs", l.self.pairs},
                                   {"agreement", number(l.self.agreement)},
                                   {"agreement_ci95", interval(l.self.agreementCi)},
                                   {"kappa", number(l.self.kappa)},
                                   {"kappa_ci95", interval(l.self.kappaCi)}}},
                                 {"measurement",
                                  {{"pairs", m.pairs},
                                   {"mean_abs_diff_mm", number(m.meanAbsDiff)},
                                   {"bias_mm", number(m.bias)},
                                   {"sd_diff_mm", number(m.sdDiff)},
                                   {"limits_of_agreement_mm", json::array({number(m.limitLo), number(m.limitHi)})},
                                   {"icc", number(m.icc)}}},
                                 {"others_agreement", number(l.others)},
                                 {"flagged", l.flagged},
                                 {"gold", gold}});
    }
    return j;
}

} // namespace concord::core
