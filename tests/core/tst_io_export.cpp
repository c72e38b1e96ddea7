// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset export (core/io): final-label precedence, round trips through the import, the
// numbers each format writes, safe names, CSV formula escaping and face blurring.
#include "io_test_project.h"

#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/io/datasetexporter.h"
#include "core/io/exportfiles.h"
#include "core/io/exportnames.h"
#include "core/io/faceblurrer.h"
#include "core/io/labelimporter.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include <sys/resource.h>

using namespace concord::core;
using iotest::qs;

namespace {

std::string readAll(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// A drawn frontal face (dark eye sockets and brows, a bright nose bridge, a mouth) that
/// OpenCV's frontal-face Haar cascade detects, at the left of a 650 × 300 canvas whose right
/// 300 columns are seeded noise.
cv::Mat faceImage()
{
    cv::Mat gray(300, 650, CV_8UC1, cv::Scalar(90));
    cv::Mat noise(300, 300, CV_8UC1);
    cv::RNG rng(7);
    rng.fill(noise, cv::RNG::UNIFORM, 0, 255);
    noise.copyTo(gray(cv::Rect(350, 0, 300, 300)));
    cv::ellipse(gray, {150, 155}, {80, 105}, 0, 0, 360, cv::Scalar(190), cv::FILLED);
    cv::ellipse(gray, {150, 80}, {85, 45}, 0, 180, 360, cv::Scalar(40), cv::FILLED);
    cv::ellipse(gray, {115, 135}, {26, 14}, 0, 0, 360, cv::Scalar(60), cv::FILLED);
    cv::ellipse(gray, {185, 135}, {26, 14}, 0, 0, 360, cv::Scalar(60), cv::FILLED);
    cv::line(gray, {88, 115}, {140, 112}, cv::Scalar(50), 7);
    cv::line(gray, {160, 112}, {212, 115}, cv::Scalar(50), 7);
    cv::ellipse(gray, {150, 180}, {14, 8}, 0, 0, 360, cv::Scalar(120), cv::FILLED);
    cv::ellipse(gray, {150, 215}, {32, 9}, 0, 0, 360, cv::Scalar(70), cv::FILLED);
    cv::Mat bgr;
    cv::cvtColor(gray, bgr, cv::COLOR_GRAY2BGR);
    return bgr;
}

} // namespace

class TestIoExport : public QObject
{
    Q_OBJECT

private:
    iotest::Workspace m_ws;

    static void label(Store &store, const std::string &image, const std::string &who, const std::string &cls,
                      std::vector<Annotation> anns = {}, LabelSource source = LabelSource::Manual)
    {
        const auto img = findImage(store, image);
        const auto l = ensureLabeler(store, who);
        saveLabel(store, img.id, l.id, findClass(store, cls).id, anns, source);
    }

    static Annotation box(double x1, double y1, double x2, double y2)
    {
        Annotation a;
        a.kind = AnnotationKind::Box;
        a.geometry = nlohmann::json{{"x1", x1}, {"y1", y1}, {"x2", x2}, {"y2", y2}}.dump();
        return a;
    }

    static const ExportItem &item(const ExportDataset &ds, const std::string &path)
    {
        for (const auto &i : ds.items)
            if (i.image.path == path)
                return i;
        qFatal("no item %s", path.c_str());
    }

private slots:
    /// Four images, three labelers. By hand: i1 ok (2 of 3; agreeing pairs 1 of 3), i2 scratch
    /// (unanimous; alice and bob drew the box 10,20-40,60, its consensus object with 2 members
    /// of 3, and bob alone a box 0,0-5,5, unresolved: 1 member of 3 is below the quorum of 2),
    /// i3 dent (2 of 3), i4 a tie.
    void initTestCase()
    {
        QVERIFY(m_ws.dir.isValid());
        m_ws.pristine = m_ws.root() / "export.concord";
        ProjectSettings s;
        s.name = "export";
        auto store = initProject(m_ws.pristine, s, {"ok", "scratch", "dent"});
        iotest::addImage(*store, m_ws.root(), "a/i1.png", iotest::plainImage(200, 100, 11));
        iotest::addImage(*store, m_ws.root(), "a/i2.png", iotest::plainImage(200, 100, 12));
        iotest::addImage(*store, m_ws.root(), "b/i3.png", iotest::plainImage(200, 100, 13));
        iotest::addImage(*store, m_ws.root(), "i4.png", iotest::plainImage(200, 100, 14));
        label(*store, "a/i1.png", "alice", "ok");
        label(*store, "a/i1.png", "bob", "ok");
        label(*store, "a/i1.png", "carl", "scratch");
        label(*store, "a/i2.png", "alice", "scratch", {box(10, 20, 40, 60)});
        label(*store, "a/i2.png", "bob", "scratch", {box(0, 0, 5, 5), box(10, 20, 40, 60)});
        label(*store, "a/i2.png", "carl", "scratch");
        label(*store, "b/i3.png", "alice", "dent");
        label(*store, "b/i3.png", "bob", "ok");
        label(*store, "b/i3.png", "carl", "dent");
        label(*store, "i4.png", "alice", "ok");
        label(*store, "i4.png", "bob", "scratch");
    }

    void majorityConsensus()
    {
        auto store = openProject(m_ws.pristine, OpenMode::ReadOnly);
        const auto ds = buildExportDataset(*store, {});
        const auto &i1 = item(ds, "a/i1.png");
        QCOMPARE(qs(i1.finalClass), QStringLiteral("ok"));
        QVERIFY(i1.source == FinalSource::Consensus);
        QCOMPARE(i1.consensusConfidence, 2.0 / 3.0);
        QCOMPARE(i1.agreement, 1.0 / 3.0);
        QCOMPARE(i1.labels.size(), std::size_t(3));
        const auto &i2 = item(ds, "a/i2.png");
        QCOMPARE(qs(i2.finalClass), QStringLiteral("scratch"));
        QCOMPARE(i2.boxes.size(), std::size_t(1));
        QCOMPARE(i2.boxes[0].x1, 10.0);
        QCOMPARE(i2.boxes[0].y2, 60.0);
        QCOMPARE(i2.objects.size(), std::size_t(1));
        QCOMPARE(i2.objects[0].members.size(), std::size_t(2));
        QCOMPARE(i2.unresolvedObjects.size(), std::size_t(1));
        QCOMPARE(qs(i2.unresolvedObjects[0].members[0].labeler), QStringLiteral("bob"));
        QCOMPARE(i2.unresolvedObjects[0].points[1].first, 5.0);
        QCOMPARE(qs(item(ds, "b/i3.png").finalClass), QStringLiteral("dent"));
        const auto &i4 = item(ds, "i4.png");
        QVERIFY(i4.source == FinalSource::Unresolved);
        QVERIFY(!i4.included);
        QVERIFY(qs(i4.unresolvedReason).contains(u"tie"));

        // A minimum agreement of 0.5 drops i1 (1/3) and i3 (1/3) but not the unanimous i2.
        ExportOptions strict;
        strict.minAgreement = 0.5;
        const auto ds2 = buildExportDataset(*store, strict);
        QVERIFY(item(ds2, "a/i1.png").source == FinalSource::Unresolved);
        QVERIFY(item(ds2, "b/i3.png").source == FinalSource::Unresolved);
        QVERIFY(item(ds2, "a/i2.png").source == FinalSource::Consensus);

        ExportOptions dsOptions;
        dsOptions.consensus = ConsensusMethod::DawidSkene;
        const auto ds3 = buildExportDataset(*store, dsOptions);
        QCOMPARE(qs(item(ds3, "a/i2.png").finalClass), QStringLiteral("scratch"));
        QVERIFY(item(ds3, "a/i2.png").consensusConfidence > 0.5);
    }

    /// Decision beats standard beats consensus.
    void precedence()
    {
        auto store = openProject(m_ws.freshProject());
        const auto lead = ensureLabeler(*store, "lead", Role::Lead);
        Decision d;
        d.image = findImage(*store, "i4.png").id;
        d.labelClass = findClass(*store, "dent").id;
        d.by = lead.id;
        d.note = "looked at it";
        store->setDecision(d);
        // A standard rewrites bob's label on i3 to ok: the only standard label, so it wins over
        // the consensus dent.
        label(*store, "b/i3.png", "bob", "ok", {}, LabelSource::Standard);
        const auto ds = buildExportDataset(*store, {});
        const auto &i4 = item(ds, "i4.png");
        QVERIFY(i4.source == FinalSource::Decision);
        QCOMPARE(qs(i4.finalClass), QStringLiteral("dent"));
        QCOMPARE(qs(i4.decidedBy), QStringLiteral("lead"));
        const auto &i3 = item(ds, "b/i3.png");
        QVERIFY(i3.source == FinalSource::Standard);
        QCOMPARE(qs(i3.finalClass), QStringLiteral("ok"));
        QCOMPARE(qs(i3.consensusClass), QStringLiteral("dent"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("input"); // what the import reads, relative to the export folder
        QTest::addColumn<bool>("boxes");
        QTest::newRow("coco") << "coco"
                              << "annotations.json" << true;
        QTest::newRow("csv") << "csv"
                             << "labels.csv" << false;
        QTest::newRow("labelme") << "labelme"
                                 << "images" << true;
        QTest::newRow("labelstudio") << "labelstudio"
                                     << "labelstudio.json" << true;
    }

    /// Export, import the result as a new labeler: the same final labels (and boxes) come back.
    void roundTrip()
    {
        QFETCH(QString, format);
        QFETCH(QString, input);
        QFETCH(bool, boxes);
        auto store = openProject(m_ws.freshProject());
        ExportRequest req;
        req.format = format.toStdString();
        req.outDir = m_ws.freshDir();
        const auto rep = exportDataset(*store, req);
        QCOMPARE(rep.exported, std::int64_t(3));
        QCOMPARE(rep.unresolved, std::int64_t(1));
        ImportOptions o;
        o.format = req.format;
        o.labeler = "roundtrip";
        importLabels(*store, req.outDir / input.toStdString(), o);
        QStringList mine;
        for (const auto &l : iotest::labelList(*store))
            if (l.startsWith(u"roundtrip:"))
                mine << l;
        QCOMPARE(mine, (QStringList{"roundtrip:a/i1.png=ok", "roundtrip:a/i2.png=scratch", "roundtrip:b/i3.png=dent"}));
        const auto img2 = findImage(*store, "a/i2.png");
        const auto rt = store->labelerByName("roundtrip");
        const auto l2 = store->label(img2.id, rt->id);
        const auto anns = store->annotationsOfLabel(l2->id);
        QCOMPARE(anns.size(), std::size_t(boxes ? 1 : 0));
        if (boxes) {
            const auto g = nlohmann::json::parse(anns[0].geometry);
            QCOMPARE(g["x1"].get<double>(), 10.0);
            QCOMPARE(g["y1"].get<double>(), 20.0);
            QCOMPARE(g["x2"].get<double>(), 40.0);
            QCOMPARE(g["y2"].get<double>(), 60.0);
        }
    }

    /// YOLO by hand: box 10,20-40,60 on 200 × 100 → centre (25/200, 40/100), size (30/200, 40/100).
    void yoloNumbers()
    {
        auto store = openProject(m_ws.pristine, OpenMode::ReadOnly);
        ExportRequest req;
        req.format = "yolo";
        req.outDir = m_ws.freshDir();
        exportDataset(*store, req);
        QCOMPARE(qs(readAll(req.outDir / "labels" / "a" / "i2.txt")), QStringLiteral("1 0.125 0.4 0.15 0.4\n"));
        QCOMPARE(qs(readAll(req.outDir / "labels" / "a" / "i1.txt")), QString());
        QVERIFY(!std::filesystem::exists(req.outDir / "labels" / "i4.txt"));
        QVERIFY(std::filesystem::exists(req.outDir / "images" / "b" / "i3.png"));
        const auto yaml = qs(readAll(req.outDir / "data.yaml"));
        QVERIFY(yaml.contains(u"nc: 3\n"));
        QVERIFY(yaml.contains(u"  0: \"ok\"\n  1: \"scratch\"\n  2: \"dent\"\n"));
        const auto unresolved = qs(readAll(req.outDir / "unresolved.csv"));
        QVERIFY(unresolved.contains(u"i4.png,tie between labelers"));
    }

    /// Objects are the consensus of all labelers, never one labeler's shapes. One image of
    /// 200 × 100, three labelers (quorum ⌊3/2⌋ + 1 = 2):
    /// - a box all three drew: alice (20,20)-(30,30), bob (20,20)-(30,32), carl (20,20)-(32,30).
    ///   IoU(alice,bob) = 100/120 = 5/6, IoU(alice,carl) = 5/6, IoU(bob,carl) = 100/140 = 5/7.
    ///   Weights (mean IoU with the others): alice 70/84, bob and carl 65/84 (sum 200/84).
    ///   x2 = 20 + (10·70 + 10·65 + 12·65)/200 = 30.65, y2 likewise; x1 = y1 = 20.
    ///   COCO bbox [20, 20, 10.65, 10.65], area 113.4225. YOLO (class scratch = 1): centre
    ///   (25.325/200, 25.325/100) = (0.126625, 0.25325), size (0.05325, 0.1065).
    /// - a box alice and bob drew: (100,60)-(140,90) and (102,60)-(142,90), IoU 1140/1260; two
    ///   members weigh the same: (101,60)-(141,90). COCO bbox [101, 60, 40, 30]; YOLO centre
    ///   (121/200, 75/100) = (0.605, 0.75), size (0.2, 0.3).
    /// - a box only carl drew, (150,10)-(190,50): 1 of 3, unresolved, not exported.
    /// - a triangle alice and bob drew, bob's one pixel lower: IoU ≥ 0.5, two members tie on
    ///   mean IoU, the medoid is the first by labeler name, alice's (10,80),(60,80),(10,95).
    void consensusObjects()
    {
        const auto file = m_ws.root() / "objects.concord";
        {
            ProjectSettings s;
            s.name = "objects";
            auto store = initProject(file, s, {"ok", "scratch", "dent"});
            iotest::addImage(*store, m_ws.root(), "c.png", iotest::plainImage(200, 100, 21));
            const auto triangle = [](double dy) {
                Annotation a;
                a.kind = AnnotationKind::Polygon;
                a.geometry = nlohmann::json{{"points", {{10, 80 + dy}, {60, 80 + dy}, {10, 95 + dy}}}}.dump();
                return a;
            };
            label(*store, "c.png", "alice", "scratch", {box(20, 20, 30, 30), box(100, 60, 140, 90), triangle(0)});
            label(*store, "c.png", "bob", "scratch", {box(20, 20, 30, 32), box(102, 60, 142, 90), triangle(1)});
            label(*store, "c.png", "carl", "scratch", {box(20, 20, 32, 30), box(150, 10, 190, 50)});
        }
        auto store = openProject(file, OpenMode::ReadOnly);
        const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-9; };

        ExportRequest coco;
        coco.format = "coco";
        coco.outDir = m_ws.freshDir();
        const auto rep = exportDataset(*store, coco);
        QCOMPARE(rep.consensusObjects, std::int64_t(3));
        QCOMPARE(rep.unresolvedObjects, std::int64_t(1));
        const auto j = nlohmann::json::parse(readAll(coco.outDir / "annotations.json"));
        std::vector<nlohmann::json> boxes, polygons;
        for (const auto &a : j["annotations"])
            if (a.contains("segmentation"))
                polygons.push_back(a);
            else if (a.contains("bbox"))
                boxes.push_back(a);
        QCOMPARE(boxes.size(), std::size_t(2));
        const std::vector<std::vector<double>> want{{20, 20, 10.65, 10.65}, {101, 60, 40, 30}};
        for (std::size_t b = 0; b < 2; ++b)
            for (std::size_t k = 0; k < 4; ++k)
                QVERIFY2(near(boxes[b]["bbox"][k].get<double>(), want[b][k]), boxes[b].dump().c_str());
        QVERIFY(near(boxes[0]["area"].get<double>(), 113.4225));
        QCOMPARE(boxes[0]["category_id"].get<int>(), 2);
        QCOMPARE(polygons.size(), std::size_t(1));
        QCOMPARE(polygons[0]["segmentation"][0].get<std::vector<double>>(),
                 (std::vector<double>{10, 80, 60, 80, 10, 95}));
        QCOMPARE(polygons[0]["area"].get<double>(), 375.0); // 50 · 15 / 2

        ExportRequest yolo;
        yolo.format = "yolo";
        yolo.outDir = m_ws.freshDir();
        exportDataset(*store, yolo);
        std::istringstream lines(readAll(yolo.outDir / "labels" / "c.txt"));
        const std::vector<std::vector<double>> yoloWant{{1, 0.126625, 0.25325, 0.05325, 0.1065},
                                                        {1, 0.605, 0.75, 0.2, 0.3}};
        std::string line;
        std::size_t n = 0;
        while (std::getline(lines, line)) {
            QVERIFY(n < 2);
            std::istringstream fields(line);
            for (std::size_t k = 0; k < 5; ++k) {
                double v = 0;
                fields >> v;
                QVERIFY2(std::abs(v - yoloWant[n][k]) <= 1e-6, line.c_str());
            }
            ++n;
        }
        QCOMPARE(n, std::size_t(2)); // carl's lone box is not there

        ExportRequest labelme;
        labelme.format = "labelme";
        labelme.outDir = m_ws.freshDir();
        exportDataset(*store, labelme);
        const auto lm = nlohmann::json::parse(readAll(labelme.outDir / "images" / "c.json"));
        QCOMPARE(lm["shapes"].size(), std::size_t(3));
        QCOMPARE(qs(lm["shapes"][2]["shape_type"].get<std::string>()), QStringLiteral("polygon"));

        ExportRequest ls;
        ls.format = "labelstudio";
        ls.outDir = m_ws.freshDir();
        exportDataset(*store, ls);
        const auto lsj = nlohmann::json::parse(readAll(ls.outDir / "labelstudio.json"));
        int polygonResults = 0;
        for (const auto &r : lsj[0]["annotations"][0]["result"])
            polygonResults += r["type"] == "polygonlabels" ? 1 : 0;
        QCOMPARE(polygonResults, 1);

        // provenance.json: members, labelers, IoUs, method per object; the unresolved one listed.
        const auto p = nlohmann::json::parse(readAll(coco.outDir / "provenance.json"));
        const auto &im = p["images"][0];
        QCOMPARE(im["objects"].size(), std::size_t(3));
        const auto &fused = im["objects"][0];
        QCOMPARE(qs(fused["method"].get<std::string>()), QStringLiteral("weighted-box-fusion"));
        QCOMPARE(fused["labelers"].get<std::vector<std::string>>(), (std::vector<std::string>{"alice", "bob", "carl"}));
        QCOMPARE(fused["pairs"].size(), std::size_t(3));
        QVERIFY(near(fused["pairs"][2]["iou"].get<double>(), 5.0 / 7.0));
        QVERIFY(near(fused["members"][0]["agreement"].get<double>(), 70.0 / 84.0));
        QVERIFY(fused["members"][0]["annotation_id"].is_number());
        QCOMPARE(fused["quorum"].get<int>(), 2);
        QCOMPARE(qs(im["objects"][2]["method"].get<std::string>()), QStringLiteral("medoid"));
        QCOMPARE(p["unresolved_objects"].size(), std::size_t(1));
        QCOMPARE(p["unresolved_objects"][0]["labelers"].get<std::vector<std::string>>(),
                 (std::vector<std::string>{"carl"}));
        QCOMPARE(p["objects"]["unresolved"].get<int>(), 1);
        QCOMPARE(p["objects"]["consensus"].get<int>(), 3);

        // A quorum of 1 exports carl's box too; a quorum of all three only the first box.
        ExportOptions one;
        one.objects.quorum = ObjectQuorum::count(1);
        QCOMPARE(buildExportDataset(*store, one).items[0].boxes.size(), std::size_t(3));
        ExportOptions all;
        all.objects.quorum = ObjectQuorum::count(3);
        QCOMPARE(buildExportDataset(*store, all).items[0].boxes.size(), std::size_t(1));
    }

    void imageFolderAndUnresolved()
    {
        auto store = openProject(m_ws.pristine, OpenMode::ReadOnly);
        ExportRequest req;
        req.format = "imagefolder";
        req.outDir = m_ws.freshDir();
        req.options.includeUnresolved = true;
        req.hardLink = true;
        exportDataset(*store, req);
        QVERIFY(std::filesystem::exists(req.outDir / "ok" / "a" / "i1.png"));
        QVERIFY(std::filesystem::exists(req.outDir / "scratch" / "a" / "i2.png"));
        QVERIFY(std::filesystem::exists(req.outDir / "dent" / "b" / "i3.png"));
        QVERIFY(std::filesystem::exists(req.outDir / "_unresolved" / "i4.png"));
        QCOMPARE(qs(fileContentHash((req.outDir / "ok" / "a" / "i1.png").string())),
                 qs(fileContentHash((m_ws.root() / "a" / "i1.png").string())));
    }

    void provenance()
    {
        auto store = openProject(m_ws.pristine, OpenMode::ReadOnly);
        ExportRequest req;
        req.format = "json";
        req.outDir = m_ws.freshDir();
        exportDataset(*store, req);
        const auto j = nlohmann::json::parse(readAll(req.outDir / "provenance.json"));
        QCOMPARE(j["images"].size(), std::size_t(4));
        const auto &i1 = j["images"][0];
        QCOMPARE(qs(i1["path"].get<std::string>()), QStringLiteral("a/i1.png"));
        QCOMPARE(qs(i1["final"]["label"].get<std::string>()), QStringLiteral("ok"));
        QCOMPARE(qs(i1["final"]["source"].get<std::string>()), QStringLiteral("consensus"));
        QCOMPARE(i1["labels"].size(), std::size_t(3));
        QCOMPARE(i1["agreement"].get<double>(), 1.0 / 3.0);
        QCOMPARE(i1["consensus"]["confidence"].get<double>(), 2.0 / 3.0);
        QVERIFY(i1["decision"].is_null());
        const auto &i2 = j["images"][1];
        QCOMPARE(qs(i2["labels"][0]["annotations"][0]["kind"].get<std::string>()), QStringLiteral("box"));
        QCOMPARE(j["unresolved"].size(), std::size_t(1));
        QCOMPARE(qs(j["unresolved"][0]["path"].get<std::string>()), QStringLiteral("i4.png"));
    }

    void sanitize_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("name");
        QTest::newRow("parent escapes") << "../../etc/passwd"
                                        << "etc/passwd"
                                        << ".._.._etc_passwd";
        QTest::newRow("absolute") << "/abs/x.png"
                                  << "abs/x.png"
                                  << "_abs_x.png";
        QTest::newRow("windows drive") << "C:\\data\\x.png"
                                       << "data/x.png"
                                       << "C__data_x.png";
        QTest::newRow("dots inside") << "a/./b/../c.png"
                                     << "a/b/c.png"
                                     << "a_._b_.._c.png";
        QTest::newRow("only dots") << ".."
                                   << "_"
                                   << "_..";
        QTest::newRow("empty") << ""
                               << "_"
                               << "_";
        QTest::newRow("reserved characters") << "a:b*c?d\"e<f>g|h"
                                             << "a_b_c_d_e_f_g_h"
                                             << "a_b_c_d_e_f_g_h";
        QTest::newRow("control character") << QStringLiteral("a\nb") << "a_b"
                                           << "a_b";
    }

    void sanitize()
    {
        QFETCH(QString, input);
        QFETCH(QString, path);
        QFETCH(QString, name);
        QCOMPARE(qs(sanitizeRelativePath(input.toStdString())), path);
        QCOMPARE(qs(sanitizeFileName(input.toStdString())), name);
    }

    /// Class and file names from users can neither leave the output folder nor run as
    /// spreadsheet formulas.
    void hostileNames()
    {
        const auto dir = m_ws.root() / "hostile";
        std::filesystem::create_directories(dir);
        ProjectSettings s;
        s.name = "hostile";
        auto store = initProject(dir / "hostile.concord", s, {"../evil", "=1+1"});
        iotest::addImage(*store, dir, "+sum.png", iotest::plainImage(50, 50, 21));
        iotest::addImage(*store, dir, "x/@at.png", iotest::plainImage(50, 50, 22));
        label(*store, "+sum.png", "alice", "../evil");
        label(*store, "x/@at.png", "alice", "=1+1");

        ExportRequest req;
        req.format = "imagefolder";
        req.outDir = dir / "out" / "folder";
        exportDataset(*store, req);
        // The class folder's name was changed by sanitising, so it carries the name suffix
        // (exportnames.h) that keeps it apart from a class really called ".._evil".
        QVERIFY(std::filesystem::exists(req.outDir / (".._evil" + exportNameSuffix("../evil")) / "+sum.png"));
        QVERIFY(!std::filesystem::exists(dir / "out" / "evil"));
        QVERIFY(!std::filesystem::exists(dir / "evil"));

        req.format = "csv";
        req.outDir = dir / "out" / "csv";
        exportDataset(*store, req);
        const auto csv = qs(readAll(req.outDir / "labels.csv"));
        QVERIFY2(csv.contains(u"\n'+sum.png,../evil,"), qPrintable(csv));
        QVERIFY2(csv.contains(u"\nx/@at.png,'=1+1,"), qPrintable(csv));
    }

    /// A copy that the system stops half-way names the system's reason. A file size limit
    /// (RLIMIT_FSIZE, which binds root too) stands in for a full disk: write() then fails
    /// with EFBIG past 64 KiB, as it fails with ENOSPC on a full disk. libstdc++'s
    /// copy_file reported such a short copy as "cannot copy the image: Success".
    void failedCopyNamesErrno()
    {
        const auto dir = m_ws.root() / "copylimit";
        std::filesystem::create_directories(dir);
        const auto from = dir / "big.bin";
        {
            std::ofstream out(from, std::ios::binary);
            const std::string chunk(1024, 'x');
            for (int i = 0; i < 256; ++i) // 256 KiB
                out << chunk;
        }
        const auto to = dir / "out" / "big.bin";
        struct rlimit old = {};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &old), 0);
        const auto oldSignal = std::signal(SIGXFSZ, SIG_IGN); // else the kernel ends the process
        struct rlimit small = old;
        small.rlim_cur = 64 * 1024;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        QString message;
        try {
            atomicCopyFile(from, to, false);
        } catch (const Error &e) {
            message = QString::fromUtf8(e.what());
        }
        ::setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldSignal);
        QVERIFY2(message.contains(QString::fromUtf8(std::strerror(EFBIG))), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("Success")), qPrintable(message));
        QVERIFY(!std::filesystem::exists(to));
        for (const auto &entry : std::filesystem::directory_iterator(dir / "out"))
            QFAIL(qPrintable(QStringLiteral("left behind: ") + qs(entry.path().filename().string())));
    }

    void blurFaces()
    {
        const cv::Mat face = faceImage();
        FaceBlurrer blurrer;
        const auto faces = blurrer.detect(face);
        QCOMPARE(faces.size(), std::size_t(1)); // the drawing is a face to the cascade
        const cv::Rect box = faces[0];
        const cv::Rect area = blurrer.blurArea(box, face.size());
        QVERIFY(area.x + area.width < 350); // the noise is outside the margin

        const auto dir = m_ws.root() / "faces";
        std::filesystem::create_directories(dir);
        ProjectSettings s;
        s.name = "faces";
        auto store = initProject(dir / "faces.concord", s, {"person", "empty"});
        iotest::addImage(*store, dir, "face.png", face);
        iotest::addImage(*store, dir, "plain.png", iotest::plainImage(300, 200, 31));
        label(*store, "face.png", "alice", "person");
        label(*store, "plain.png", "alice", "empty");

        ExportRequest req;
        req.format = "imagefolder";
        req.outDir = dir / "out";
        req.blurFaces = true;
        const auto rep = exportDataset(*store, req);
        QCOMPARE(rep.facesBlurred, std::int64_t(1));

        const cv::Mat original = cv::imread((dir / "face.png").string());
        const cv::Mat blurred = cv::imread((req.outDir / "person" / "face.png").string());
        QCOMPARE(blurred.size(), original.size());
        cv::Mat diff;
        cv::absdiff(original, blurred, diff);
        cv::Mat changed;
        cv::cvtColor(diff, changed, cv::COLOR_BGR2GRAY);
        changed = changed > 0;
        const double insideShare = cv::countNonZero(changed(box)) / static_cast<double>(box.area());
        QVERIFY2(insideShare > 0.5, qPrintable(QString::number(insideShare)));
        cv::Mat outside = changed.clone();
        outside(area).setTo(0);
        QCOMPARE(cv::countNonZero(outside), 0);
        // The image without a face is copied as it is; the originals are untouched.
        QCOMPARE(qs(fileContentHash((req.outDir / "empty" / "plain.png").string())),
                 qs(fileContentHash((dir / "plain.png").string())));
        QCOMPARE(qs(store->images()[0].hash), qs(fileContentHash((dir / "face.png").string())));

        const auto j = nlohmann::json::parse(readAll(req.outDir / "provenance.json"));
        QCOMPARE(j["images"][0]["faces_blurred"].get<int>(), 1);
        QCOMPARE(j["images"][1]["faces_blurred"].get<int>(), 0);
    }

    void missingCascade()
    {
        FaceBlurOptions o;
        o.cascadePath = (m_ws.root() / "no-such-cascade.xml").string();
        try {
            FaceBlurrer b(o);
            QFAIL("expected an error");
        } catch (const Error &e) {
            QVERIFY(e.code() == ErrorCode::Io);
            QVERIFY(qs(e.what()).contains(u"opencv-data"));
        }
    }

    /// The command line: export, then a failing import that names the file and exits 1.
    void commandLine()
    {
        const auto project = m_ws.freshProject();
        const auto out = m_ws.freshDir();
        QProcess p;
        p.start(QStringLiteral(CONCORD_CLI),
                {QStringLiteral("export"), qs(project.string()), qs(out.string()), QStringLiteral("--format"),
                 QStringLiteral("coco"), QStringLiteral("--consensus"), QStringLiteral("dawid-skene")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(std::filesystem::exists(out / "annotations.json"));
        QVERIFY(std::filesystem::exists(out / "provenance.json"));

        const auto bad = std::filesystem::path(CONCORD_TEST_DATA) / "io" / "malformed" / "coco-wrong-type.json";
        p.start(QStringLiteral(CONCORD_CLI),
                {QStringLiteral("import-labels"), qs(project.string()), qs(bad.string()), QStringLiteral("--format"),
                 QStringLiteral("coco"), QStringLiteral("--labeler"), QStringLiteral("x")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        const auto err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(u"coco-wrong-type.json") && err.contains(u"/images/1/file_name"), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestIoExport)
#include "tst_io_export.moc"
