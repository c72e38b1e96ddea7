// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/htmlreport.h"

#include "core/common/numbertext.h"
#include "core/io/exportfiles.h"
#include "core/report/htmltext.h"
#include "core/report/markdownhtml.h"
#include "core/report/svgcharts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace concord::core {

namespace {

constexpr const char *kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1d2430;background:#f4f5f7;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:24px}
header{background:#1f3a5f;color:#fff;padding:20px 24px}
header h1{margin:0;font-size:24px}header p{margin:4px 0 0;opacity:.8}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:16px 20px;margin:0 0 20px}
h2{margin:0 0 12px;font-size:19px;color:#1f3a5f}h3{margin:14px 0 6px;font-size:16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{flex:1 1 150px;border:1px solid #dfe3ea;border-radius:6px;padding:10px 12px}
.card .label{font-size:12px;color:#5b6575;letter-spacing:.02em}
.card .value{font-size:24px;font-weight:600}.card .ci{font-size:12px;color:#5b6575}
table{border-collapse:collapse;margin:6px 0 10px}th,td{padding:4px 10px;border-bottom:1px solid #e5e8ee;text-align:left}
th{text-align:left;background:#f0f2f6;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
svg{max-width:100%;height:auto}
.muted{color:#5b6575}.note{font-size:13px;color:#5b6575}
.warning{font-size:14px;color:#7a2e00;background:#fff1e0;border:1px solid #f0b070;border-radius:4px;padding:6px 10px}
.thumbs{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0}
figure{margin:0;width:132px}figure img{width:128px;height:128px;object-fit:cover;border:1px solid #cfd5df;border-radius:4px;display:block}
figure.missing div{width:128px;height:128px;border:1px dashed #b8c0cc;border-radius:4px;display:flex;align-items:center;justify-content:center;font-size:11px;color:#7a8494}
figcaption{font-size:11px;color:#5b6575;overflow-wrap:anywhere}
.cluster,.standard{border-top:1px solid #e5e8ee;padding-top:6px;margin-top:10px}
.badge{display:inline-block;font-size:11px;padding:1px 7px;border-radius:9px;background:#e3e8f0;margin-left:6px;vertical-align:middle}
.badge.active{background:#cdebd6}.badge.retired{background:#eadada}
.badge.flagged{background:#fbd9c4;color:#7a2e00;margin-left:0}tr.flagged td{background:#fff6ee}
pre{background:#f5f6f8;border:1px solid #e0e3e8;border-radius:4px;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere}
.body p,.body ul,.body ol{margin:4px 0}.body code{background:#f5f6f8;padding:0 3px;border-radius:3px}.role{font-size:13px;font-weight:600;margin-top:8px}
footer{font-size:12px;color:#5b6575;text-align:center;padding:0 0 24px}
)css";

/// Appends pieces to one string; keeps the section code readable.
class Html
{
public:
    Html &raw(std::string_view s)
    {
        m_out.append(s);
        return *this;
    }
    /// Text from the project or from numbers: always escaped.
    Html &text(std::string_view s)
    {
        m_out += escapeHtml(s);
        return *this;
    }
    Html &element(std::string_view tag, std::string_view content, std::string_view attrs = {})
    {
        m_out += "<" + std::string(tag) + (attrs.empty() ? "" : " " + std::string(attrs)) + ">";
        m_out += escapeHtml(content);
        m_out += "</" + std::string(tag) + ">";
        return *this;
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

std::string interval(const AgreementReport &r, const std::string &key, bool asPercent)
{
    const auto it = r.ci95.find(key);
    if (it == r.ci95.end() || !std::isfinite(it->second.lo))
        return "no interval";
    const auto f = [&](double v) { return asPercent ? formatShare(v) : formatFixed(v); };
    return "95 % CI " + f(it->second.lo) + " – " + f(it->second.hi);
}

void card(Html &h, const char *label, const char *id, const std::string &value, const std::string &ci = {})
{
    h.raw("<div class=\"card\"><div class=\"label\">").text(label).raw("</div>");
    h.raw("<div class=\"value\" id=\"").raw(id).raw("\">").text(value).raw("</div>");
    if (!ci.empty())
        h.raw("<div class=\"ci\" id=\"").raw(id).raw("-ci\">").text(ci).raw("</div>");
    h.raw("</div>");
}

/// The four headline cards of one report; ids `prefix` + "hlp", "fleiss-kappa", "alpha", "ac1".
void headlineCards(Html &h, const AgreementReport &r, const std::string &prefix, const char *hlpLabel)
{
    const auto id = [&](const char *name) { return prefix + name; };
    h.raw("<div class=\"cards\">");
    card(h, hlpLabel, id("hlp").c_str(), formatShare(r.percentAgreement), interval(r, "percent_agreement", true));
    card(h, "Fleiss κ", id("fleiss-kappa").c_str(), formatFixed(r.fleissKappa), interval(r, "fleiss_kappa", false));
    card(h, "Krippendorff α", id("alpha").c_str(), formatFixed(r.alphaNominal),
         interval(r, "krippendorff_alpha_nominal", false));
    card(h, "Gwet AC1", id("ac1").c_str(), formatFixed(r.gwetAc1), interval(r, "gwet_ac1", false));
    h.raw("</div>");
}

/// What one report compared, and the warning when that is too few (assessCoverage decides).
void coverageNote(Html &h, const AgreementReport &r, const std::string &id, const char *labels)
{
    h.raw("<p class=\"note\" id=\"").raw(id).raw("\">");
    h.text("Compared: " + std::to_string(r.coverage.compared) + " of " + std::to_string(r.coverage.total) +
           " images have two or more " + labels + "; " + formatShare(r.unanimousShare) + " of them are unanimous.");
    h.raw("</p>");
    if (const std::string warning = coverageWarning(r.coverage); !warning.empty()) {
        h.raw("<p class=\"warning\" id=\"").raw(id).raw("-warning\"><strong>Warning:</strong> ");
        h.text(warning).raw(".</p>");
    }
}

void summary(Html &h, const ReportData &d)
{
    const auto &a = d.agreement;
    const auto &r = a.human;
    h.raw("<section id=\"summary\"><h2>Headline figures</h2>");
    if (a.dataset) {
        h.raw("<h3 id=\"human-title\">");
        h.text("Human labels only (the " + std::to_string(a.standardLabels) + " labels a standard wrote are left out)");
        h.raw("</h3>");
    }
    headlineCards(h, r, "v-", "Project HLP");
    coverageNote(h, r, "v-compared", a.dataset ? "human labels" : "labels");
    if (a.dataset) {
        h.raw("<h3 id=\"dataset-title\">");
        h.text("Data set as exported (with the " + std::to_string(a.standardLabels) + " labels a standard wrote)");
        h.raw("</h3>");
        headlineCards(h, *a.dataset, "v-dataset-", "Data set HLP");
        coverageNote(h, *a.dataset, "v-dataset-compared", "labels");
    }
    h.raw("<div class=\"cards\" style=\"margin-top:12px\">");
    card(h, "Images", "v-images", std::to_string(d.images));
    card(h, "Labels", "v-labels", std::to_string(d.labels));
    card(h, "Labelers", "v-labelers", std::to_string((a.dataset ? *a.dataset : r).labelers));
    card(h, "Conflicts", "v-conflicts", std::to_string(d.conflicts));
    h.raw("</div><p class=\"note\">");
    h.text("HLP is the share of agreeing labeler pairs over all shared images; κ, α (nominal) and AC1 correct "
           "it for chance. Only images with two or more labels are compared; labels a standard wrote are not "
           "human agreement and count only in the data set's figures. Intervals: percentile bootstrap over " +
           std::to_string(r.items) + " items, " + std::to_string(r.bootstrap.resamples) + " resamples, seed " +
           std::to_string(r.bootstrap.seed) + ". Conflicts are disputed images without a decision.");
    h.raw("</p></section>");
}

void labelers(Html &h, const ReportData &d)
{
    const auto &r = d.agreement.human;
    h.raw("<section id=\"labelers\"><h2>Labelers</h2><table><thead><tr><th>labeler</th><th class=\"num\">n</th>"
          "<th class=\"num\">HLP</th><th class=\"num\">HLP vs majority</th></tr></thead><tbody>");
    for (const auto &l : r.perLabeler) {
        h.raw("<tr><td>").text(r.labelerNames[static_cast<std::size_t>(l.labeler)]).raw("</td>");
        h.raw("<td class=\"num\">").text(std::to_string(l.items)).raw("</td>");
        h.raw("<td class=\"num\">").text(formatShare(l.hlp)).raw("</td>");
        h.raw("<td class=\"num\">").text(formatShare(l.hlpVsMajority)).raw("</td></tr>");
    }
    h.raw("</tbody></table><p class=\"note\">n: images the labeler labeled. HLP: agreement with every other "
          "labeler, pooled over shared images. vs majority: agreement with the majority of the other labels on "
          "each image.");
    if (d.agreement.dataset)
        h.text(" Human labels only: the labels a standard wrote are left out.");
    h.raw("</p></section>");
}

void kappa(Html &h, const ReportData &d)
{
    const auto &r = d.agreement.human;
    // Beyond kPairGridLabelers the heatmap shows the labelers with the most images: 5,005
    // labelers made a 25-million-cell SVG, a 5 GB page nobody can open. The labeler table
    // above still lists everyone.
    const std::size_t all = r.labelerNames.size();
    const std::vector<std::int32_t> shown = pairGridLabelers(r.perLabeler);
    std::vector<std::size_t> position(all, shown.size()); // labeler → row, or shown.size()
    std::vector<std::string> names;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        position[static_cast<std::size_t>(shown[i])] = i;
        names.push_back(r.labelerNames[static_cast<std::size_t>(shown[i])]);
    }
    const std::size_t n = shown.size();
    std::vector<double> matrix(n * n, std::numeric_limits<double>::quiet_NaN());
    for (const auto &p : r.pairs) {
        const auto a = position[static_cast<std::size_t>(p.a)], b = position[static_cast<std::size_t>(p.b)];
        if (a < n && b < n)
            matrix[a * n + b] = matrix[b * n + a] = p.cohenKappa;
    }
    h.raw("<section id=\"kappa\"><h2>Pairwise Cohen κ</h2>");
    h.raw(svgKappaHeatmap(names, matrix));
    h.raw("<p class=\"note\">Each cell: Cohen's κ of two labelers over the images both labeled; grey: no shared "
          "image.");
    if (n < all)
        h.raw("<span id=\"v-kappa-shown\">")
            .text(" Shown: the " + std::to_string(n) + " of " + std::to_string(all) +
                  " labelers with the most images; every pair's κ is in `concord-cli agreement --json`.")
            .raw("</span>");
    if (d.agreement.dataset)
        h.text(" Human labels only.");
    h.raw("</p></section>");
}

/// A 95 % interval as the headline cards write it ("lo – hi"), kNoFigure without one.
std::string intervalText(const ConfidenceInterval &ci, bool asShare)
{
    if (!std::isfinite(ci.lo) || !std::isfinite(ci.hi))
        return kNoFigure;
    const auto f = [&](double v) { return asShare ? formatShare(v) : formatFixed(v); };
    return f(ci.lo) + " – " + f(ci.hi);
}

/// One table cell holding a value read back by id `v-<name>-<row>`.
void valueCell(Html &h, const std::string &name, std::size_t row, const std::string &value)
{
    h.raw("<td class=\"num\" id=\"v-").raw(name).raw("-").raw(std::to_string(row)).raw("\">").text(value);
    h.raw("</td>");
}

/// The figures of `concord-cli agreement --self` (printConsistency in app/cli/cmd_agreement.cpp).
void consistency(Html &h, const ReportData &d)
{
    const auto &c = d.consistency;
    h.raw("<section id=\"consistency\"><h2>Consistency checks</h2>");
    const bool anyRepeats = std::any_of(c.labelers.begin(), c.labelers.end(),
                                        [](const LabelerConsistency &l) { return l.repeatsScheduled > 0; });
    const bool anyGold = std::any_of(c.labelers.begin(), c.labelers.end(),
                                     [](const LabelerConsistency &l) { return l.goldScheduled > 0; });
    if (!anyRepeats) {
        h.raw("<p class=\"muted\" id=\"v-no-repeats\">");
        h.text("No repeats were scheduled: no labeler has been shown an image they labeled again, so there is no "
               "self-agreement to report. Turn them on with ");
        h.raw("<code>").text("concord-cli checks PROJECT --repeat-share 0.05").raw("</code>");
        h.text(" (5 % of each labeler's queue shown again).");
        h.raw("</p>");
    } else {
        h.raw("<table><thead><tr><th>labeler</th><th class=\"num\">repeats</th><th class=\"num\">self-agreement</th>"
              "<th class=\"num\">95 % CI</th><th class=\"num\">self κ</th><th class=\"num\">95 % CI</th>"
              "<th class=\"num\">with others</th><th class=\"num\">line pairs</th><th class=\"num\">mean |Δ| mm</th>"
              "<th class=\"num\">limits mm</th><th></th></tr></thead><tbody>");
        std::vector<std::string> flagged;
        for (std::size_t i = 0; i < c.labelers.size(); ++i) {
            const auto &l = c.labelers[i];
            const auto &m = l.self.measurement;
            h.raw(l.flagged ? "<tr class=\"flagged\">" : "<tr>").raw("<td>").text(l.name).raw("</td>");
            valueCell(h, "repeats", i, std::to_string(l.self.pairs) + "/" + std::to_string(l.repeatsScheduled));
            valueCell(h, "self", i, formatShare(l.self.agreement));
            valueCell(h, "self-ci", i, intervalText(l.self.agreementCi, true));
            valueCell(h, "self-kappa", i, formatFixed(l.self.kappa));
            valueCell(h, "self-kappa-ci", i, intervalText(l.self.kappaCi, false));
            valueCell(h, "others", i, formatShare(l.others));
            valueCell(h, "line-pairs", i, std::to_string(m.pairs));
            valueCell(h, "line-diff", i, formatFixed(m.meanAbsDiff, 3));
            valueCell(h, "line-limits", i,
                      std::isfinite(m.limitLo) && std::isfinite(m.limitHi)
                          ? formatFixed(m.limitLo, 2) + " to " + formatFixed(m.limitHi, 2)
                          : std::string(kNoFigure));
            h.raw("<td>");
            if (l.flagged) {
                h.raw("<span class=\"badge flagged\" id=\"v-flag-").raw(std::to_string(i)).raw("\">");
                h.text("less consistent with themselves than with others").raw("</span>");
                flagged.push_back(l.name);
            }
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table>");
        if (!flagged.empty()) {
            std::string names;
            for (const auto &name : flagged)
                names += (names.empty() ? "" : ", ") + name;
            h.raw("<p class=\"warning\" id=\"v-consistency-flagged\"><strong>Flagged:</strong> ");
            h.text(names + (flagged.size() == 1 ? " agrees" : " agree") +
                   " less with their own earlier answers than with the other labelers: the disagreement is their "
                   "own inconsistency, which a written standard does not fix; training or a break might.");
            h.raw("</p>");
        }
        h.raw("<p class=\"note\">");
        h.text("Repeats: answered of scheduled (an image shown again to a labeler who labeled it). Self-agreement: "
               "share of repeats answered as the first time; self κ: Cohen's κ of first answer against repeat. "
               "With others: the labeler's agreement with the other labelers (HLP, human labels). Line pairs: "
               "repeats where both answers have a line; mean |Δ|: mean absolute difference of the longest line's "
               "length; limits: Bland–Altman 95 % limits of agreement of the difference (repeat − first). "
               "Intervals: percentile bootstrap over each labeler's repeats, " +
               std::to_string(c.bootstrap.resamples) + " resamples, seed " + std::to_string(c.bootstrap.seed) + ".");
        if (c.repeatsWithoutFirst > 0)
            h.raw("<span id=\"v-repeats-without-first\">")
                .text(" " + std::to_string(c.repeatsWithoutFirst) +
                      " answered repeats are left out: the first answer is no longer the labeler's own (a "
                      "standard rewrote it or it was removed).")
                .raw("</span>");
        h.raw("</p>");
    }
    if (anyGold) {
        h.raw("<h3>Gold checks</h3><table><thead><tr><th>labeler</th><th class=\"num\">gold</th>"
              "<th class=\"num\">accuracy</th><th class=\"num\">95 % CI</th><th class=\"num\">κ</th>"
              "<th class=\"num\">95 % CI</th></tr></thead><tbody>");
        for (std::size_t i = 0; i < c.labelers.size(); ++i) {
            const auto &l = c.labelers[i];
            h.raw("<tr><td>").text(l.name).raw("</td>");
            valueCell(h, "gold", i, std::to_string(l.gold.items) + "/" + std::to_string(l.goldScheduled));
            valueCell(h, "gold-accuracy", i, formatShare(l.gold.accuracy));
            valueCell(h, "gold-accuracy-ci", i, intervalText(l.gold.accuracyCi, true));
            valueCell(h, "gold-kappa", i, formatFixed(l.gold.kappa));
            valueCell(h, "gold-kappa-ci", i, intervalText(l.gold.kappaCi, false));
            h.raw("</tr>");
        }
        h.raw("</tbody></table><p class=\"note\">");
        h.text("Gold: answered of scheduled checks on images whose class a lead decided, shown to labelers who "
               "were not assigned them. Accuracy: share of answers equal to the gold class; κ: Cohen's κ of gold "
               "class against answer. Check answers never count in the agreement between labelers.");
        h.raw("</p>");
    }
    h.raw("</section>");
}

/// The figures of `concord-cli agreement --objects` (printObjects in app/cli/cmd_agreement.cpp).
void objects(Html &h, const ReportData &d)
{
    const auto &o = d.objects;
    h.raw("<section id=\"objects\"><h2>Agreement on objects</h2>");
    if (!d.objectsError.empty()) {
        h.raw("<p class=\"warning\" id=\"v-objects-error\">");
        h.text("Not computed: " + d.objectsError).raw("</p></section>");
        return;
    }
    if (o.shapes == 0) {
        h.raw("<p class=\"muted\" id=\"v-no-objects\">");
        h.text("No shapes: no labeler has drawn a box, line, polygon or point in a human label, so there are no "
               "objects to compare.");
        h.raw("</p></section>");
        return;
    }
    const bool hasCi = std::isfinite(o.f1Iou50Ci.lo) && std::isfinite(o.f1Iou50Ci.hi);
    h.raw("<div class=\"cards\">");
    card(h, "F1 at IoU 0.5", "v-objects-f1-50", formatFixed(o.f1Iou50),
         hasCi ? "95 % CI " + intervalText(o.f1Iou50Ci, false) : std::string("no interval"));
    card(h, "F1 at IoU 0.75", "v-objects-f1-75", formatFixed(o.f1Iou75));
    card(h, "Mean IoU of matches", "v-objects-iou", formatFixed(o.meanMatchedIou));
    card(h, "Class κ of matches", "v-objects-kappa", formatFixed(o.classKappa));
    card(h, "Image pairs", "v-objects-pairs", std::to_string(o.imagePairs));
    h.raw("</div><p class=\"note\" id=\"v-objects-compared\">");
    h.text("Compared: " + std::to_string(o.coverage.compared) + " of " + std::to_string(o.coverage.total) +
           " images have two or more labelers; " + std::to_string(o.imagePairs) + " image pairs; " +
           std::to_string(o.shapes) + " shapes by " + std::to_string(o.labelers) + " labelers.");
    h.raw("</p>");
    if (const std::string warning = coverageWarning(o.coverage); !warning.empty()) {
        h.raw("<p class=\"warning\" id=\"v-objects-compared-warning\"><strong>Warning:</strong> ");
        h.text(warning).raw(".</p>");
    }
    h.raw("<table><thead><tr><th>labeler</th><th class=\"num\">images</th><th class=\"num\">shapes</th>"
          "<th class=\"num\">matched by others</th><th class=\"num\">misses</th><th class=\"num\">extras</th>"
          "</tr></thead><tbody>");
    for (std::size_t i = 0; i < o.perLabeler.size(); ++i) {
        const auto &l = o.perLabeler[i];
        h.raw("<tr><td>").text(o.labelerNames[static_cast<std::size_t>(l.labeler)]).raw("</td>");
        valueCell(h, "objects-images", i, std::to_string(l.images));
        valueCell(h, "objects-shapes", i, std::to_string(l.shapes));
        valueCell(h, "objects-matched", i, formatShare(l.matchedShare));
        valueCell(h, "objects-misses", i, std::to_string(l.misses));
        valueCell(h, "objects-extras", i, std::to_string(l.extras));
        h.raw("</tr>");
    }
    h.raw("</tbody></table><p class=\"note\">");
    h.text("For every image and every two labelers who both labeled it (an image pair), their shapes are matched "
           "one to one, only shapes of the same kind and class: boxes and polygons with IoU ≥ " +
           formatFixed(o.iou, 2) + " (the assignment of highest total IoU), lines (both ends) and points within " +
           formatFixed(o.distancePx, 1) + " px (the most pairs). ");
    h.text("F1 = 2 · matches / (shapes of both labelers), each summed over all image pairs (F1 at 0.75: the same "
           "with IoU ≥ 0.75). ");
    h.text("Mean IoU: over the " + std::to_string(o.iouMatches) +
           " matched pairs of boxes and polygons; lines and points have none. ");
    h.text("Class κ: Cohen's κ of the two classes in the " + std::to_string(o.classPairs) +
           " pairs of shapes matched ignoring class (" + formatShare(o.classAgreement) + " of them the same class). ");
    h.text("Images, shapes: images the labeler labeled and shapes drawn on them. Matched by others: share of the "
           "labeler's shapes matched by each other labeler of the same image, pooled; misses: shapes another "
           "labeler drew that this labeler has no match for; extras: shapes this labeler drew that the other has no "
           "match for (both summed over image pairs). ");
    h.text("Interval: percentile bootstrap over compared images, " + std::to_string(o.bootstrap.resamples) +
           " resamples, seed " + std::to_string(o.bootstrap.seed) + ".");
    if (o.polygonsByBoundingBox > 0)
        h.raw("<span id=\"v-objects-polygons-by-box\">")
            .text(" " + std::to_string(o.polygonsByBoundingBox) +
                  " polygons whose edges cross were compared by their bounding box.")
            .raw("</span>");
    h.raw("</p></section>");
}

void profile(Html &h, const ReportData &d)
{
    h.raw("<section id=\"profile\"><h2>Where the labelers disagree</h2>");
    if (!d.profile) {
        h.element("p",
                  "No attribute band stands out: disagreement does not concentrate in an interval of any "
                  "numeric attribute.",
                  "class=\"muted\"");
        h.raw("</section>");
        return;
    }
    const auto &p = *d.profile;
    h.raw("<p>");
    h.text("Disputed share of the images along " + p.attribute + "; the shaded band (" + formatFixed(p.bandLo, 2) +
           " – " + formatFixed(p.bandHi, 2) +
           ") is where disagreement concentrates. Dashed lines: where each "
           "labeler switches to " +
           d.profilePositiveClass + " (logistic fit, 50 % point).");
    h.raw("</p>").raw(svgDisagreementProfile(p));
    h.raw("<table><thead><tr><th>labeler</th><th class=\"num\">switches at</th><th class=\"num\">± s.e.</th>"
          "<th class=\"num\">n</th><th>note</th></tr></thead><tbody>");
    for (const auto &t : d.thresholds) {
        h.raw("<tr><td>").text(t.labeler).raw("</td><td class=\"num\">").text(t.ok ? formatFixed(t.threshold, 2) : "—");
        h.raw("</td><td class=\"num\">").text(t.ok ? formatFixed(t.standardError, 2) : "");
        h.raw("</td><td class=\"num\">").text(std::to_string(t.n)).raw("</td><td>").text(t.note).raw("</td></tr>");
    }
    h.raw("</tbody></table></section>");
}

void thumbnails(Html &h, const std::vector<ReportImage> &images)
{
    h.raw("<div class=\"thumbs\">");
    for (const auto &img : images) {
        const std::string caption = img.note.empty() ? img.path : img.path + " — " + img.note;
        if (img.dataUri.empty()) {
            h.raw("<figure class=\"missing\"><div>image not readable</div>");
        } else {
            h.raw("<figure><img src=\"").raw(img.dataUri).raw("\" alt=\"").text(img.path).raw("\" title=\"");
            h.text(img.path).raw("\">");
        }
        h.element("figcaption", caption).raw("</figure>");
    }
    h.raw("</div>");
}

void clusters(Html &h, const ReportData &d)
{
    h.raw("<section id=\"clusters\"><h2>Disagreement clusters</h2><p>");
    h.text(std::to_string(d.clusterDisagreeing) + " of " + std::to_string(d.clusterItems) +
           " images with two or more labels are disputed. Clusters explain them, best first.");
    h.raw("</p>");
    if (d.clusters.empty())
        h.element("p", "No cluster stands out.", "class=\"muted\"");
    int rank = 0;
    for (const auto &rc : d.clusters) {
        const auto &c = rc.cluster;
        h.raw("<div class=\"cluster\"><h3>").text(std::to_string(++rank) + ". " + c.description).raw("</h3>");
        std::string meta = std::string(toString(c.kind)) + " · " + std::to_string(c.members.size()) + " images · " +
                           std::to_string(c.disagreeInside) + " disputed (" + formatShare(c.rateInside) + " inside, " +
                           formatShare(c.rateOutside) + " outside) · explains " + formatFixed(c.score, 1) +
                           " disputes · p = " + formatFixed(c.pValue, 4);
        if (!c.confusionA.empty())
            meta += " · mostly " + c.confusionA + " ↔ " + c.confusionB;
        h.element("p", meta, "class=\"note\"");
        thumbnails(h, rc.examples);
        h.raw("</div>");
    }
    h.raw("</section>");
}

std::string versionLabel(const VersionAgreement &v)
{
    return v.standard ? v.title + " v" + std::to_string(v.version) : std::string("no standard");
}

void standards(Html &h, const ReportData &d)
{
    h.raw("<section id=\"standards\"><h2>Standards</h2>");
    if (d.standards.empty())
        h.element("p", "No standard written yet.", "class=\"muted\"");
    for (const auto &rs : d.standards) {
        const auto &s = rs.summary.standard;
        const std::string status(toString(s.status));
        h.raw("<div class=\"standard\"><h3>").text(s.title + " v" + std::to_string(s.version));
        h.raw("<span class=\"badge ").text(status).raw("\">").text(status).raw("</span></h3>");
        if (!s.body.empty()) // Markdown, as the window shows it; raw HTML in it stays text
            h.raw("<div class=\"body\">").raw(markdownToHtml(s.body)).raw("</div>");
        if (!s.rule.empty())
            h.raw("<pre><code>").text(s.rule).raw("</code></pre>");
        h.element("p",
                  std::to_string(rs.summary.examples) + " examples, " + std::to_string(rs.summary.counterexamples) +
                      " counterexamples, " + std::to_string(rs.summary.borderline) + " borderline" +
                      (rs.summary.exampleHint.empty() ? "" : " — " + rs.summary.exampleHint),
                  "class=\"note\"");
        for (const ExampleRole role : {ExampleRole::Example, ExampleRole::Counterexample, ExampleRole::Borderline}) {
            std::vector<ReportImage> images;
            for (const auto &[r, img] : rs.examples)
                if (r == role)
                    images.push_back(img);
            if (images.empty())
                continue;
            h.element("div",
                      role == ExampleRole::Example          ? "Examples"
                      : role == ExampleRole::Counterexample ? "Counterexamples"
                                                            : "Borderline",
                      "class=\"role\"");
            thumbnails(h, images);
        }
        if (!rs.applications.empty()) {
            h.raw("<table><thead><tr><th>applied</th><th>by</th><th class=\"num\">HLP before</th><th class=\"num\">"
                  "HLP after</th><th class=\"num\">κ before</th><th class=\"num\">κ after</th><th></th></tr></thead>"
                  "<tbody>");
            for (const auto &a : rs.applications) {
                h.raw("<tr><td>").text(a.at).raw("</td><td>").text(a.actor).raw("</td>");
                h.raw("<td class=\"num\">").text(formatShare(a.before.hlp)).raw("</td>");
                h.raw("<td class=\"num\">").text(formatShare(a.after.hlp)).raw("</td>");
                h.raw("<td class=\"num\">").text(formatFixed(a.before.fleissKappa)).raw("</td>");
                h.raw("<td class=\"num\">").text(formatFixed(a.after.fleissKappa)).raw("</td>");
                h.raw("<td>").text(a.undone ? "undone" : "").raw("</td></tr>");
            }
            h.raw("</tbody></table>");
        }
        h.raw("</div>");
    }
    h.raw("<h3>Agreement by standard version</h3>");
    std::vector<FigureGroup> groups;
    for (const auto &v : d.versions)
        groups.push_back({versionLabel(v), v.figures.hlp, v.figures.fleissKappa});
    h.raw(svgFigureBars(groups));
    h.raw("<table><thead><tr><th>labels made under</th><th class=\"num\">images</th><th class=\"num\">labels</th>"
          "<th class=\"num\">HLP</th><th class=\"num\">Fleiss κ</th></tr></thead><tbody>");
    for (const auto &v : d.versions) {
        h.raw("<tr><td>").text(versionLabel(v)).raw("</td><td class=\"num\">").text(std::to_string(v.figures.items));
        h.raw("</td><td class=\"num\">").text(std::to_string(v.figures.labels)).raw("</td><td class=\"num\">");
        h.text(formatShare(v.figures.hlp)).raw("</td><td class=\"num\">").text(formatFixed(v.figures.fleissKappa));
        h.raw("</td></tr>");
    }
    h.raw("</tbody></table><p class=\"note\">Each label counts under the standard version in force when it was "
          "made (or that set it); only labels of the same version are compared.</p></section>");
}

void countTable(Html &h, const char *heading, const std::map<std::string, std::int64_t> &counts)
{
    h.raw("<table><thead><tr><th>").text(heading).raw("</th><th class=\"num\">count</th></tr></thead><tbody>");
    for (const auto &[key, count] : counts)
        h.raw("<tr><td>").text(key).raw("</td><td class=\"num\">").text(std::to_string(count)).raw("</td></tr>");
    h.raw("</tbody></table>");
}

void adjudication(Html &h, const ReportData &d)
{
    h.raw("<section id=\"adjudication\"><h2>Adjudication log</h2><p>");
    h.text(std::to_string(d.decisions) + " decisions recorded; ");
    h.raw("<strong id=\"v-conflicts-remaining\">").text(std::to_string(d.conflicts)).raw("</strong>");
    h.text(" conflicts remain (disputed images without a decision).");
    h.raw("</p>");
    if (!d.decisionsByMethod.empty()) {
        countTable(h, "decision method", d.decisionsByMethod);
        countTable(h, "decided by", d.decisionsBy);
    }
    if (!d.auditActions.empty())
        countTable(h, "audit log action", d.auditActions);
    h.raw("</section>");
}

} // namespace

std::string renderReportHtml(const ReportData &d)
{
    Html h;
    h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<meta name=\"generator\" content=\"Concord\"><title>");
    h.text("Concord report — " + d.projectName).raw("</title><style>").raw(kStyle).raw("</style></head><body>");
    h.raw("<header><h1>").text("Concord report — " + d.projectName).raw("</h1><p>");
    h.text(std::to_string(d.images) + " images, " +
           std::to_string((d.agreement.dataset ? *d.agreement.dataset : d.agreement.human).labelers) + " labelers, " +
           std::to_string(d.labels) + " labels · generated " + d.generatedAt);
    h.raw("</p></header><main>");
    summary(h, d);
    labelers(h, d);
    kappa(h, d);
    consistency(h, d);
    objects(h, d);
    profile(h, d);
    clusters(h, d);
    standards(h, d);
    adjudication(h, d);
    if (!d.notes.empty()) {
        h.raw("<section id=\"notes\"><h2>Notes</h2><ul>");
        for (const auto &note : d.notes)
            h.element("li", note);
        h.raw("</ul></section>");
    }
    h.raw("</main><footer>Made by Concord. Definitions of every figure: docs/AGREEMENT.md, docs/CONSISTENCY.md, "
          "docs/CLUSTERS.md."
          "</footer></body></html>\n");
    return h.take();
}

void writeHtmlReport(const Store &store, const std::filesystem::path &file, const ReportOptions &options,
                     const ProgressFn &progress)
{
    const std::string html = renderReportHtml(gatherReportData(store, options, progress));
    atomicWriteFile(file, html);
}

} // namespace concord::core
