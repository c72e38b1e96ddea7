// SPDX-License-Identifier: GPL-3.0-or-later
// Local brightness and contrast under an object (issue #17, core/clusters/objectstats.h): on
// synthetic images painted by hand and written to PNG, every expected number is worked out in
// the comments; one value is cross-checked against an independent numpy reference. Then the
// same numbers through the object clusters and an object rule's preview, apply and undo, on
// both backends.
#include "core/clusters/imagestats.h"
#include "core/clusters/objectclusters.h"
#include "core/clusters/objectstats.h"
#include "core/imaging/image_import.h"
#include "core/imaging/image_probe.h"
#include "core/project/project_ops.h"
#include "core/standards/rule.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardpreview.h"
#include "store_backends.h"
#include "test_printers.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <sstream>

using namespace concord::core;
using concord_test::addBackendRows;
using concord_test::freshLocation;

namespace {

/// A grey image of `w` × `h` at `background`, with the pixels (x, y) of `x0..x1-1 × y0..y1-1`
/// painted `value`.
cv::Mat plate(int w, int h, int background)
{
    return cv::Mat(h, w, CV_8U, cv::Scalar(background));
}

void paint(cv::Mat &m, int x0, int y0, int x1, int y1, int value)
{
    m(cv::Rect(x0, y0, x1 - x0, y1 - y0)).setTo(cv::Scalar(value));
}

Annotation boxAnnotation(double x1, double y1, double x2, double y2, Id cls)
{
    std::ostringstream g;
    g << R"({"x1":)" << x1 << R"(,"y1":)" << y1 << R"(,"x2":)" << x2 << R"(,"y2":)" << y2 << "}";
    Annotation a{0, 0, AnnotationKind::Box, g.str(), 0.0, {}, (x2 - x1) * (y2 - y1)};
    a.classId = cls;
    return a;
}

} // namespace

class TestObjectStats : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// Writes `image` as a PNG and reads it back the way the engines do (loadImage, statsImage).
    StatsImage throughPng(const cv::Mat &image, const std::string &name)
    {
        const std::filesystem::path file = std::filesystem::path(m_dir.path().toStdString()) / (name + ".png");
        if (!cv::imwrite(file.string(), image))
            throw std::runtime_error("cannot write " + file.string());
        return statsImage(loadImage(file));
    }

    /// Two images of 80 × 60 at 200 in `folder`: plate.png with a dark box (60) at pixels
    /// 10..29 × 20..29 and a faint one (195) at 50..69 × 20..29; blank.png without marks.
    static void writePlates(const std::filesystem::path &folder)
    {
        std::filesystem::create_directories(folder);
        cv::Mat m = plate(80, 60, 200);
        paint(m, 10, 20, 30, 30, 60);
        paint(m, 50, 20, 70, 30, 195);
        cv::imwrite((folder / "plate.png").string(), m);
    }

    /// A project (10 px/mm) with plate.png imported and a missing image ghost.png; ana and ben
    /// each box both marks of plate.png as scratch and one mark on ghost.png.
    std::unique_ptr<Store> makeProject(const QString &backend, const std::string &name)
    {
        const std::filesystem::path folder = std::filesystem::path(m_dir.path().toStdString()) / (name + "-images");
        writePlates(folder);
        auto store = initProject(freshLocation(backend, m_dir, name), {"pixels", 10.0, 2, false}, {"ok", "scratch"});
        const auto imported = importImageFolder(*store, folder);
        if (imported.added != 1)
            throw std::runtime_error("plate.png was not imported");
        const Id plateId = imported.addedIds.front();
        ImageRecord ghost;
        ghost.path = "ghost.png"; // no such file, and no bytes on a server
        ghost.hash = "0123456789abcdef0123456789abcdef";
        ghost.width = 80;
        ghost.height = 60;
        const Id ghostId = store->addImage(ghost);
        const Id scratch = store->classByName("scratch")->id;
        for (const char *who : {"ana", "ben"}) {
            const Id labeler = store->addLabeler(who, Role::Labeler);
            saveLabel(*store, plateId, labeler, scratch,
                      {boxAnnotation(10, 20, 30, 30, scratch), boxAnnotation(50, 20, 70, 30, scratch)});
            saveLabel(*store, ghostId, labeler, scratch, {boxAnnotation(10, 20, 30, 30, scratch)});
        }
        return store;
    }

    static Id addRule(Store &store, const std::string &rule)
    {
        Standard s;
        s.title = "Faint marks";
        s.body = "A mark that hardly differs from the steel around it is not a scratch.";
        s.rule = rule;
        return store.addStandard(s);
    }

private slots:

    void initTestCase() { QVERIFY(m_dir.isValid()); }

    /// 100 × 60 at 200, pixels 10..29 × 20..29 at 60; the box (10, 20)-(30, 30) covers exactly
    /// those 20 × 10 = 200 pixels: brightness 60. r = max(3, round(0.25 × 10)) = 3; the ring is
    /// every pixel within 3 of the box: 2 × 20 × 3 + 2 × 10 × 3 = 180 along the sides plus, per
    /// corner, (a, b) ≥ 1 with a² + b² ≤ 9: (1,1) (1,2) (2,1) (2,2) = 4, so 196, all at 200:
    /// contrast 60 − 200 = −140 (darker than around it), contrast_abs 140.
    void box()
    {
        cv::Mat m = plate(100, 60, 200);
        paint(m, 10, 20, 30, 30, 60);
        const StatsImage image = throughPng(m, "box");
        QCOMPARE(image.scale, 1.0);
        const ObjectPixelStats s = objectPixelStats(image.grey, BoxShape{{10, 20, 30, 30}}, image.scale);
        QCOMPARE(s.pixels, std::int64_t(200));
        QCOMPARE(s.brightness, 60.0);
        QCOMPARE(s.ringRadius, 3);
        QCOMPARE(s.ringPixels, std::int64_t(196));
        QCOMPARE(s.contrast, -140.0);
        const auto attrs = s.attributes();
        QCOMPARE(attrs.size(), std::size_t(3));
        QCOMPARE(attrs[2].first, std::string("contrast_abs"));
        QCOMPARE(std::get<double>(attrs[2].second), 140.0);
        // A colour image gives the same: the grey conversion is imagestats' (B = G = R).
        cv::Mat colour;
        cv::cvtColor(m, colour, cv::COLOR_GRAY2BGR);
        const StatsImage viaColour = throughPng(colour, "box-colour");
        QCOMPARE(objectPixelStats(viaColour.grey, BoxShape{{10, 20, 30, 30}}).contrast, -140.0);
    }

    /// A U: (10,10) (40,10) (40,40) (30,40) (30,20) (20,20) (20,40) (10,40), painted 30 on 130:
    /// rows 10..19 × columns 10..39 (300 pixels) and rows 20..39 × columns 10..19 and 30..39
    /// (400): 700 pixels, four crossings per row in the arms (even–odd). Everything else is 130,
    /// the gap of the U included, so the ring (r = round(0.25 × 30) = 8) averages 130: contrast
    /// −100.
    void polygon()
    {
        cv::Mat m = plate(60, 60, 130);
        paint(m, 10, 10, 40, 20, 30);
        paint(m, 10, 20, 20, 40, 30);
        paint(m, 30, 20, 40, 40, 30);
        const StatsImage image = throughPng(m, "polygon");
        const PolygonShape u{{{10, 10}, {40, 10}, {40, 40}, {30, 40}, {30, 20}, {20, 20}, {20, 40}, {10, 40}}};
        const ObjectPixelStats s = objectPixelStats(image.grey, u);
        QCOMPARE(s.pixels, std::int64_t(700));
        QCOMPARE(s.brightness, 30.0);
        QCOMPARE(s.ringRadius, 8);
        QCOMPARE(s.contrast, -100.0);
    }

    /// The line (10.5, 30.5)-(49.5, 30.5): pixel centres within 2.5 of it. Along it, columns
    /// 10..49 (centres 10.5..49.5) × rows 28..32 (|dy| ≤ 2): 200. Each round end: the column
    /// one further (dx = 1, dy² ≤ 5.25: rows 28..32) 5, the next (dx = 2, dy² ≤ 2.25: rows
    /// 29..31) 3, then none (dx = 3): 2 × 8 = 16, so 216. Painted 40 by hand on 200: brightness
    /// 40, contrast −160.
    void lineBand()
    {
        cv::Mat m = plate(60, 60, 200);
        paint(m, 9, 28, 51, 33, 40);  // columns 9..50, rows 28..32
        paint(m, 8, 29, 9, 32, 40);   // column 8, rows 29..31
        paint(m, 51, 29, 52, 32, 40); // column 51, rows 29..31
        const StatsImage image = throughPng(m, "line");
        const ObjectPixelStats s = objectPixelStats(image.grey, LineShape{{10.5, 30.5, 49.5, 30.5}});
        QCOMPARE(s.pixels, std::int64_t(216));
        QCOMPARE(s.brightness, 40.0);
        QCOMPARE(s.ringRadius, 3); // max(3, round(0.25 × 5))
        QCOMPARE(s.contrast, -160.0);
    }

    /// The point (30.5, 20.5), the centre of pixel (30, 20): the disc of radius 3 holds the
    /// offsets with dx² + dy² ≤ 9: 7 + 2 × 5 + 2 × 5 + 2 = 29 pixels. A bright speck (250) on
    /// 100: brightness 250, contrast +150.
    void pointDisc()
    {
        cv::Mat m = plate(60, 40, 100);
        for (int dy = -3; dy <= 3; ++dy)
            for (int dx = -3; dx <= 3; ++dx)
                if (dx * dx + dy * dy <= 9)
                    m.at<std::uint8_t>(20 + dy, 30 + dx) = 250;
        const StatsImage image = throughPng(m, "point");
        const ObjectPixelStats s = objectPixelStats(image.grey, PointShape{{30.5, 20.5}});
        QCOMPARE(s.pixels, std::int64_t(29));
        QCOMPARE(s.brightness, 250.0);
        QCOMPARE(s.contrast, 150.0);
    }

    /// A box in the top-left corner, pixels 0..9 × 0..5 at 60 on 200: the ring is clipped to
    /// the image, so only its right side (6 rows × 3), its bottom (10 × 3) and the one corner
    /// (4) remain: 52. Contrast still −140. A box reaching out of the image measures the part
    /// inside; one wholly outside has no value at all.
    void touchesTheBorder()
    {
        cv::Mat m = plate(50, 40, 200);
        paint(m, 0, 0, 10, 6, 60);
        const StatsImage image = throughPng(m, "border");
        const ObjectPixelStats s = objectPixelStats(image.grey, BoxShape{{0, 0, 10, 6}});
        QCOMPARE(s.pixels, std::int64_t(60));
        QCOMPARE(s.ringRadius, 3); // max(3, round(1.5))
        QCOMPARE(s.ringPixels, std::int64_t(52));
        QCOMPARE(s.brightness, 60.0);
        QCOMPARE(s.contrast, -140.0);
        const ObjectPixelStats out = objectPixelStats(image.grey, BoxShape{{-5, -5, 10, 6}});
        QCOMPARE(out.pixels, std::int64_t(60));
        QCOMPARE(out.ringPixels, std::int64_t(52));
        QCOMPARE(out.contrast, -140.0);
        const ObjectPixelStats gone = objectPixelStats(image.grey, BoxShape{{60, 50, 80, 70}});
        QCOMPARE(gone.pixels, std::int64_t(0));
        QVERIFY(std::isnan(gone.brightness));
        QVERIFY(gone.attributes().empty());
        // A box over the whole image has no ring: brightness only.
        const ObjectPixelStats all = objectPixelStats(image.grey, BoxShape{{0, 0, 50, 40}});
        QCOMPARE(all.ringPixels, std::int64_t(0));
        QVERIFY(std::isnan(all.contrast));
        QCOMPARE(all.attributes().size(), std::size_t(1));
    }

    /// A triangle and a slanted line on a textured image, against numpy: the image
    /// v(x, y) = (7x + 13y + (x·y mod 17)) mod 256, 64 × 56, and the definitions of
    /// objectstats.h written again independently (ray casting per pixel centre, distance to
    /// the segment, the ring by brute-force distances to every pixel under the shape). The
    /// script, tests/reference/object_pixels.py (python3 + numpy 1.24.2, Debian 12), run once,
    /// printed
    ///   triangle r=9 brightness=120.7260726073 contrast=-13.6896950276 pixels=606 ring=1205
    ///   line r=3 brightness=174.5403508772 contrast=44.9002409871 pixels=285 ring=364
    void matchesNumpy()
    {
        cv::Mat m(56, 64, CV_8U);
        for (int y = 0; y < m.rows; ++y)
            for (int x = 0; x < m.cols; ++x)
                m.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>((x * 7 + y * 13 + (x * y) % 17) % 256);
        const StatsImage image = throughPng(m, "texture");
        const ObjectPixelStats tri =
            objectPixelStats(image.grey, PolygonShape{{{12.3, 8.7}, {47.9, 15.2}, {20.4, 44.1}}});
        QCOMPARE(tri.ringRadius, 9);
        QCOMPARE(tri.pixels, std::int64_t(606));
        QCOMPARE(tri.ringPixels, std::int64_t(1205));
        QVERIFY(std::abs(tri.brightness - 120.7260726073) < 1e-9);
        QVERIFY(std::abs(tri.contrast - -13.6896950276) < 1e-9);
        const ObjectPixelStats line = objectPixelStats(image.grey, LineShape{{5.5, 50.2, 55.1, 30.3}});
        QCOMPARE(line.pixels, std::int64_t(285));
        QCOMPARE(line.ringPixels, std::int64_t(364));
        QVERIFY(std::abs(line.brightness - 174.5403508772) < 1e-9);
        QVERIFY(std::abs(line.contrast - 44.9002409871) < 1e-9);
    }

    /// An image larger than kStatsMaxSide is measured shrunk, the shape with it: 4096 × 100 at
    /// 200 with pixels 1000..1199 × 20..59 at 60 halves exactly (INTER_AREA averages 2 × 2
    /// blocks) into 500..599 × 10..29, a box of 100 × 20 with r = 5: still 60 and −140.
    void shrinksLargeImages()
    {
        cv::Mat m = plate(4096, 100, 200);
        paint(m, 1000, 20, 1200, 60, 60);
        const StatsImage image = throughPng(m, "wide");
        QCOMPARE(image.scale, 2.0);
        const ObjectPixelStats s = objectPixelStats(image.grey, BoxShape{{1000, 20, 1200, 60}}, image.scale);
        QCOMPARE(s.pixels, std::int64_t(2000));
        QCOMPARE(s.ringRadius, 5);
        QCOMPARE(s.brightness, 60.0);
        QCOMPARE(s.contrast, -140.0);
    }

    /// measureObjectPixels: each image once; a file that cannot be read is a failure of its own
    /// whose shapes have no values, never an error.
    void unreadableImagesAreCounted()
    {
        const std::filesystem::path folder = std::filesystem::path(m_dir.path().toStdString()) / "measure";
        writePlates(folder);
        const auto measured = measureObjectPixels(
            {folder / "plate.png", folder / "missing.png", folder / "plate.png"},
            {{BoxShape{{10, 20, 30, 30}}, BoxShape{{50, 20, 70, 30}}}, {BoxShape{{10, 20, 30, 30}}}, {}});
        QCOMPARE(measured.failures.size(), std::size_t(1));
        QCOMPARE(measured.failures.front().first, std::size_t(1));
        QCOMPARE(measured.objectsWithout, std::int64_t(1));
        QCOMPARE(measured.stats[0][0].contrast, -140.0);
        QCOMPARE(measured.stats[0][1].contrast, -5.0); // 195 on 200
        QVERIFY(std::isnan(measured.stats[1][0].brightness));
        QVERIFY(measured.stats[2].empty());
    }

    /// The object clusters read the pixels of a project's images: the dark mark has contrast
    /// −140, the faint one −5; the ghost image cannot be read and its object is counted.
    void clustersMeasureThePixels()
    {
        auto store = makeProject("sqlite", "clusters");
        const ObjectClusterInput in = objectClusterInputFromStore(*store);
        QVERIFY(in.pixelsRead);
        QCOMPARE(in.objects.size(), std::size_t(3));
        QCOMPARE(in.unreadableImages.size(), std::size_t(1));
        QCOMPARE(in.unreadableImages.front().first, std::string("ghost.png"));
        QCOMPARE(in.objectsWithoutPixels, std::int64_t(1));
        const auto &names = objectClusterAttributes();
        const auto at = [&](const std::string &n) {
            return static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin());
        };
        std::vector<double> contrasts;
        for (const ClusterObject &o : in.objects)
            contrasts.push_back(o.values[at("contrast")]);
        std::sort(contrasts.begin(), contrasts.end(),
                  [](double a, double b) { return std::isnan(b) ? !std::isnan(a) : !std::isnan(a) && a < b; });
        QCOMPARE(contrasts[0], -140.0);
        QCOMPARE(contrasts[1], -5.0);
        QVERIFY(std::isnan(contrasts[2]));
        // Without pixels nothing is decoded and nothing is reported.
        const ObjectClusterInput plain = objectClusterInputFromStore(*store, {}, false);
        QVERIFY(!plain.pixelsRead);
        QVERIFY(std::isnan(plain.objects.front().values[at("brightness")]));
    }

    /// `for objects of class scratch: drop if contrast_abs < 10` on the project above: the two
    /// faint boxes (|195 − 200| = 5) are dropped, the dark ones (140) stay, the two on the ghost
    /// image are undecided (unknown contrast), and apply and undo do exactly that.
    void ruleReadsContrast_data() { addBackendRows(); }
    void ruleReadsContrast()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "rule");
        const Id sid = addRule(*store, "for objects of class scratch: drop if contrast_abs < 10");
        const StandardPreview p = previewStandard(*store, sid);
        QCOMPARE(p.objectsInScope, std::int64_t(6));
        QCOMPARE(p.objectsUndecided, std::int64_t(2)); // on ghost.png
        QCOMPARE(p.objectsDecided, std::int64_t(4));
        QCOMPARE(p.objectChanges.size(), std::size_t(2));
        for (const ObjectChange &ch : p.objectChanges) {
            QVERIFY(ch.drop);
            QCOMPARE(ch.decidedBy.at(0).first, std::string("contrast_abs"));
            QCOMPARE(std::get<double>(ch.decidedBy.at(0).second), 5.0);
        }
        const ApplyResult applied = applyStandard(*store, sid);
        QCOMPARE(applied.preview.objectChanges.size(), std::size_t(2)); // the same function
        QCOMPARE(previewStandard(*store, sid).objectChanges.size(), std::size_t(0));
        const UndoResult undone = undoStandardApply(*store, applied.auditId);
        QCOMPARE(undone.objects, std::int64_t(2));

        // brightness reads the object's own grey level, not the image's attribute.
        const Id bright = addRule(*store, "for objects of class scratch: drop if brightness > 100");
        const StandardPreview b = previewStandard(*store, bright);
        QCOMPARE(b.objectChanges.size(), std::size_t(2));
        QCOMPARE(std::get<double>(b.objectChanges.front().decidedBy.at(0).second), 195.0);
    }

    /// A rule that reads no pixel attribute never decodes an image: the ghost image does not
    /// make its objects undecided.
    void ruleWithoutPixelsReadsNoImage()
    {
        auto store = makeProject("sqlite", "nopixels");
        const Id sid = addRule(*store, "for objects of class scratch: drop if width_px < 5");
        const StandardPreview p = previewStandard(*store, sid);
        QCOMPARE(p.objectsInScope, std::int64_t(6));
        QCOMPARE(p.objectsUndecided, std::int64_t(0));
        QCOMPARE(p.objectChanges.size(), std::size_t(0));
        // The names are known to the rule checker without any computed image attribute.
        checkRule("for objects: drop if contrast < -10 or brightness > 100 or contrast_abs < 5", *store);
    }
};

QTEST_GUILESS_MAIN(TestObjectStats)
#include "tst_objectstats.moc"
