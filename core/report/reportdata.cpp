// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/reportdata.h"

#include "core/clusters/clusterinput.h"
#include "core/clusters/imageattributes.h"
#include "core/common/error.h"
#include "core/common/numbertext.h"
#include "core/report/htmltext.h"
#include "core/report/reportthumbnails.h"
#include "core/standards/standardapply.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace concord::core {

namespace {

void checkCancel(const ProgressFn &progress, std::size_t done, std::size_t total, std::string_view phase)
{
    if (!reportProgress(progress, done, total, phase))
        throw Error(ErrorCode::Cancelled, "report cancelled");
}

bool disputed(const ClusterInput::Item &item)
{
    for (const auto &v : item.votes)
        if (v.cls != item.votes.front().cls)
            return true;
    return false;
}

AgreementFigures figuresFrom(const nlohmann::json &j)
{
    const auto value = [&](const char *key) {
        return j.contains(key) && j[key].is_number() ? j[key].get<double>() : std::numeric_limits<double>::quiet_NaN();
    };
    AgreementFigures f;
    f.hlp = value("hlp");
    f.fleissKappa = value("fleiss_kappa");
    return f;
}

/// The applications of each standard, from the audit log entries standardapply.cpp writes.
std::map<Id, std::vector<StandardApplication>> applications(const std::vector<AuditEntry> &log)
{
    std::map<Id, std::vector<StandardApplication>> out;
    for (const auto &entry : log) {
        if (entry.action != kAuditStandardApply)
            continue;
        const auto payload = nlohmann::json::parse(entry.payload, nullptr, false);
        if (payload.is_discarded() || !payload.contains("standard") || !payload["standard"].is_number_integer())
            continue;
        StandardApplication a;
        a.at = entry.at;
        a.actor = entry.actor;
        a.undone = entry.undone;
        if (payload.contains("before"))
            a.before = figuresFrom(payload["before"]);
        if (payload.contains("after"))
            a.after = figuresFrom(payload["after"]);
        out[payload["standard"].get<Id>()].push_back(std::move(a));
    }
    return out;
}

} // namespace

ReportData gatherReportData(const Store &store, const ReportOptions &options, const ProgressFn &progress)
{
    ReportData d;
    d.projectName = store.settings().name;
    if (d.projectName.empty())
        d.projectName = store.path().stem().string();
    d.generatedAt = utcNow();
    d.images = store.imageCount();
    d.labels = store.labelCount();
    d.conflicts = static_cast<std::int64_t>(store.conflictImages().size());

    checkCancel(progress, 0, 1, "agreement");
    AgreementOptions agreementOptions;
    agreementOptions.bootstrap = options.bootstrap;
    d.agreement = computeProjectAgreement(store, agreementOptions);
    d.consistency = computeProjectConsistency(store, options.bootstrap, &d.agreement);
    ObjectAgreementOptions objectOptions;
    objectOptions.bootstrap = options.bootstrap;
    try {
        d.objects = computeProjectObjectAgreement(store, objectOptions);
    } catch (const Error &e) {
        if (e.code() != ErrorCode::Invalid)
            throw;
        d.objectsError = e.what();
        d.notes.push_back("agreement on objects: " + d.objectsError);
    }
    checkCancel(progress, 1, 1, "agreement");

    auto input = clusterInputFromStore(store);
    if (options.visualClusters && !input.items.empty()) {
        for (const auto &[path, why] : loadVisualFeatures(store, input, progress))
            d.notes.push_back("visual features of " + path + ": " + why);
    }
    const ClusterReport clusters = findClusters(input, options.clusters, progress);
    d.clusterItems = clusters.items;
    d.clusterDisagreeing = clusters.disagreeing;

    ReportThumbnails thumbnails(store);
    const auto image = [&](Id id, const std::string &path, const std::string &note) {
        return ReportImage{id, path, thumbnails.dataUri(id), note};
    };
    for (const auto &c : clusters.clusters) {
        if (static_cast<int>(d.clusters.size()) >= options.maxClusters)
            break;
        ReportCluster rc{c, {}};
        for (const std::size_t i : c.examples)
            rc.examples.push_back(image(input.items[i].image, input.items[i].path, {}));
        d.clusters.push_back(std::move(rc));
        checkCancel(progress, d.clusters.size(), clusters.clusters.size(), "thumbnails");
    }
    const auto band = std::find_if(clusters.clusters.begin(), clusters.clusters.end(),
                                   [](const Cluster &c) { return c.kind == ClusterKind::Band; });
    if (band != clusters.clusters.end()) {
        const auto it = clusters.labelerThresholds.find(band->attribute);
        if (it != clusters.labelerThresholds.end())
            d.thresholds = it->second;
        d.profile = profileChart(input, band->attribute, &*band, d.thresholds, options.profileBins);
        d.profilePositiveClass = band->positiveClass;
    }

    const auto log = store.auditLog();
    auto applied = applications(log);
    for (const auto &summary : standardSummaries(store)) {
        ReportStandard rs{summary, {}, {}};
        auto examples = store.examples(summary.standard.id);
        std::stable_sort(examples.begin(), examples.end(),
                         [](const auto &a, const auto &b) { return a.role < b.role; });
        for (const auto &e : examples) {
            const auto rec = store.image(e.image);
            rs.examples.emplace_back(e.role, image(e.image, rec ? rec->path : std::string("(missing image)"), e.note));
        }
        if (const auto it = applied.find(summary.standard.id); it != applied.end())
            rs.applications = std::move(it->second);
        d.standards.push_back(std::move(rs));
    }
    d.versions = agreementPerStandardVersion(store);

    std::map<Id, std::string> names;
    for (const auto &l : store.labelers())
        names.emplace(l.id, l.name);
    for (const auto &decision : store.decisions()) {
        ++d.decisions;
        ++d.decisionsByMethod[std::string(toString(decision.method))];
        const auto it = decision.by ? names.find(*decision.by) : names.end();
        ++d.decisionsBy[it == names.end() ? std::string("—") : it->second];
    }
    for (const auto &entry : log)
        ++d.auditActions[entry.action + (entry.undone ? " (undone)" : "")];
    for (const auto &[id, why] : thumbnails.failures()) {
        const auto rec = store.image(id);
        d.notes.push_back("thumbnail of " + (rec ? rec->path : std::to_string(id)) + ": " + why);
    }
    return d;
}

ProfileChart profileChart(const ClusterInput &input, const std::string &attribute, const Cluster *band,
                          const std::vector<LabelerThreshold> &thresholds, int bins)
{
    ProfileChart chart;
    chart.attribute = attribute;
    const auto column = input.numeric.find(attribute);
    if (column == input.numeric.end())
        return chart;
    const auto &x = column->second;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    std::size_t known = 0;
    for (std::size_t i = 0; i < input.items.size(); ++i) {
        if (input.items[i].votes.size() < 2 || !std::isfinite(x[i]))
            continue;
        lo = std::min(lo, x[i]);
        hi = std::max(hi, x[i]);
        ++known;
    }
    if (band) {
        chart.band = true;
        chart.bandLo = band->lo;
        chart.bandHi = band->hi;
        for (const auto &t : thresholds) {
            if (t.ok)
                chart.markers.push_back({t.labeler, t.threshold, false, false});
            else if (t.boundKind == "at_most" || t.boundKind == "at_least")
                chart.markers.push_back(
                    {t.labeler + (t.boundKind == "at_most" ? " ≤ " : " ≥ ") + formatFixed(t.bound, 2), t.bound, false,
                     true});
        }
        if (band->suggestedThreshold)
            chart.markers.push_back({"suggested", *band->suggestedThreshold, true, false});
    }
    if (known == 0)
        return chart;
    if (bins <= 0)
        bins = std::clamp(static_cast<int>(std::lround(std::sqrt(static_cast<double>(known)))), 8, 30);
    if (!(hi > lo))
        hi = lo + 1.0;
    const double width = (hi - lo) / bins;
    for (int b = 0; b < bins; ++b)
        chart.bins.push_back({lo + width * b, b + 1 == bins ? hi : lo + width * (b + 1), 0, 0});
    for (std::size_t i = 0; i < input.items.size(); ++i) {
        if (input.items[i].votes.size() < 2 || !std::isfinite(x[i]))
            continue;
        const auto b = std::min(static_cast<std::size_t>((x[i] - lo) / width), chart.bins.size() - 1);
        ++chart.bins[b].items;
        chart.bins[b].disagreeing += disputed(input.items[i]) ? 1 : 0;
    }
    return chart;
}

} // namespace concord::core
