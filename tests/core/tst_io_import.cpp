// SPDX-License-Identifier: GPL-3.0-or-later
// Label import (core/io): hand-written files in each foreign format, the NEU-DET VOC
// annotations, and malformed inputs that must fail naming the place and change nothing.
#include "io_test_project.h"

#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/geometry/geometry.h"
#include "core/io/datasetexporter.h"
#include "core/io/labelimporter.h"

#include <nlohmann/json.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

using namespace concord::core;
using iotest::qs;

namespace {

const std::filesystem::path kData = std::filesystem::path(CONCORD_TEST_DATA) / "io";

/// (class, x1, y1, x2, y2) of a box, for order-independent comparisons.
using Box = std::tuple<std::string, double, double, double, double>;

/// Reads `image,class,xmin,ymin,xmax,ymax` (the data set's own boxes.csv) into boxes per image.
std::map<std::string, std::multiset<Box>> readBoxesCsv(const std::filesystem::path &file)
{
    std::map<std::string, std::multiset<Box>> out;
    std::ifstream in(file);
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        const auto parts = QString::fromStdString(line).trimmed().split(u',');
        if (parts.size() != 6)
            continue;
        out[parts[0].toStdString()].insert({parts[1].toStdString(), parts[2].toDouble(), parts[3].toDouble(),
                                            parts[4].toDouble(), parts[5].toDouble()});
    }
    return out;
}

} // namespace

class TestIoImport : public QObject
{
    Q_OBJECT

private:
    iotest::Workspace m_ws;

    /// Box annotations of a label as (class, x1, y1, x2, y2), the class taken from the
    /// geometry when the box has its own, else the label's.
    static std::multiset<Box> boxesOf(const Store &store, const LabelRow &row)
    {
        std::multiset<Box> out;
        for (const auto &a : store.annotationsOfLabel(row.label.id)) {
            if (a.kind != AnnotationKind::Box)
                continue;
            const auto g = nlohmann::json::parse(a.geometry);
            out.insert({g.value("class", row.className), g["x1"].get<double>(), g["y1"].get<double>(),
                        g["x2"].get<double>(), g["y2"].get<double>()});
        }
        return out;
    }

    static const LabelRow *findRow(const std::vector<LabelRow> &rows, const std::string &labeler,
                                   const std::string &image)
    {
        for (const auto &r : rows)
            if (r.labelerName == labeler && r.imagePath == image)
                return &r;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_ws.dir.isValid());
        m_ws.pristine = m_ws.root() / "fixture.concord";
        iotest::makeFixtureProject(m_ws.root()); // closed at once: the file is complete on disk
    }

    void importForeign_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("labeler");
        QTest::addColumn<QStringList>("labels");
        QTest::addColumn<int>("annotations");
        // Expected values read off the hand-written files (see tests/data/io/foreign/README.md).
        QTest::newRow("csv") << "csv"
                             << "labels.csv"
                             << ""
                             << QStringList{"alice:cam1/img1.png=ok", "alice:cam1/img2.png=scratch",
                                            "bob:img3.png=dent"}
                             << 0;
        QTest::newRow("coco") << "coco"
                              << "coco.json"
                              << "carol" << QStringList{"carol:cam1/img1.png=ok", "carol:cam1/img2.png=scratch"} << 2;
        QTest::newRow("labelme") << "labelme"
                                 << "labelme"
                                 << "erin" << QStringList{"erin:cam1/img1.png=scratch", "erin:img3.png=dent"} << 3;
        QTest::newRow("labelstudio") << "labelstudio"
                                     << "labelstudio.json"
                                     << ""
                                     << QStringList{"dana@example.com:cam1/img1.png=ok",
                                                    "labelstudio-user-10:cam1/img1.png=dent",
                                                    "labelstudio-user-10:cam1/img2.png=scratch"}
                                     << 1;
    }

    void importForeign()
    {
        QFETCH(QString, format);
        QFETCH(QString, file);
        QFETCH(QString, labeler);
        QFETCH(QStringList, labels);
        QFETCH(int, annotations);
        auto store = openProject(m_ws.freshProject());
        ImportOptions o;
        o.format = format.toStdString();
        o.labeler = labeler.toStdString();
        const auto report = importLabels(*store, kData / "foreign" / file.toStdString(), o);
        QCOMPARE(iotest::labelList(*store), labels);
        QCOMPARE(report.labels, labels.size());
        QCOMPARE(report.annotations, annotations);
        for (const auto &r : store->labelRows())
            QVERIFY(r.label.source == LabelSource::Import);
    }

    void importedGeometry()
    {
        auto store = openProject(m_ws.freshProject());
        for (const auto &[format, file, labeler] :
             std::vector<std::tuple<std::string, std::string, std::string>>{{"coco", "coco.json", "carol"},
                                                                            {"labelme", "labelme", "erin"},
                                                                            {"labelstudio", "labelstudio.json", ""}}) {
            ImportOptions o;
            o.format = format;
            o.labeler = labeler;
            importLabels(*store, kData / "foreign" / file, o);
        }
        const auto rows = store->labelRows();
        // COCO bbox [x, y, w, h] → corners.
        const auto *coco = findRow(rows, "carol", "cam1/img2.png");
        QVERIFY(coco);
        QCOMPARE(boxesOf(*store, *coco),
                 (std::multiset<Box>{{"scratch", 10, 20, 40, 60}, {"scratch", 100.5, 10, 150.5, 30.25}}));
        // labelme: rectangle corners normalised, a line measured (50 px = 5 mm at 10 px/mm), a
        // 40 × 30 polygon.
        const auto *lmRect = findRow(rows, "erin", "img3.png");
        QVERIFY(lmRect);
        QCOMPARE(boxesOf(*store, *lmRect), (std::multiset<Box>{{"dent", 20, 10, 120, 80}}));
        double polygonArea = 0;
        for (const auto &a : store->annotationsOfLabel(lmRect->label.id))
            if (a.kind == AnnotationKind::Polygon)
                polygonArea = a.area;
        QCOMPARE(polygonArea, 1200.0);
        const auto *lmLine = findRow(rows, "erin", "cam1/img1.png");
        QVERIFY(lmLine);
        const auto lineAnns = store->annotationsOfLabel(lmLine->label.id);
        QCOMPARE(lineAnns.size(), std::size_t(1));
        QVERIFY(lineAnns[0].kind == AnnotationKind::Line);
        QCOMPARE(lineAnns[0].lengthPx, 50.0);
        QVERIFY(lineAnns[0].lengthMm.has_value());
        QCOMPARE(*lineAnns[0].lengthMm, 5.0);
        // Label Studio: percent of 200 × 100 → x 10 % = 20 px, y 20 % = 20, w 25 % = 50, h 50 % = 50.
        const auto *ls = findRow(rows, "labelstudio-user-10", "cam1/img2.png");
        QVERIFY(ls);
        QCOMPARE(boxesOf(*store, *ls), (std::multiset<Box>{{"scratch", 20, 20, 70, 70}}));
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("mentions");
        const auto P = static_cast<int>(ErrorCode::Parse);
        const auto N = static_cast<int>(ErrorCode::NotFound);
        const auto I = static_cast<int>(ErrorCode::Invalid);
        // The truncated file has 7 lines; the parser stops at its end.
        QTest::newRow("truncated json") << "coco"
                                        << "coco-truncated.json" << P
                                        << QStringList{"coco-truncated.json:7:", "truncated"};
        // fuzz_coco's find: a number beyond a double escaped as a bare library exception.
        QTest::newRow("number overflow") << "coco"
                                         << "coco-number-overflow.json" << P
                                         << QStringList{"coco-number-overflow.json:12:", "2e400"};
        QTest::newRow("wrong type") << "coco"
                                    << "coco-wrong-type.json" << P
                                    << QStringList{"coco-wrong-type.json", "/images/1/file_name", "expected a string"};
        QTest::newRow("wrong bbox type") << "coco"
                                         << "coco-bbox-type.json" << P
                                         << QStringList{"/annotations/1/bbox/2", "expected a number"};
        QTest::newRow("unknown image") << "coco"
                                       << "coco-unknown-image.json" << N
                                       << QStringList{"coco-unknown-image.json '/images/2'", "missing/nope.png"};
        QTest::newRow("unknown class") << "coco"
                                       << "coco-unknown-class.json" << N
                                       << QStringList{"'crack'", "coco-unknown-class.json", "--add-classes"};
        QTest::newRow("duplicate annotation id") << "coco"
                                                 << "coco-duplicate-annotation-id.json" << P
                                                 << QStringList{"duplicate annotation id 10", "/annotations/1/id"};
        QTest::newRow("duplicate image id")
            << "coco"
            << "coco-duplicate-image-id.json" << P << QStringList{"duplicate image id 1", "/images/2/id"};
        QTest::newRow("dangling image id")
            << "coco"
            << "coco-dangling-image-id.json" << P << QStringList{"/annotations/0/image_id", "99"};
        QTest::newRow("csv unknown class")
            << "csv"
            << "csv-unknown-class.csv" << N << QStringList{"'crack'", "csv-unknown-class.csv:3"};
        QTest::newRow("csv duplicate") << "csv"
                                       << "csv-duplicate.csv" << I
                                       << QStringList{"csv-duplicate.csv:4", "csv-duplicate.csv:2", "cam1/img1.png"};
        QTest::newRow("csv missing column")
            << "csv"
            << "csv-missing-column.csv" << P << QStringList{"csv-missing-column.csv", "label"};
        QTest::newRow("labelme wrong type")
            << "labelme"
            << "labelme-wrong-type.json" << P
            << QStringList{"labelme-wrong-type.json", "/shapes/0/points", "expected an array"};
        QTest::newRow("labelstudio wrong type")
            << "labelstudio"
            << "labelstudio-wrong-type.json" << P
            << QStringList{"/0/annotations/0/result/0/value/choices", "expected an array"};
        // Issue #21: inputs that imported and then broke every export, or were silently merged.
        // Lines and columns counted by hand in the files (tests/data/io/malformed/README.md).
        QTest::newRow("csv latin-1") << "csv"
                                     << "csv-latin1.csv" << P
                                     << QStringList{"csv-latin1.csv:2:", "not valid UTF-8: byte 0xE9 at column 21",
                                                    "--encoding"};
        QTest::newRow("csv nul") << "csv"
                                 << "csv-nul.csv" << P << QStringList{"csv-nul.csv:2:", "NUL byte at column 16"};
        QTest::newRow("csv duplicate header")
            << "csv"
            << "csv-duplicate-header.csv" << P
            << QStringList{"csv-duplicate-header.csv:1:", "'label'", "duplicate column name", "columns 2 and 4"};
        QTest::newRow("labelme latin-1") << "labelme"
                                         << "labelme-latin1.json" << P
                                         << QStringList{"labelme-latin1.json:6:", "byte 0xE9 at column 16"};
        QTest::newRow("coco bbox 1e308") << "coco"
                                         << "coco-bbox-overflow.json" << I
                                         << QStringList{"coco-bbox-overflow.json", "'/annotations/0'",
                                                        "x = 1e+308 px lies outside the image"};
        QTest::newRow("coco duplicate category name")
            << "coco"
            << "coco-duplicate-category-name.json" << P
            << QStringList{"'/categories/1/name'", "duplicate category name 'scratch' (also at /categories/0/name)"};
        QTest::newRow("coco empty category name")
            << "coco"
            << "coco-empty-category-name.json" << I << QStringList{"'/categories/0/name'", "category name is empty"};
        QTest::newRow("coco nul in name")
            << "coco"
            << "coco-nul-name.json" << I << QStringList{"'/categories/0/name'", "U+0000 (NUL) at position 4"};
        // Label Studio percent boxes on the 200 × 100 image cam1/img2.png: −50 % and 500 % are
        // far beyond the 5 % that is clipped.
        QTest::newRow("labelstudio box at -50 %")
            << "labelstudio"
            << "labelstudio-box-left.json" << I
            << QStringList{"'/0/annotations/0/result/0'", "x = -50 % lies outside the image (0 to 100 %)"};
        QTest::newRow("labelstudio box at 500 %")
            << "labelstudio"
            << "labelstudio-box-right.json" << I
            << QStringList{"'/0/annotations/0/result/0'", "x = 500 % lies outside the image"};
        // The file ends after line 9; <bndbox> opened on line 6.
        QTest::newRow("truncated xml") << "voc"
                                       << "voc" << P << QStringList{"img3.xml:10:", "<bndbox>", "line 6", "truncated"};
    }

    void malformed()
    {
        QFETCH(QString, format);
        QFETCH(QString, file);
        QFETCH(int, code);
        QFETCH(QStringList, mentions);
        const auto project = m_ws.freshProject();
        const auto before = fileContentHash(project.string());
        {
            auto store = openProject(project);
            ImportOptions o;
            o.format = format.toStdString();
            o.labeler = "mallory";
            try {
                importLabels(*store, kData / "malformed" / file.toStdString(), o);
                QFAIL("the import should have failed");
            } catch (const Error &e) {
                const QString message = QString::fromUtf8(e.what());
                QCOMPARE(static_cast<int>(e.code()), code);
                for (const auto &m : mentions)
                    QVERIFY2(message.contains(m), qPrintable(message + " lacks " + m));
            }
            QCOMPARE(store->labelCount(), std::int64_t(0));
            QCOMPARE(store->labelers().size(), std::size_t(0));
        }
        QCOMPARE(qs(fileContentHash(project.string())), qs(before));
    }

    /// Overhangs up to kClipTolerance (5 %) of the side are clipped onto the edge, as
    /// docs/FORMATS.md "Coordinates" says. All images are 200 × 100 px.
    void coordinatesClippedWithinTolerance()
    {
        const auto dir = m_ws.root() / "clip";
        std::filesystem::create_directories(dir);
        // Label Studio, percent: x 98 %, width 4 % → 196 to 204 px, clipped to 200 (4 px over,
        // 2 % of 200); y −3 %, height 8 % → −3 to 5 px, clipped to 0 (3 % of 100).
        std::ofstream(dir / "ls.json") << R"([{"data": {"image": "cam1/img2.png"}, "annotations": [{"result": [
            {"type": "rectanglelabels", "value": {"x": 98, "y": -3, "width": 4, "height": 8,
             "rectanglelabels": ["scratch"]}}], "completed_by": 7}]}])";
        // COCO, pixels: [195, 90, 10, 12] → 195 to 205 (5 px = 2.5 % over) and 90 to 102
        // (2 px = 2 % over), clipped to 200 and 100.
        std::ofstream(dir / "coco.json") << R"({"images": [{"id": 1, "file_name": "img3.png"}],
            "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [195, 90, 10, 12]}],
            "categories": [{"id": 1, "name": "dent"}]})";
        auto store = openProject(m_ws.freshProject());
        ImportOptions ls;
        ls.format = "labelstudio";
        importLabels(*store, dir / "ls.json", ls);
        ImportOptions coco;
        coco.format = "coco";
        coco.labeler = "carol";
        importLabels(*store, dir / "coco.json", coco);
        const auto rows = store->labelRows();
        const auto *a = findRow(rows, "labelstudio-user-7", "cam1/img2.png");
        QVERIFY(a);
        QCOMPARE(boxesOf(*store, *a), (std::multiset<Box>{{"scratch", 196, 0, 200, 5}}));
        const auto *b = findRow(rows, "carol", "img3.png");
        QVERIFY(b);
        QCOMPARE(boxesOf(*store, *b), (std::multiset<Box>{{"dent", 195, 90, 200, 100}}));
        // The area is that of the clipped box: 5 × 10 = 50 px².
        QCOMPARE(store->annotationsOfLabel(b->label.id).at(0).area, 50.0);
    }

    /// `--encoding latin1`: the same file that fails as UTF-8 imports, with the name converted.
    void declaredEncodingImports()
    {
        auto store = openProject(m_ws.freshProject());
        ImportOptions o;
        o.format = "csv";
        o.encoding = TextEncoding::Latin1;
        importLabels(*store, kData / "malformed" / "csv-latin1.csv", o);
        QCOMPARE(iotest::labelList(*store), QStringList{QStringLiteral("Jos\u00e9:cam1/img1.png=ok")});
    }

    /// Names given by people go through checkName() too, not only imported ones.
    void namesRefused()
    {
        const auto project = m_ws.freshProject();
        auto store = openProject(project);
        QVERIFY_THROWS_EXCEPTION(Error, ensureLabeler(*store, "Jos\xe9"));
        QVERIFY_THROWS_EXCEPTION(Error, ensureLabeler(*store, std::string("a\0b", 3)));
        QVERIFY_THROWS_EXCEPTION(Error, ensureLabeler(*store, "   "));
        QCOMPARE(store->labelers().size(), std::size_t(0));
        ProjectSettings s;
        s.name = "names";
        try {
            initProject(m_ws.root() / "names.concord", s, {"ok", std::string("scr\0atch", 8)});
            QFAIL("a class name with a NUL was accepted");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(u"class name contains the control character U+0000"),
                     e.what());
        }
        QVERIFY(!std::filesystem::exists(m_ws.root() / "names.concord"));
        s.pxPerMm = std::nan("");
        QVERIFY_THROWS_EXCEPTION(Error, initProject(m_ws.root() / "names.concord", s, {"ok"}));
        QVERIFY(!std::filesystem::exists(m_ws.root() / "names.concord"));
    }

    /// Issue #21 on the command line: the Latin-1 CSV fails naming file:line and leaves a
    /// project whose `info --json` still works; declared as latin1 it imports and exports;
    /// `nan` for a numeric option is refused before anything runs.
    void commandLine()
    {
        const QString project = qs(m_ws.freshProject().string());
        const QString latin = qs((kData / "malformed" / "csv-latin1.csv").string());
        const auto run = [](const QStringList &args, int expectedExit) {
            QProcess p;
            p.start(QStringLiteral(CONCORD_CLI), args);
            if (!p.waitForFinished(60000))
                qFatal("concord-cli did not finish");
            const QString err = QString::fromUtf8(p.readAllStandardError());
            if (p.exitCode() != expectedExit)
                qWarning("%s", qPrintable(args.join(u' ') + " → " + QString::number(p.exitCode()) + ": " + err));
            return std::make_tuple(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), err);
        };
        auto [code, out, err] = run({"import-labels", project, latin, "--format", "csv"}, 1);
        QCOMPARE(code, 1);
        QVERIFY2(err.contains(u"csv-latin1.csv:2: not valid UTF-8: byte 0xE9 at column 21"), qPrintable(err));
        std::tie(code, out, err) = run({"info", project, "--json"}, 0);
        QCOMPARE(code, 0);
        QCOMPARE(QJsonDocument::fromJson(out.toUtf8())["labelers"].toArray().size(), 0);

        std::tie(code, out, err) = run({"import-labels", project, latin, "--format", "csv", "--encoding", "latin1"}, 0);
        QCOMPARE(code, 0);
        std::tie(code, out, err) = run({"info", project, "--json"}, 0);
        QCOMPARE(code, 0);
        QCOMPARE(QJsonDocument::fromJson(out.toUtf8())["labelers"][0]["name"].toString(), QStringLiteral("Jos\u00e9"));
        std::tie(code, out, err) = run({"export", project, qs(m_ws.freshDir().string()), "--format", "coco"}, 0);
        QCOMPARE(code, 0);

        // CLI11 reads "nan" as a double and NaN passes NonNegativeNumber; exit 2 = usage error.
        std::tie(code, out, err) = run({"import-images", project, qs(m_ws.root().string()), "--px-per-mm", "nan"}, 2);
        QCOMPARE(code, 2);
        QVERIFY2(err.contains(u"expected a finite number, found 'nan'"), qPrintable(err));
        std::tie(code, out, err) =
            run({"init", qs((m_ws.root() / "nan.concord").string()), "--classes", "ok", "--px-per-mm", "inf"}, 2);
        QCOMPARE(code, 2);
        QVERIFY(!std::filesystem::exists(m_ws.root() / "nan.concord"));
        std::tie(code, out, err) =
            run({"export", project, qs(m_ws.freshDir().string()), "--format", "coco", "--min-agreement", "nan"}, 2);
        QCOMPARE(code, 2);
    }

    void addClasses()
    {
        auto store = openProject(m_ws.freshProject());
        ImportOptions o;
        o.format = "csv";
        o.addClasses = true;
        const auto r = importLabels(*store, kData / "malformed" / "csv-unknown-class.csv", o);
        QCOMPARE(r.classesAdded, std::vector<std::string>{"crack"});
        QVERIFY(store->classByName("crack").has_value());
        QCOMPARE(iotest::labelList(*store), (QStringList{"alice:cam1/img1.png=ok", "alice:cam1/img2.png=crack"}));
    }

    void skipUnmatched()
    {
        auto store = openProject(m_ws.freshProject());
        ImportOptions o;
        o.format = "coco";
        o.labeler = "carol";
        o.skipUnmatched = true;
        const auto r = importLabels(*store, kData / "malformed" / "coco-unknown-image.json", o);
        QCOMPARE(r.unmatched.size(), std::size_t(1));
        QVERIFY(qs(r.unmatched[0]).contains(u"missing/nope.png"));
        QCOMPARE(iotest::labelList(*store), (QStringList{"carol:cam1/img1.png=ok", "carol:cam1/img2.png=scratch"}));
    }

    void cancelLeavesProjectUnchanged()
    {
        const auto project = m_ws.freshProject();
        const auto before = fileContentHash(project.string());
        {
            auto store = openProject(project);
            ImportOptions o;
            o.format = "csv";
            o.progress = [](std::size_t done, std::size_t, std::string_view) { return done < 2; };
            try {
                importLabels(*store, kData / "foreign" / "labels.csv", o);
                QFAIL("the import should have been cancelled");
            } catch (const Error &e) {
                QVERIFY(e.code() == ErrorCode::Cancelled);
            }
        }
        QCOMPARE(qs(fileContentHash(project.string())), qs(before));
    }

    /// YOLO: data.yaml's names (a block map here) and one normalised .txt per image, matched by
    /// its stem; a box and a polygon worked out by hand on the 200 × 100 px fixture image; an
    /// empty file (no objects) is skipped.
    void yoloBoxesAndPolygons()
    {
        const auto dir = m_ws.root() / "yolo";
        std::filesystem::create_directories(dir / "labels" / "train");
        std::ofstream(dir / "data.yaml") << "# a comment\npath: ../data  # where the images are\ntrain: "
                                            "images/train\nnames:\n  0: ok\n  1: scratch\n  2: 'dent'\n";
        // Box: centre (0.5, 0.5), 0.2 × 0.4 → (80, 30) to (120, 70) on 200 × 100 px.
        // Polygon: (0.1, 0.1), (0.3, 0.1), (0.2, 0.3) → (20, 10), (60, 10), (40, 30).
        std::ofstream(dir / "labels" / "train" / "img2.txt") << "1 0.5 0.5 0.2 0.4\n2 0.1 0.1 0.3 0.1 0.2 0.3\n";
        std::ofstream(dir / "labels" / "train" / "img3.txt") << "";
        auto store = openProject(m_ws.freshProject());
        const auto before = store->labelRows().size();
        ImportOptions o;
        o.format = "yolo";
        o.labeler = "yolo";
        const auto report = importLabels(*store, dir, o);
        QCOMPARE(report.labels, std::int64_t(1));
        QCOMPARE(report.annotations, std::int64_t(2));
        const auto rows = store->labelRows();
        QCOMPARE(rows.size(), before + 1);
        const auto *row = findRow(rows, "yolo", "cam1/img2.png");
        QVERIFY(row);
        QCOMPARE(boxesOf(*store, *row), (std::multiset<Box>{{"scratch", 80, 30, 120, 70}}));
        bool polygon = false;
        for (const auto &a : store->annotationsOfLabel(row->label.id)) {
            if (a.kind != AnnotationKind::Polygon)
                continue;
            polygon = true;
            const auto shape = decodeGeometry(a.kind, a.geometry);
            const auto &poly = std::get<PolygonShape>(shape);
            QCOMPARE(poly.points.size(), std::size_t(3));
            const double want[3][2] = {{20, 10}, {60, 10}, {40, 30}};
            for (std::size_t i = 0; i < 3; ++i) {
                QCOMPARE_LE(std::abs(poly.points[i].x - want[i][0]), 1e-9);
                QCOMPARE_LE(std::abs(poly.points[i].y - want[i][1]), 1e-9);
            }
            QCOMPARE(a.classId, store->classByName("dent")->id);
        }
        QVERIFY(polygon);
    }

    /// YOLO input that cannot be read names the file, the line and what was expected, and the
    /// project is left as it was.
    void yoloErrors_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("txt");
        QTest::addColumn<QStringList>("expected");
        const QString names = QStringLiteral("names: [ok, scratch, dent]\n");
        QTest::newRow("class id") << names << QStringLiteral("0 0.5 0.5 0.1 0.1\n3 0.5 0.5 0.1 0.1\n")
                                  << QStringList{QStringLiteral("bad.txt:2:"), QStringLiteral("class id from 0 to 2")};
        QTest::newRow("numbers") << names << QStringLiteral("1 0.5 0.5\n")
                                 << QStringList{QStringLiteral("bad.txt"), QStringLiteral("'class cx cy w h'")};
        QTest::newRow("not normalised") << names << QStringLiteral("1 0.5 0.5 40 0.1\n")
                                        << QStringList{QStringLiteral("bad.txt"), QStringLiteral("normalised")};
        QTest::newRow("not a number") << names << QStringLiteral("1 0.5 x 0.1 0.1\n")
                                      << QStringList{QStringLiteral("bad.txt"), QStringLiteral("'x'")};
        QTest::newRow("id gap") << QStringLiteral("names:\n  0: ok\n  2: dent\n")
                                << QStringLiteral("0 0.5 0.5 0.1 0.1\n")
                                << QStringList{QStringLiteral("data.yaml"), QStringLiteral("1 is missing")};
        QTest::newRow("no names") << QStringLiteral("nc: 3\n") << QStringLiteral("0 0.5 0.5 0.1 0.1\n")
                                  << QStringList{QStringLiteral("data.yaml"), QStringLiteral("'names:'")};
    }

    void yoloErrors()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, txt);
        QFETCH(QStringList, expected);
        const auto dir = m_ws.freshDir();
        std::filesystem::create_directories(dir / "labels");
        std::ofstream(dir / "data.yaml") << yaml.toStdString();
        std::ofstream(dir / "labels" / "bad.txt") << txt.toStdString();
        const auto project = m_ws.freshProject();
        const QString before = qs(fileContentHash(project.string()));
        {
            auto store = openProject(project);
            ImportOptions o;
            o.format = "yolo";
            o.labeler = "yolo";
            try {
                importLabels(*store, dir, o);
                QFAIL("the import should have failed");
            } catch (const Error &e) {
                const QString what = QString::fromUtf8(e.what());
                for (const QString &part : expected)
                    QVERIFY2(what.contains(part), qPrintable(what + QStringLiteral(" lacks ") + part));
            }
        }
        QCOMPARE(qs(fileContentHash(project.string())), before);
    }

    /// NEU-DET: real VOC files, matched by the XML's name (two of them have `<filename>`
    /// without extension), imported, then exported as VOC with the same boxes as the data set's
    /// own boxes.csv.
    void neuDetVocRoundTrip()
    {
        const auto dir = m_ws.root() / "neu";
        std::filesystem::create_directories(dir);
        ProjectSettings s;
        s.name = "neu";
        auto store = initProject(dir / "neu.concord", s,
                                 {"crazing", "inclusion", "patches", "pitted_surface", "rolled-in_scale", "scratches"});
        const auto expected = readBoxesCsv(kData / "neu-det" / "boxes.csv");
        QCOMPARE(expected.size(), std::size_t(6));
        for (const auto &[name, boxes] : expected) {
            const auto src = kData / "neu-det" / "images" / name;
            const cv::Mat img = cv::imread(src.string());
            QVERIFY(!img.empty());
            std::filesystem::create_directories(dir / "steel");
            std::filesystem::copy_file(src, dir / "steel" / name);
            ImageRecord r;
            r.path = "steel/" + name;
            r.hash = fileContentHash((dir / "steel" / name).string());
            r.width = img.cols;
            r.height = img.rows;
            store->addImage(r);
        }
        ImportOptions o;
        o.format = "voc";
        o.labeler = "neu";
        const auto report = importLabels(*store, kData / "neu-det" / "annotations", o);
        QCOMPARE(report.labels, std::int64_t(6));
        QCOMPARE(report.annotations, std::int64_t(15));
        for (const auto &row : store->labelRows()) {
            const std::string name = std::filesystem::path(row.imagePath).filename().string();
            QCOMPARE(boxesOf(*store, row), expected.at(name));
            // Image class: the file's prefix, which is also the majority box class
            // (scratches_7 has three scratches boxes and one inclusion box).
            QVERIFY2(name.rfind(row.className + "_", 0) == 0, qPrintable(qs(name + " → " + row.className)));
        }

        ExportRequest req;
        req.format = "voc";
        req.outDir = m_ws.root() / "neu-voc";
        const auto ex = exportDataset(*store, req);
        QCOMPARE(ex.exported, std::int64_t(6));
        const QRegularExpression objectRe(
            QStringLiteral("<object>\\s*<name>([^<]*)</name>.*?<xmin>([^<]*)</xmin>\\s*<ymin>([^<]*)</ymin>\\s*"
                           "<xmax>([^<]*)</xmax>\\s*<ymax>([^<]*)</ymax>"),
            QRegularExpression::DotMatchesEverythingOption);
        for (const auto &[name, boxes] : expected) {
            const auto stem = std::filesystem::path(name).stem().string();
            QFile xml(qs((req.outDir / "Annotations" / "steel" / (stem + ".xml")).string()));
            QVERIFY2(xml.open(QIODevice::ReadOnly), qPrintable(xml.fileName()));
            const QString text = QString::fromUtf8(xml.readAll());
            std::multiset<Box> got;
            for (auto it = objectRe.globalMatch(text); it.hasNext();) {
                const auto m = it.next();
                got.insert({m.captured(1).toStdString(), m.captured(2).toDouble(), m.captured(3).toDouble(),
                            m.captured(4).toDouble(), m.captured(5).toDouble()});
            }
            QCOMPARE(got, boxes);
            // The image copy is byte-identical.
            QCOMPARE(qs(fileContentHash((req.outDir / "JPEGImages" / "steel" / name).string())),
                     qs(fileContentHash((kData / "neu-det" / "images" / name).string())));
        }

        // The same boxes back through YOLO: exported (normalised, six digits), imported into a
        // project of the same images, equal to the data set's boxes.csv to 0.01 px.
        ExportRequest yolo;
        yolo.format = "yolo";
        yolo.outDir = m_ws.root() / "neu-yolo";
        QCOMPARE(exportDataset(*store, yolo).exported, std::int64_t(6));
        auto again = initProject(dir / "neu-yolo.concord", s,
                                 {"crazing", "inclusion", "patches", "pitted_surface", "rolled-in_scale", "scratches"});
        for (const auto &image : store->images()) {
            ImageRecord r = image;
            r.id = 0;
            again->addImage(r);
        }
        ImportOptions yo;
        yo.format = "yolo";
        yo.labeler = "neu";
        QCOMPARE(importLabels(*again, yolo.outDir, yo).annotations, std::int64_t(15));
        const auto rounded = [](const std::multiset<Box> &boxes) {
            std::multiset<Box> out;
            for (const auto &[c, x1, y1, x2, y2] : boxes)
                out.insert({c, std::round(x1 * 100) / 100, std::round(y1 * 100) / 100, std::round(x2 * 100) / 100,
                            std::round(y2 * 100) / 100});
            return out;
        };
        QCOMPARE(again->labelRows().size(), std::size_t(6));
        for (const auto &row : again->labelRows()) {
            const std::string name = std::filesystem::path(row.imagePath).filename().string();
            QCOMPARE(rounded(boxesOf(*again, row)), rounded(expected.at(name)));
        }
    }
};

QTEST_GUILESS_MAIN(TestIoImport)
#include "tst_io_import.moc"
