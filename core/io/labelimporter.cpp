// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/labelimporter.h"

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/geometry/geometry.h"
#include "core/io/imagematcher_p.h"
#include "core/io/labelreader.h"
#include "core/project/classkeys.h"
#include "core/project/project_ops.h"
#include "core/store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace concord::core {

namespace {

constexpr std::size_t kListMax = 10;

/// A record that passed every check, ready to be written.
struct Resolved
{
    const ImportedLabel *source = nullptr;
    const ImageRecord *image = nullptr;
    std::string labeler;
    std::string className;
    std::vector<Annotation> annotations;
};

std::string joinList(const std::vector<std::string> &items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < kListMax; ++i)
        out += (i ? "; " : "") + items[i];
    if (items.size() > kListMax)
        out += "; and " + std::to_string(items.size() - kListMax) + " more";
    return out;
}

/// The image-level class of a record: its own, else the most frequent shape class (ties go to
/// the class that comes first in the project, then by name, so the rule never depends on
/// the order of the file).
std::string imageClass(const ImportedLabel &l, const std::map<std::string, int> &classOrder)
{
    if (!l.className.empty())
        return l.className;
    std::map<std::string, int> votes;
    for (const auto &s : l.shapes)
        ++votes[s.className];
    std::string best;
    int bestVotes = 0;
    const auto rank = [&](const std::string &n) {
        const auto it = classOrder.find(n);
        return it == classOrder.end() ? INT32_MAX : it->second;
    };
    for (const auto &[name, n] : votes)
        if (n > bestVotes || (n == bestVotes && rank(name) < rank(best))) {
            best = name;
            bestVotes = n;
        }
    return best;
}

std::string number(double v)
{
    std::ostringstream ss;
    ss.precision(6);
    ss << v;
    return ss.str();
}

/// The shape's points in image pixels: scaled from percent, checked to be finite, and clipped
/// onto the image when they overhang it by at most kClipTolerance of its side (else an error
/// naming the shape). Why here and not in the readers: every format gets the same rule, and a
/// non-finite number that reached the geometry JSON was written as null and broke every export.
std::vector<std::array<double, 2>> imagePoints(const ImportedShape &s, const ImageRecord &image)
{
    const auto fail = [&](const std::string &message) {
        throw Error(ErrorCode::Invalid, message, s.where.file, s.where.line, s.where.field);
    };
    const bool sized = image.width > 0 && image.height > 0;
    if (s.percent && !sized)
        fail("the shape is in percent of the image size, but the project does not know the size of " + image.path);
    std::vector<std::array<double, 2>> pts = s.points;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        auto &p = pts[i];
        for (int axis = 0; axis < 2; ++axis) {
            const char *name = axis == 0 ? "x" : "y";
            const double given = p[static_cast<std::size_t>(axis)];
            const double side = axis == 0 ? image.width : image.height;
            double v = s.percent ? given / 100.0 * side : given;
            if (!std::isfinite(v))
                fail(std::string("point ") + std::to_string(i + 1) + ": " + name + " is not a finite number" +
                     (std::isfinite(given) ? " (x + width or y + height overflows)" : ""));
            if (sized) {
                const double slack = kClipTolerance * side;
                if (v < -slack || v > side + slack) {
                    const std::string unit = s.percent ? " %" : " px";
                    const double limit = s.percent ? 100.0 : side;
                    fail(std::string("point ") + std::to_string(i + 1) + ": " + name + " = " + number(given) + unit +
                         " lies outside the image (0 to " + number(limit) + unit + ") by more than " +
                         number(kClipTolerance * 100) + " % of its " + (axis == 0 ? "width" : "height") + " (" +
                         image.path + " is " + std::to_string(image.width) + "×" + std::to_string(image.height) +
                         " px)");
                }
                v = std::clamp(v, 0.0, side);
            }
            p[static_cast<std::size_t>(axis)] = v;
        }
    }
    if (sized && s.kind == AnnotationKind::Box) {
        // A box that overhung entirely (within the tolerance) has nothing left on the image.
        const bool hadWidth = s.points[0][0] != s.points[1][0], hadHeight = s.points[0][1] != s.points[1][1];
        if ((hadWidth && pts[0][0] == pts[1][0]) || (hadHeight && pts[0][1] == pts[1][1]))
            fail("the box lies outside the image (" + image.path + " is " + std::to_string(image.width) + "×" +
                 std::to_string(image.height) + " px)");
    }
    return pts;
}

Annotation toAnnotation(const ImportedShape &s, const std::string &labelClass, const ImageRecord &image, double pxPerMm)
{
    const std::vector<std::array<double, 2>> pts = imagePoints(s, image);
    auto at = [&](std::size_t i) { return ShapePoint{pts[i][0], pts[i][1]}; };
    Shape shape;
    switch (s.kind) {
    case AnnotationKind::Box: shape = BoxShape{ordered({pts[0][0], pts[0][1], pts[1][0], pts[1][1]})}; break;
    case AnnotationKind::Line: shape = LineShape{{pts[0][0], pts[0][1], pts[1][0], pts[1][1]}}; break;
    case AnnotationKind::Point: shape = PointShape{at(0)}; break;
    case AnnotationKind::Polygon: {
        PolygonShape p;
        for (std::size_t i = 0; i < pts.size(); ++i)
            p.points.push_back(at(i));
        shape = std::move(p);
        break;
    }
    }
    // A shape whose class differs from its label's keeps its own (multi-class detection sets).
    return makeAnnotation(shape, pxPerMm, s.className != labelClass ? s.className : std::string());
}

} // namespace

ImportReport importLabels(Store &store, const std::filesystem::path &input, const ImportOptions &options)
{
    const auto reader = makeLabelReader(options.format);
    ReadOptions ro;
    ro.defaultLabeler = options.labeler;
    ro.encoding = options.encoding;
    reportProgress(options.progress, 0, 0, "reading");
    const auto records = reader->read(input, ro);

    const double projectPxPerMm = store.settings().pxPerMm;
    std::map<std::string, int> classOrder;
    for (const auto &c : store.classes())
        classOrder.emplace(c.name, c.order);

    // --- check everything before writing anything ---------------------------------------
    const ImageMatcher matcher(store);
    std::vector<Resolved> resolved;
    std::vector<std::string> unmatched;
    std::vector<std::string> ambiguous;
    std::map<std::string, std::string> unknownClasses; // name → first place
    std::map<std::pair<Id, std::string>, const ImportedLabel *> seen;
    for (const auto &rec : records) {
        Resolved r;
        r.source = &rec;
        r.labeler = rec.labeler.empty() ? options.labeler : rec.labeler;
        if (r.labeler.empty())
            throw Error(ErrorCode::Invalid, "the file does not name the labeler; give it with --labeler",
                        rec.where.file, rec.where.line, rec.where.field);
        const auto m = rec.matchStem ? matcher.matchStem(rec.image) : matcher.match(rec.image);
        if (!m.image) {
            if (m.candidates.empty()) {
                unmatched.push_back(rec.where.describe() + ": " + rec.image);
            } else {
                std::string list;
                for (std::size_t i = 0; i < m.candidates.size() && i < 5; ++i)
                    list += (i ? ", " : "") + m.candidates[i]->path;
                ambiguous.push_back(rec.where.describe() + ": " + rec.image + " matches " +
                                    std::to_string(m.candidates.size()) + " images (" + list + ")");
            }
            continue;
        }
        r.image = m.image;
        // Names and geometry are checked here, before the transaction: nothing that would
        // break a later export (a control character, a null coordinate) gets in.
        checkName(r.labeler, "labeler name", rec.where.file, rec.where.line,
                  rec.labeler.empty() ? std::string("--labeler") : rec.where.field);
        for (const auto &s : rec.shapes)
            checkName(s.className, "class name", s.where.file, s.where.line, s.where.field);
        r.className = imageClass(rec, classOrder);
        checkName(r.className, "class name", rec.where.file, rec.where.line, rec.where.field);
        const double pxPerMm = m.image->pxPerMm > 0 ? m.image->pxPerMm : projectPxPerMm;
        for (const auto &s : rec.shapes)
            r.annotations.push_back(toAnnotation(s, r.className, *m.image, pxPerMm));
        const auto note = [&](const std::string &name, const SourceRef &where) {
            if (!classOrder.count(name))
                unknownClasses.emplace(name, where.describe());
        };
        note(r.className, rec.where);
        for (const auto &s : rec.shapes)
            note(s.className, s.where);
        if (const auto [it, fresh] = seen.emplace(std::make_pair(m.image->id, r.labeler), &rec); !fresh)
            throw Error(ErrorCode::Invalid,
                        "duplicate: labeler '" + r.labeler + "' labels image " + m.image->path + " twice (also at " +
                            it->second->where.describe() + ")",
                        rec.where.file, rec.where.line, rec.where.field);
        resolved.push_back(std::move(r));
    }
    if (!ambiguous.empty())
        throw Error(ErrorCode::Invalid,
                    std::to_string(ambiguous.size()) +
                        " image reference(s) match several project images; give relative paths: " + joinList(ambiguous),
                    input.string());
    if (!unmatched.empty() && !options.skipUnmatched)
        throw Error(ErrorCode::NotFound,
                    std::to_string(unmatched.size()) +
                        " entries name images that are not in the project: " + joinList(unmatched),
                    input.string());
    if (!unknownClasses.empty() && !options.addClasses) {
        std::vector<std::string> list;
        list.reserve(unknownClasses.size());
        for (const auto &[name, where] : unknownClasses)
            list.push_back("'" + name + "' (first at " + where + ")");
        std::string known;
        for (const auto &[name, order] : classOrder)
            known += (known.empty() ? "" : ", ") + name;
        throw Error(ErrorCode::NotFound,
                    "unknown classes: " + joinList(list) + "; the project's classes are " + known +
                        " (use --add-classes to create them)",
                    input.string());
    }

    // --- write, as one transaction -----------------------------------------------------------
    ImportReport report;
    report.unmatched = std::move(unmatched);
    store.transaction([&] {
        report.labels = 0;
        report.annotations = 0;
        report.classesAdded.clear();
        std::set<std::string> labelers;
        std::map<std::string, Id> classIds;
        int nextOrder = 0;
        for (const auto &c : store.classes()) {
            classIds[c.name] = c.id;
            nextOrder = std::max(nextOrder, c.order + 1);
        }
        for (const auto &[name, where] : unknownClasses) {
            LabelClass c;
            c.name = name;
            c.color = defaultClassColor(static_cast<std::size_t>(nextOrder));
            c.order = nextOrder++;
            c.shortcut = firstFreeClassKey(store.classes()); // "4" after ok, scratch, dent (1…3)
            classIds[name] = store.addClass(c);
            report.classesAdded.push_back(name);
        }
        std::map<std::string, Id> labelerIds;
        for (std::size_t i = 0; i < resolved.size(); ++i) {
            const auto &r = resolved[i];
            if (!reportProgress(options.progress, i, resolved.size(), r.image->path))
                throw Error(ErrorCode::Cancelled, "import cancelled; nothing was written", input.string());
            auto lab = labelerIds.find(r.labeler);
            if (lab == labelerIds.end())
                lab = labelerIds.emplace(r.labeler, ensureLabeler(store, r.labeler).id).first;
            saveLabel(store, r.image->id, lab->second, classIds.at(r.className), r.annotations, LabelSource::Import);
            ++report.labels;
            report.annotations += static_cast<std::int64_t>(r.annotations.size());
            labelers.insert(r.labeler);
        }
        report.labelers.assign(labelers.begin(), labelers.end());
        // Like every other change, in the audit log (issue #21), in the same transaction.
        store.appendAudit("lead", "import-labels",
                          nlohmann::json{{"file", input.string()},
                                         {"format", options.format},
                                         {"labels", report.labels},
                                         {"annotations", report.annotations},
                                         {"labelers", report.labelers},
                                         {"classes_added", report.classesAdded}}
                              .dump());
    });
    reportProgress(options.progress, resolved.size(), resolved.size(), "done");
    return report;
}

} // namespace concord::core
