// SPDX-License-Identifier: GPL-3.0-or-later
// core/geometry: the one home of shape geometry. Every expected value is worked out by hand
// in the comment beside it.
#include "core/common/error.h"
#include "core/geometry/geometry.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

using namespace concord::core;

class TestGeometry final : public QObject
{
    Q_OBJECT

private slots:
    void lineMeasuresLength()
    {
        // A 3-4-5 triangle scaled by 10: 50 px; at 10 px/mm, 5 mm. A line has no area.
        const Annotation a = makeLineAnnotation({0, 0, 30, 40}, 10.0);
        QVERIFY(a.kind == AnnotationKind::Line);
        QCOMPARE(a.lengthPx, 50.0);
        QCOMPARE(a.lengthMm.value_or(-1), 5.0);
        QCOMPARE(a.area, 0.0);
        // Not calibrated: a length in px, none in mm.
        QVERIFY(!makeLineAnnotation({0, 0, 30, 40}, 0.0).lengthMm);
        // The ends stay in drawing order.
        const auto s = segmentOf(makeLineAnnotation({30, 40, 0, 0}, 1.0));
        QVERIFY(s && s->x1 == 30 && s->y2 == 0);
    }

    void boxMeasuresAreaNotLength()
    {
        // Corners (40,30) and (10,10): ordered to (10,10)-(40,30), 30 × 20 = 600 px². The
        // window used to store the diagonal (√(30²+20²) ≈ 36.06 px) as a box's length, the
        // importers 0: now both store 0, and no mm.
        const Annotation a = makeBoxAnnotation({40, 30, 10, 10}, 10.0);
        QCOMPARE(a.area, 600.0);
        QCOMPARE(a.lengthPx, 0.0);
        QVERIFY(!a.lengthMm);
        const auto s = segmentOf(a);
        QVERIFY(s && s->x1 == 10 && s->y1 == 10 && s->x2 == 40 && s->y2 == 30);
    }

    void polygonAreaByShoelace()
    {
        // An L: (0,0) (4,0) (4,1) (1,1) (1,3) (0,3) = a 4×1 bar + a 1×2 leg = 6 px², in
        // either winding.
        PolygonShape l{{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 3}, {0, 3}}};
        QCOMPARE(areaPx(l), 6.0);
        std::reverse(l.points.begin(), l.points.end());
        QCOMPARE(areaPx(l), 6.0);
        QCOMPARE(areaPx(PointShape{{2, 2}}), 0.0);
    }

    void boxIoUByHand_data()
    {
        QTest::addColumn<double>("ax1");
        QTest::addColumn<double>("ay1");
        QTest::addColumn<double>("ax2");
        QTest::addColumn<double>("ay2");
        QTest::addColumn<double>("bx1");
        QTest::addColumn<double>("by1");
        QTest::addColumn<double>("bx2");
        QTest::addColumn<double>("by2");
        QTest::addColumn<double>("iou");
        // Overlap 5×5 = 25; union 100 + 100 − 25 = 175; 25/175 = 1/7.
        QTest::newRow("quarter") << 0.0 << 0.0 << 10.0 << 10.0 << 5.0 << 5.0 << 15.0 << 15.0 << 1.0 / 7.0;
        QTest::newRow("same") << 0.0 << 0.0 << 10.0 << 10.0 << 0.0 << 0.0 << 10.0 << 10.0 << 1.0;
        // Touching edges share no area.
        QTest::newRow("touching") << 0.0 << 0.0 << 10.0 << 10.0 << 10.0 << 0.0 << 20.0 << 10.0 << 0.0;
        // Inside: 4×4 = 16 of 100.
        QTest::newRow("inside") << 0.0 << 0.0 << 10.0 << 10.0 << 2.0 << 2.0 << 6.0 << 6.0 << 0.16;
        // Corners given in any order.
        QTest::newRow("unordered") << 10.0 << 10.0 << 0.0 << 0.0 << 15.0 << 15.0 << 5.0 << 5.0 << 1.0 / 7.0;
        QTest::newRow("empty") << 0.0 << 0.0 << 0.0 << 0.0 << 0.0 << 0.0 << 0.0 << 0.0 << 0.0;
    }
    void boxIoUByHand()
    {
        QFETCH(double, ax1);
        QFETCH(double, ay1);
        QFETCH(double, ax2);
        QFETCH(double, ay2);
        QFETCH(double, bx1);
        QFETCH(double, by1);
        QFETCH(double, bx2);
        QFETCH(double, by2);
        QFETCH(double, iou);
        QVERIFY(std::abs(boxIoU({ax1, ay1, ax2, ay2}, {bx1, by1, bx2, by2}) - iou) < 1e-12);
        QVERIFY(std::abs(boxIoU({bx1, by1, bx2, by2}, {ax1, ay1, ax2, ay2}) - iou) < 1e-12);
    }

    void storedJsonRoundTrips()
    {
        using nlohmann::json;
        // The stored forms DESIGN §11 and the exporters read.
        QVERIFY(json::parse(encodeGeometry(BoxShape{{5, 6, 1, 2}})) == json::parse(R"({"x1":1,"y1":2,"x2":5,"y2":6})"));
        QVERIFY(json::parse(encodeGeometry(PointShape{{1.5, 2}}, "dent")) ==
                json::parse(R"({"x":1.5,"y":2,"class":"dent"})"));
        QVERIFY(json::parse(encodeGeometry(PolygonShape{{{0, 0}, {4, 0}, {0, 3}}})) ==
                json::parse(R"({"points":[[0,0],[4,0],[0,3]]})"));
        const Annotation p = makeAnnotation(PolygonShape{{{0, 0}, {4, 0}, {0, 3}}}, 10.0, "scratch");
        QCOMPARE(p.area, 6.0); // ½ · 4 · 3
        QCOMPARE(ownClassOf(p).value_or(""), std::string("scratch"));
        const auto back = std::get<PolygonShape>(decodeGeometry(AnnotationKind::Polygon, p.geometry));
        QCOMPARE(int(back.points.size()), 3);
        QCOMPARE(back.points[2].y, 3.0);
        // An edit keeps the shape's own class, id and label.
        Annotation box = makeAnnotation(BoxShape{{0, 0, 2, 2}}, 1.0, "dent");
        box.id = 7;
        box.label = 3;
        const Annotation moved = withSegment(box, {0, 0, 4, 4}, 1.0);
        QCOMPARE(moved.id, 7);
        QCOMPARE(moved.label, 3);
        QCOMPARE(moved.area, 16.0);
        QCOMPARE(ownClassOf(moved).value_or(""), std::string("dent"));
    }

    void malformedGeometryIsAnError_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("json");
        QTest::newRow("not json") << int(AnnotationKind::Box) << QStringLiteral("{x1:");
        QTest::newRow("array") << int(AnnotationKind::Box) << QStringLiteral("[1,2,3,4]");
        QTest::newRow("missing y2") << int(AnnotationKind::Line) << QStringLiteral(R"({"x1":0,"y1":0,"x2":1})");
        QTest::newRow("text") << int(AnnotationKind::Box) << QStringLiteral(R"({"x1":"0","y1":0,"x2":1,"y2":1})");
        QTest::newRow("null (was 1e308 overflow)")
            << int(AnnotationKind::Box) << QStringLiteral(R"({"x1":0,"y1":0,"x2":null,"y2":1})");
        QTest::newRow("two vertices") << int(AnnotationKind::Polygon) << QStringLiteral(R"({"points":[[0,0],[1,1]]})");
        QTest::newRow("bad vertex") << int(AnnotationKind::Polygon)
                                    << QStringLiteral(R"({"points":[[0,0],[1,1],[2]]})");
        QTest::newRow("point without y") << int(AnnotationKind::Point) << QStringLiteral(R"({"x":1})");
    }
    void malformedGeometryIsAnError()
    {
        QFETCH(int, kind);
        QFETCH(QString, json);
        try {
            decodeGeometry(static_cast<AnnotationKind>(kind), json.toStdString());
            QFAIL("accepted");
        } catch (const Error &e) {
            QVERIFY(e.code() == ErrorCode::Invalid);
            QCOMPARE(e.field(), std::string("geometry"));
        }
        Annotation a;
        a.kind = static_cast<AnnotationKind>(kind);
        a.geometry = json.toStdString();
        QVERIFY(!shapeOf(a)); // the never-throwing form
    }

    void calibration()
    {
        // The image's own px/mm wins; else the project's; else none.
        ImageRecord img;
        ProjectSettings settings;
        settings.pxPerMm = 40.0;
        QCOMPARE(effectivePxPerMm(img, settings), 40.0);
        img.pxPerMm = 25.0;
        QCOMPARE(effectivePxPerMm(img, settings), 25.0);
        img.pxPerMm = 0.0;
        settings.pxPerMm = 0.0;
        QCOMPARE(effectivePxPerMm(img, settings), 0.0);
        QVERIFY(!pxToMm(10.0, 0.0));
        QVERIFY(!pxToMm(10.0, std::numeric_limits<double>::quiet_NaN()));
        QCOMPARE(pxToMm(10.0, 4.0).value_or(0), 2.5);
        QCOMPARE(distancePx({0, 0}, {3, 4}), 5.0);
        // An area: 600 px² at 10 px/mm is 600 / 100 = 6 mm²; none without a calibration.
        QCOMPARE(pxAreaToMm2(600.0, 10.0).value_or(0), 6.0);
        QVERIFY(!pxAreaToMm2(600.0, 0.0));
    }

    void editsKeepTheShapesClass()
    {
        // The canvas's edits (issue #17): a shape keeps its id, label and own class (classId)
        // whatever is dragged; withSegment() used to drop classId, which the store then read
        // as "the label's class".
        Annotation box = makeBoxAnnotation({0, 0, 2, 2}, 1.0);
        box.id = 7;
        box.label = 3;
        box.classId = 12;
        QCOMPARE(withSegment(box, {0, 0, 4, 4}, 1.0).classId, Id{12});
        // A triangle (0,0) (4,0) (0,3), area 6, moved by (10, 20): same area, vertices moved.
        Annotation tri = makeAnnotation(PolygonShape{{{0, 0}, {4, 0}, {0, 3}}}, 0.0);
        tri.id = 9;
        tri.classId = 5;
        const Shape moved = translated(*shapeOf(tri), 10, 20);
        const Annotation m = withShape(tri, moved, 0.0);
        QCOMPARE(m.id, Id{9});
        QCOMPARE(m.classId, Id{5});
        QCOMPARE(m.area, 6.0);
        const auto &mp = std::get<PolygonShape>(moved).points;
        QCOMPARE(mp[1].x, 14.0);
        QCOMPARE(mp[2].y, 23.0);
        // Vertex 2 dragged from (0,3) to (0,6): area ½ · 4 · 6 = 12.
        const Annotation v = withShape(tri, withHandleMoved(*shapeOf(tri), 2, {0, 6}), 0.0);
        QCOMPARE(v.area, 12.0);
        QCOMPARE(v.classId, Id{5});
        // A handle out of range changes nothing.
        QCOMPARE(withShape(tri, withHandleMoved(*shapeOf(tri), 3, {50, 50}), 0.0).area, 6.0);
    }

    void handlesAndBounds()
    {
        // A box's handles: the stored corners, then (x2,y1) and (x1,y2).
        const auto h = handlesOf(BoxShape{{1, 2, 5, 8}});
        QCOMPARE(int(h.size()), 4);
        QCOMPARE(h[2].x, 5.0);
        QCOMPARE(h[2].y, 2.0);
        QCOMPARE(h[3].x, 1.0);
        QCOMPARE(h[3].y, 8.0);
        // Dragging (x2,y1) = (5,2) to (9,0) keeps (x1,y2) = (1,8): 8 × 8 = 64 px².
        const Shape b = withHandleMoved(BoxShape{{1, 2, 5, 8}}, 2, {9, 0});
        QCOMPARE(areaPx(b), 64.0);
        // Dragged past the opposite corner: unordered while dragging, ordered when stored.
        const Shape flipped = withHandleMoved(BoxShape{{1, 2, 5, 8}}, 1, {0, 0});
        QCOMPARE(areaPx(flipped), 2.0); // (0,0)-(1,2)
        QVERIFY(nlohmann::json::parse(encodeGeometry(flipped)) ==
                nlohmann::json::parse(R"({"x1":0,"y1":0,"x2":1,"y2":2})"));
        // A line has two handles; a point one.
        QCOMPARE(int(handlesOf(LineShape{{0, 0, 3, 4}}).size()), 2);
        const auto line = std::get<LineShape>(withHandleMoved(LineShape{{0, 0, 3, 4}}, 0, {6, 8}));
        QCOMPARE(lengthPx(line.ends), 5.0); // (6,8) to (3,4)
        QCOMPARE(std::get<PointShape>(withHandleMoved(PointShape{{1, 1}}, 0, {2, 3})).at.y, 3.0);
        // Bounds: of an L-shaped polygon, of a point (empty, at it).
        const Segment lb = boundsOf(PolygonShape{{{10, 5}, {40, 5}, {40, 15}, {20, 15}, {20, 30}, {10, 30}}});
        QCOMPARE(lb.x1, 10.0);
        QCOMPARE(lb.y1, 5.0);
        QCOMPARE(lb.x2, 40.0);
        QCOMPARE(lb.y2, 30.0);
        const Segment pb = boundsOf(PointShape{{7, 9}});
        QVERIFY(pb.x1 == 7 && pb.x2 == 7 && pb.y1 == 9 && pb.y2 == 9);
    }
};

QTEST_GUILESS_MAIN(TestGeometry)
#include "tst_geometry.moc"
