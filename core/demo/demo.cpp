// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/demo.h"

#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/common/parallel.h"
#include "core/demo/demorandom_p.h"
#include "core/demo/simulatedlabeler_p.h"
#include "core/demo/surfaceimage_p.h"
#include "core/demo/surfacerenderer_p.h"
#include "core/geometry/geometry.h"
#include "core/project/checks.h"
#include "core/project/project_ops.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <unordered_map>

namespace concord::core {

namespace fs = std::filesystem;

namespace {

/// The reference standard the demo's story leads to ("a scratch of 1.5 mm or longer is a
/// defect"); it defines true_class in the truth file and nothing else.
constexpr double kReferenceStandardMm = 1.5;
constexpr const char *kLeadName = "lead";

struct RenderedImage
{
    std::string hash;
    std::int64_t bytes = 0;
};

void requireRange(bool ok, const std::string &field, const std::string &message)
{
    if (!ok)
        throw Error(ErrorCode::Invalid, message, {}, 0, field);
}

void validate(const DemoOptions &o)
{
    requireRange(o.images >= 1 && o.images <= 100000, "images", "the number of images must be between 1 and 100000");
    requireRange(o.labelers >= 1 && o.labelers <= 1000, "labelers",
                 "the number of labelers must be between 1 and 1000");
    requireRange(o.overlap >= 1 && o.overlap <= o.labelers, "overlap",
                 "labels per image must be between 1 and the number of labelers (" + std::to_string(o.labelers) + ")");
    requireRange(o.pxPerMm >= 5.0 && o.pxPerMm <= 100.0, "px_per_mm",
                 "the calibration must be between 5 and 100 px/mm (a 5 mm scratch must fit the 800x600 frame)");
    requireRange(o.threads >= 0, "threads", "the number of threads must be 0 (all cores) or more");
    requireRange(o.repeatShare >= 0.0 && o.repeatShare <= 0.5, "repeat_share",
                 "the share of repeats must be between 0 and 0.5");
}

void refuseExisting(const fs::path &p, const char *what)
{
    std::error_code ec;
    if (fs::exists(p, ec) || ec)
        throw Error(ErrorCode::Io, std::string(what) + " exists already; remove it or choose another project name",
                    p.string());
}

void writeBytes(const fs::path &file, const void *data, std::size_t size)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char *>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out)
        throw Error(ErrorCode::Io, "could not write the file (disk full or no permission?)", file.string());
}

/// Draws and writes every image, `threads` at a time. Each image depends only on its plan,
/// so the files are the same whatever the number of threads and the order they finish in.
std::vector<RenderedImage> renderImages(const std::vector<SurfaceImage> &plans, const fs::path &dir, int threads,
                                        const ProgressFn &progress)
{
    std::vector<RenderedImage> out(plans.size());
    ParallelOptions parallel;
    parallel.threads = static_cast<unsigned>(std::max(0, threads));
    parallel.progress = progress;
    parallel.what = "images";
    // One renderer per worker: it keeps its buffers from one image to the next.
    std::vector<SurfaceRenderer> renderers(parallelWorkers(parallel.threads, plans.size()));
    const bool completed = parallelFor(
        plans.size(),
        [&](std::size_t i, std::size_t worker) {
            const auto jpeg = renderers[worker].render(plans[i]);
            writeBytes(dir / plans[i].fileName, jpeg.data(), jpeg.size());
            out[i] = {contentHash(jpeg.data(), jpeg.size()), static_cast<std::int64_t>(jpeg.size())};
        },
        parallel);
    if (!completed)
        throw Error(ErrorCode::Cancelled, "demo generation cancelled while drawing images", dir.string());
    return out;
}

/// Writes every record of the demo as one transaction: labelers, images with their metadata,
/// assignments, and each simulated labeler working through their queue.
void fillProject(Store &store, const DemoOptions &o, const std::vector<SurfaceImage> &plans,
                 const std::vector<RenderedImage> &rendered, const std::string &imageDirName,
                 const std::vector<SimulatedLabeler> &labelers, const ProgressFn &progress)
{
    Id classIds[std::size(kDemoClassNames)] = {};
    for (std::size_t c = 0; c < std::size(kDemoClassNames); ++c)
        classIds[c] = findClass(store, kDemoClassNames[c]).id;

    // Everything is declared inside the unit of work: transaction() may run it again.
    store.transaction([&] {
        ensureLabeler(store, kLeadName, Role::Lead);
        std::vector<Id> labelerIds;
        labelerIds.reserve(labelers.size());
        for (const auto &l : labelers)
            labelerIds.push_back(store.addLabeler(l.name, Role::Labeler));

        std::unordered_map<Id, std::size_t> planOf;
        for (std::size_t i = 0; i < plans.size(); ++i) {
            ImageRecord r;
            r.path = imageDirName + "/" + plans[i].fileName;
            r.hash = rendered[i].hash;
            r.bytes = rendered[i].bytes;
            r.width = plans[i].width;
            r.height = plans[i].height;
            r.pxPerMm = plans[i].pxPerMm;
            const Id id = store.addImage(r);
            planOf.emplace(id, i);
            store.setAttribute({id, "camera", plans[i].camera, AttrSource::Imported});
            store.setAttribute({id, "lot", plans[i].lot, AttrSource::Imported});
        }

        DemoRandom assignSeed(o.seed, DemoRandom::Assignment);
        assignImages(store, o.overlap, assignSeed.next());

        const std::size_t total = plans.size() * static_cast<std::size_t>(o.overlap);
        std::size_t done = 0;
        for (std::size_t j = 0; j < labelers.size(); ++j) {
            for (const auto &entry : store.queue(labelerIds[j])) {
                const auto &plan = plans[planOf.at(entry.image)];
                const auto first = simulateLabel(o.seed, static_cast<int>(j), labelers[j], plan);
                if (entry.checkItem) { // a repeat: the first answer came earlier in the queue
                    const auto again = simulateRepeat(o.seed, static_cast<int>(j), labelers[j], plan, first);
                    std::vector<Annotation> shapes;
                    if (again.line)
                        shapes.push_back(makeLineAnnotation(
                            {again.line->x1, again.line->y1, again.line->x2, again.line->y2}, plan.pxPerMm));
                    answerCheck(store, *entry.checkItem, classIds[static_cast<std::size_t>(again.cls)], shapes);
                    continue;
                }
                const auto &d = first;
                std::vector<Annotation> annotations;
                if (d.line) // stored as a drawn line is: the same length the simulation judged by
                    annotations.push_back(
                        makeLineAnnotation({d.line->x1, d.line->y1, d.line->x2, d.line->y2}, plan.pxPerMm));
                // The objects, each with its own class (issue #17), after the measuring line.
                for (const auto &obj : simulateObjects(o.seed, static_cast<int>(j), labelers[j], plan)) {
                    const Segment at{obj.x1, obj.y1, obj.x2, obj.y2};
                    const Shape shape = obj.isBox ? Shape{BoxShape{at}} : Shape{LineShape{at}};
                    annotations.push_back(
                        makeAnnotation(shape, plan.pxPerMm, kDemoClassNames[static_cast<std::size_t>(obj.cls)]));
                }
                saveLabel(store, entry.image, labelerIds[j], classIds[static_cast<std::size_t>(d.cls)], annotations,
                          LabelSource::Manual);
                if (!reportProgress(progress, ++done, total, "labels"))
                    throw Error(ErrorCode::Cancelled, "demo generation cancelled while labeling",
                                store.path().string());
            }
        }
    });
}

std::string trueClass(const SurfaceImage &s)
{
    switch (s.defect) {
    case SurfaceDefect::Scratch: return s.lengthMm >= kReferenceStandardMm ? "scratch" : "ok";
    case SurfaceDefect::Dent: return "dent";
    case SurfaceDefect::None: break;
    }
    return "ok";
}

/// Every defect of an image as an object (issue #17): the main one first ("main": true), then
/// the further ones. Scratches as lines with their true length, dents as the ellipse and the box
/// around it.
nlohmann::json objectsJson(const SurfaceImage &s)
{
    using nlohmann::json;
    json out = json::array();
    const auto line = [&](double x1, double y1, double x2, double y2, double mm, bool main) {
        out.push_back({{"class", "scratch"},
                       {"kind", "line"},
                       {"main", main},
                       {"x1", x1},
                       {"y1", y1},
                       {"x2", x2},
                       {"y2", y2},
                       {"length_mm", mm}});
    };
    const auto dent = [&](double cx, double cy, double a, double b, double angle, bool main) {
        const PlainBox box = ellipseBox(cx, cy, a, b, angle);
        out.push_back({{"class", "dent"},
                       {"kind", "box"},
                       {"main", main},
                       {"x1", box.x1},
                       {"y1", box.y1},
                       {"x2", box.x2},
                       {"y2", box.y2},
                       {"ellipse", {{"cx", cx}, {"cy", cy}, {"a", a}, {"b", b}, {"angle_deg", angle}}}});
    };
    if (s.defect == SurfaceDefect::Scratch)
        line(s.x1, s.y1, s.x2, s.y2, s.lengthMm, true);
    if (s.defect == SurfaceDefect::Dent)
        dent(s.dentX, s.dentY, s.dentA, s.dentB, s.dentAngle, true);
    for (const auto &m : s.moreScratches)
        line(m.x1, m.y1, m.x2, m.y2, m.lengthMm, false);
    for (const auto &d : s.moreDents)
        dent(d.cx, d.cy, d.a, d.b, d.angleDeg, false);
    return out;
}

nlohmann::json truthJson(const DemoOptions &o, const std::vector<SurfaceImage> &plans, const std::string &imageDirName,
                         const std::vector<SimulatedLabeler> &labelers)
{
    using nlohmann::json;
    json j;
    j["format"] = "concord-demo-truth";
    j["version"] = 1;
    j["note"] = "Ground truth of a generated demo, for tests and for checking Concord's findings. "
                "Concord itself never reads this file.";
    j["seed"] = o.seed;
    j["options"] = {{"images", o.images}, {"labelers", o.labelers}, {"overlap", o.overlap},
                    {"seed", o.seed},     {"px_per_mm", o.pxPerMm}, {"repeat_share", o.repeatShare}};
    j["reference_standard_mm"] = kReferenceStandardMm;
    j["true_class_rule"] = "scratch if the image has a scratch of true_length_mm >= reference_standard_mm; "
                           "ok for a shorter scratch or a clean image; dent for a dent";
    j["lead"] = kLeadName;
    j["labelers"] = json::array();
    for (const auto &l : labelers)
        j["labelers"].push_back({{"name", l.name},
                                 {"threshold_mm", l.thresholdMm},
                                 {"object_threshold_mm", l.thresholdMm},
                                 {"error_rate", l.errorRate},
                                 {"inconsistency", l.inconsistency},
                                 {"expected_self_agreement", 1.0 - l.inconsistency}});
    // |U1 − U2| of two independent errors uniform on ±a has mean 2a/3.
    j["repeat_measurement_mean_abs_diff_mm"] = 2.0 * kMeasureErrorMm / 3.0;
    j["objects_model"] = {
        {"note", "how the simulated labelers draw objects (docs/DEMO.md, 'Objects'); the main scratch's measuring "
                 "line takes the image's class, every other object its own"},
        {"scratch_drawn_when", "measured length (true length + uniform ±measure_error_mm) >= the labeler's "
                               "threshold_mm"},
        {"measure_error_mm", kMeasureErrorMm},
        {"line_end_jitter_mm", kLineEndJitterMm},
        {"box_edge_jitter_share", kBoxEdgeJitter},
        {"extra_mark_rate", kExtraMarkRate},
        {"extra_mark", "a square dent box, side uniform in 0.5-1.2 mm, anywhere 24 px from the border"}};
    j["images"] = json::array();
    for (const auto &s : plans) {
        json img{{"path", imageDirName + "/" + s.fileName},
                 {"true_class", trueClass(s)},
                 {"defect", s.defect == SurfaceDefect::Scratch ? "scratch"
                            : s.defect == SurfaceDefect::Dent  ? "dent"
                                                               : "none"},
                 {"true_length_mm", nullptr},
                 {"camera", s.camera},
                 {"lot", s.lot}};
        if (s.defect == SurfaceDefect::Scratch) {
            img["true_length_mm"] = s.lengthMm;
            img["scratch"] = {{"x1", s.x1}, {"y1", s.y1}, {"x2", s.x2}, {"y2", s.y2}};
        } else if (s.defect == SurfaceDefect::Dent) {
            img["dent"] = {
                {"cx", s.dentX}, {"cy", s.dentY}, {"a", s.dentA}, {"b", s.dentB}, {"angle_deg", s.dentAngle}};
        }
        img["objects"] = objectsJson(s);
        j["images"].push_back(std::move(img));
    }
    return j;
}

void removeQuietly(const fs::path &p)
{
    std::error_code ec;
    fs::remove_all(p, ec);
}

} // namespace

DemoResult generateDemo(const fs::path &projectFile, const DemoOptions &options, const ProgressFn &progress)
{
    validate(options);
    DemoResult result;
    result.project = fs::absolute(projectFile);
    const fs::path folder = result.project.parent_path();
    const std::string stem = result.project.stem().string();
    const std::string imageDirName = stem + "-images";
    result.imageDir = folder / imageDirName;
    result.truthFile = folder / (stem + ".truth.json");
    const fs::path truthTemp = folder / (stem + ".truth.json.tmp");

    if (stem.empty())
        throw Error(ErrorCode::Invalid, "the project file needs a name", projectFile.string());
    if (!fs::is_directory(folder))
        throw Error(ErrorCode::Io, "the folder does not exist", folder.string());
    refuseExisting(result.project, "the project file");
    refuseExisting(result.imageDir, "the image folder");
    refuseExisting(result.truthFile, "the ground-truth file");

    // From here on, everything we create is removed again if anything fails.
    bool madeImageDir = false;
    bool madeProject = false;
    std::unique_ptr<Store> store;
    try {
        std::error_code ec;
        madeImageDir = fs::create_directory(result.imageDir, ec);
        if (!madeImageDir)
            throw Error(ErrorCode::Io, "could not create the image folder" + (ec ? ": " + ec.message() : ""),
                        result.imageDir.string());

        std::vector<SurfaceImage> plans;
        plans.reserve(static_cast<std::size_t>(options.images));
        for (int i = 0; i < options.images; ++i)
            plans.push_back(planSurfaceImage(options.seed, i, options.images, options.pxPerMm));
        const auto rendered = renderImages(plans, result.imageDir, options.threads, progress);
        const auto labelers = makeSimulatedLabelers(options.seed, options.labelers);

        ProjectSettings settings;
        settings.name = stem;
        settings.pxPerMm = options.pxPerMm;
        settings.overlap = options.overlap;
        settings.repeatShare = options.repeatShare;
        std::vector<std::string> classNames(std::begin(kDemoClassNames), std::end(kDemoClassNames));
        store = initProject(result.project, settings, classNames);
        madeProject = true;
        fillProject(*store, options, plans, rendered, imageDirName, labelers, progress);
        result.images = store->imageCount();
        result.labels = store->labelCount();
        store.reset(); // close: checkpoints the WAL so the project is one file again

        const std::string text = truthJson(options, plans, imageDirName, labelers).dump(2) + "\n";
        writeBytes(truthTemp, text.data(), text.size());
        std::error_code renameError;
        fs::rename(truthTemp, result.truthFile, renameError);
        if (renameError)
            throw Error(ErrorCode::Io, "could not move the ground-truth file into place: " + renameError.message(),
                        result.truthFile.string());
    } catch (...) {
        store.reset();
        removeQuietly(truthTemp);
        if (madeProject) {
            for (const char *suffix : {"", "-wal", "-shm", "-journal"})
                removeQuietly(result.project.string() + suffix);
        }
        if (madeImageDir)
            removeQuietly(result.imageDir);
        throw;
    }
    return result;
}

} // namespace concord::core
