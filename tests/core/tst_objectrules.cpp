// SPDX-License-Identifier: GPL-3.0-or-later
// Object rules (issue #17, docs/RULES.md "Object rules"): `for objects of class scratch: drop if
// length_mm < 1.5` parses, reads the object's own measurements, previews every object change
// with the object F1 before and after, applies in one transaction and undoes exactly, on both
// backends. Every expected number is worked by hand in the comments.
#include "core/common/error.h"
#include "core/demo/demo.h"
#include "core/geometry/objectattributes.h"
#include "core/project/project_objects.h"
#include "core/project/project_ops.h"
#include "core/standards/rule.h"
#include "core/standards/ruleerror.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardpreview.h"
#include "store_backends.h"
#include "test_printers.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <sstream>

using namespace concord::core;
using concord_test::addBackendRows;
using concord_test::freshLocation;

namespace {

std::map<std::string, AttrValue> attributeMap(const Shape &shape, int w, int h, double pxPerMm)
{
    std::map<std::string, AttrValue> out;
    for (auto &[k, v] : objectAttributes(shape, w, h, pxPerMm))
        out.emplace(k, v);
    return out;
}

double num(const std::map<std::string, AttrValue> &m, const std::string &key)
{
    return std::get<double>(m.at(key));
}

/// Every stored shape, one line each, every column: equal strings mean equal tables.
std::string shapeTable(const Store &store)
{
    std::ostringstream out;
    out.precision(17);
    for (const AnnotationKind kind :
         {AnnotationKind::Box, AnnotationKind::Line, AnnotationKind::Polygon, AnnotationKind::Point})
        for (const auto &[label, a] : store.annotationsOfKind(kind))
            out << a.id << '|' << a.label << '|' << toString(a.kind) << '|' << a.geometry << '|' << a.lengthPx << '|'
                << (a.lengthMm ? std::to_string(*a.lengthMm) : "-") << '|' << a.area << '|' << a.classId << '|'
                << label.updatedAt << '\n';
    return out.str();
}

Annotation line(double x1, double y1, double x2, double y2)
{
    const double len = std::hypot(x2 - x1, y2 - y1);
    std::ostringstream g;
    g << R"({"x1":)" << x1 << R"(,"y1":)" << y1 << R"(,"x2":)" << x2 << R"(,"y2":)" << y2 << "}";
    return Annotation{0, 0, AnnotationKind::Line, g.str(), len, len / 10.0, 0.0};
}

Annotation box(double x1, double y1, double x2, double y2, Id cls)
{
    std::ostringstream g;
    g << R"({"x1":)" << x1 << R"(,"y1":)" << y1 << R"(,"x2":)" << x2 << R"(,"y2":)" << y2 << "}";
    Annotation a{0, 0, AnnotationKind::Box, g.str(), 0.0, {}, (x2 - x1) * (y2 - y1)};
    a.classId = cls;
    return a;
}

} // namespace

class TestObjectRules : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// One 100 × 100 image at 10 px/mm labelled "scratch" by three labelers:
    ///   ana: a 5 mm line (0,0)-(30,40) and a 1 mm line (10,10)-(16,18)
    ///   ben: the 5 mm line
    ///   cy:  the 5 mm line and a dent box (50,50)-(70,70): 20 × 20 px = 4 mm²
    std::unique_ptr<Store> makeProject(const QString &backend, const std::string &name)
    {
        const auto location = freshLocation(backend, m_dir, name);
        auto store = initProject(location, {"objects", 10.0, 3, false}, {"ok", "scratch", "dent"});
        ImageRecord img;
        img.path = "plate.png";
        img.hash = "h";
        img.width = 100;
        img.height = 100;
        const Id image = store->addImage(img);
        const Id scratch = store->classByName("scratch")->id;
        const Id dent = store->classByName("dent")->id;
        saveLabel(*store, image, store->addLabeler("ana", Role::Labeler), scratch,
                  {line(0, 0, 30, 40), line(10, 10, 16, 18)});
        saveLabel(*store, image, store->addLabeler("ben", Role::Labeler), scratch, {line(0, 0, 30, 40)});
        saveLabel(*store, image, store->addLabeler("cy", Role::Labeler), scratch,
                  {line(0, 0, 30, 40), box(50, 50, 70, 70, dent)});
        return store;
    }

    static Id addRule(Store &store, const std::string &title, const std::string &rule)
    {
        Standard s;
        s.title = title;
        s.body = title;
        s.rule = rule;
        return store.addStandard(s);
    }

private slots:
    void parsesAndDescribes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("drop") << "for objects of class scratch: drop if length_mm < 1.5"
                              << "for objects of class scratch: drop if length_mm < 1.5 else keep";
        QTest::newRow("relabel") << "for objects of class dent: relabel scratch if area_mm2 >= 4"
                                 << "for objects of class dent: relabel scratch if area_mm2 >= 4 else keep";
        QTest::newRow("chain") << "for objects of class a, b when border_mm < 2: drop if kind = \"point\" else "
                                  "relabel c if aspect > 3 else keep"
                               << "for objects of class a, b when border_mm < 2: drop if kind = \"point\" else "
                                  "relabel c if aspect > 3 else keep";
        QTest::newRow("every object") << "for objects: drop"
                                      << "for objects: drop";
        QTest::newRow("label is the object's class")
            << "for objects: relabel dent if label = scratch and area_px > 100"
            << "for objects: relabel dent if (label in {scratch} and area_px > 100) else keep";
    }
    void parsesAndDescribes()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const Rule rule = parseRule(text.toStdString());
        QVERIFY(rule.forObjects);
        QCOMPARE(QString::fromStdString(describeRule(rule)), canonical);
        QCOMPARE(QString::fromStdString(describeRule(parseRule(describeRule(rule)))), canonical); // a fixed point
    }

    void parseErrorsNameTheColumn_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("no objects") << "for object: drop" << 5 << "expected 'objects' at column 5";
        QTest::newRow("unknown action") << "for objects: explode" << 14
                                        << "expected 'drop', 'relabel' or 'keep' at column 14";
        QTest::newRow("relabel without class") << "for objects: relabel" << 21 << "expected the class to relabel to";
        QTest::newRow("of without class") << "for objects of scratch: drop" << 16 << "expected 'class' at column 16";
        QTest::newRow("trailing") << "for objects: drop if area_px < 3 scratch" << 34
                                  << "expected 'else' or end of rule at column 34";
    }
    void parseErrorsNameTheColumn()
    {
        QFETCH(QString, text);
        QFETCH(int, column);
        QFETCH(QString, message);
        try {
            parseRule(text.toStdString());
            QFAIL("parsed");
        } catch (const RuleError &e) {
            QCOMPARE(e.column(), column);
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void measuresAnObject()
    {
        // A 10 × 4 box at (2, 3) on a 100 × 50 image at 2 px/mm.
        const auto b = attributeMap(BoxShape{{2, 3, 12, 7}}, 100, 50, 2.0);
        QCOMPARE(std::get<std::string>(b.at("kind")), std::string("box"));
        QCOMPARE(num(b, "length_px"), 10.0); // the longer side
        QCOMPARE(num(b, "width_mm"), 5.0);
        QCOMPARE(num(b, "height_px"), 4.0);
        QCOMPARE(num(b, "area_px"), 40.0);
        QCOMPARE(num(b, "area_mm2"), 10.0); // 40 / 2²
        QCOMPARE(num(b, "aspect"), 2.5);
        QCOMPARE(num(b, "border_px"), 2.0); // min(2, 3, 100 - 12, 50 - 7)
        QCOMPARE(num(b, "border_mm"), 1.0);
        // A 3-4-5 line: a length, no area; without calibration no millimetres.
        const auto l = attributeMap(LineShape{{0, 0, 3, 4}}, 100, 50, 0.0);
        QCOMPARE(num(l, "length_px"), 5.0);
        QVERIFY(!l.count("length_mm"));
        QVERIFY(!l.count("area_px"));
        QCOMPARE(num(l, "border_px"), 0.0);
        // A right triangle: shoelace area 6, bounding box 4 × 3.
        const auto t = attributeMap(PolygonShape{{{10, 10}, {14, 10}, {10, 13}}}, 100, 50, 1.0);
        QCOMPARE(num(t, "area_px"), 6.0);
        QCOMPARE(num(t, "length_px"), 4.0);
        QCOMPARE(num(t, "aspect"), 4.0 / 3.0);
        // A point: where it is, nothing more.
        const auto p = attributeMap(PointShape{{20, 45}}, 100, 50, 1.0);
        QCOMPARE(num(p, "border_px"), 5.0);
        QVERIFY(!p.count("length_px"));
    }

    void unknownAttributeNamesTheObjectOnes()
    {
        auto store = initProject(freshLocation("sqlite", m_dir, "unknown"), {"u", 0, 2, false}, {"ok", "scratch"});
        try {
            checkRule("for objects: drop if lenght_mm < 2", *store);
            QFAIL("validated");
        } catch (const RuleError &e) {
            QCOMPARE(e.column(), 22);
            QVERIFY2(QString::fromUtf8(e.what()).contains("an object's are: kind, length_px, length_mm"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(RuleError, checkRule("for objects of class pit: drop", *store)); // no such class
        checkRule("for objects of class scratch: drop if length_mm < 1.5", *store);               // no image attributes
    }

    void dropPreviewApplyUndo_data() { addBackendRows(); }
    void dropPreviewApplyUndo()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "drop");
        const std::string original = shapeTable(*store);
        const Id sid = addRule(*store, "Short scratches", "for objects of class scratch: drop if length_mm < 1.5");

        const StandardPreview p = previewStandard(*store, sid);
        QCOMPARE(p.objectsInScope, std::int64_t(4)); // the four scratch lines; the dent is another class
        QCOMPARE(p.objectsDecided, std::int64_t(4));
        QCOMPARE(p.objectsUndecided, std::int64_t(0));
        QCOMPARE(p.objectChanges.size(), std::size_t(1));
        const ObjectChange &ch = p.objectChanges.front();
        QCOMPARE(ch.labelerName, std::string("ana"));
        QVERIFY(ch.drop);
        QCOMPARE(ch.from, std::string("scratch"));
        QCOMPARE(std::get<double>(ch.decidedBy.at(0).second), 1.0); // (10,10)-(16,18): 10 px = 1 mm
        QVERIFY(p.changes.empty());                                 // no image class changes
        // Object F1 (lines match within 10 px): pairs ana–ben 1 match of 2 + 1 shapes, ana–cy
        // 1 of 2 + 2, ben–cy 1 of 1 + 2: 2·3 / 10 = 0.6 before; without ana's short line
        // 2·3 / (2 + 3 + 3) = 0.75 after.
        QCOMPARE(p.objectsBefore.f1Iou50, 0.6);
        QCOMPARE(p.objectsAfter.f1Iou50, 0.75);
        QCOMPARE(p.objectsBefore.shapes, std::int64_t(5));
        QCOMPARE(p.objectsAfter.shapes, std::int64_t(4));
        QCOMPARE(shapeTable(*store), original); // a preview writes nothing

        const ApplyResult applied = applyStandard(*store, sid);
        QCOMPARE(applied.preview.objectChanges.size(), std::size_t(1));
        QVERIFY(shapeTable(*store) != original);
        QCOMPARE(store->annotationsOfLabel(ch.label).size(), std::size_t(1));
        QCOMPARE(previewStandard(*store, sid).objectChanges.size(), std::size_t(0)); // nothing left to drop

        const UndoResult undone = undoStandardApply(*store, applied.auditId);
        QCOMPARE(undone.objects, std::int64_t(1));
        QCOMPARE(shapeTable(*store), original); // exact: same ids, geometry, class, label times
    }

    void relabelApplyUndo_data() { addBackendRows(); }
    void relabelApplyUndo()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "relabel");
        const std::string original = shapeTable(*store);
        const Id sid = addRule(*store, "Big dents", "for objects of class dent: relabel scratch if area_mm2 >= 4");
        const StandardPreview p = previewStandard(*store, sid);
        QCOMPARE(p.objectChanges.size(), std::size_t(1)); // cy's box: 400 px² / 10² = 4 mm²
        QCOMPARE(p.objectChanges.front().to, std::string("scratch"));
        QCOMPARE(p.objectChanges.front().labelerName, std::string("cy"));
        const ApplyResult applied = applyStandard(*store, sid);
        const Id scratch = store->classByName("scratch")->id;
        QCOMPARE(store->annotationsOfKind(AnnotationKind::Box).front().second.classId, scratch);
        QCOMPARE(store->label(p.objectChanges.front().image, p.objectChanges.front().labeler)->labelClass,
                 scratch); // the image's class is the labeler's still
        undoStandardApply(*store, applied.auditId);
        QCOMPARE(shapeTable(*store), original);
    }

    void undoRefusesWhenTheLabelerRedrew_data() { addBackendRows(); }
    void undoRefusesWhenTheLabelerRedrew()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "redrew");
        const Id sid = addRule(*store, "Short scratches", "for objects of class scratch: drop if length_mm < 1.5");
        const ApplyResult applied = applyStandard(*store, sid);
        const auto &ch = applied.preview.objectChanges.front();
        QTest::qWait(5); // a later millisecond: the save's update time differs from the apply's
        saveLabel(*store, ch.image, ch.labeler, store->classByName("scratch")->id,
                  {line(0, 0, 30, 40), line(60, 60, 90, 90)}); // ana draws again after the apply
        const std::string afterSave = shapeTable(*store);
        try {
            undoStandardApply(*store, applied.auditId);
            QFAIL("the undo discarded ana's new drawing");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QVERIFY2(QString::fromUtf8(e.what()).contains("an object of ana"), e.what());
        }
        QCOMPARE(shapeTable(*store), afterSave); // nothing changed
    }

    void demoStandardRaisesObjectF1()
    {
        // The demo's labelers draw a further scratch only from their own length on (1.0 to
        // 2.8 mm, docs/DEMO.md). The standard "a scratch under 2.8 mm is not drawn" removes
        // exactly that disagreement. Its preview's what-if figure must be the figure of the
        // project after the apply (computed again from the stored shapes), and must be higher
        // by a clear margin; docs/DEMO.md states the 300-image figures (0.762 → 0.862).
        const auto file = std::filesystem::path(m_dir.path().toStdString()) / "demo.concord";
        DemoOptions options;
        options.images = 120;
        generateDemo(file, options);
        auto store = openStore(file.string());
        const Id sid = addRule(*store, "Short scratches", "for objects of class scratch: drop if length_mm < 2.8");
        const StandardPreview p = previewStandard(*store, sid);
        QVERIFY(!p.objectChanges.empty());
        QVERIFY2(p.objectsAfter.f1Iou50 - p.objectsBefore.f1Iou50 > 0.05,
                 qPrintable(QStringLiteral("%1 -> %2").arg(p.objectsBefore.f1Iou50).arg(p.objectsAfter.f1Iou50)));
        const double before = computeProjectObjectAgreement(*store).f1Iou50;
        QCOMPARE(before, p.objectsBefore.f1Iou50);
        const std::string original = shapeTable(*store);
        const ApplyResult applied = applyStandard(*store, sid);
        QCOMPARE(computeProjectObjectAgreement(*store).f1Iou50, p.objectsAfter.f1Iou50);
        undoStandardApply(*store, applied.auditId);
        QCOMPARE(shapeTable(*store), original);
        QCOMPARE(computeProjectObjectAgreement(*store).f1Iou50, before);
    }
};

QTEST_GUILESS_MAIN(TestObjectRules)
#include "tst_objectrules.moc"
