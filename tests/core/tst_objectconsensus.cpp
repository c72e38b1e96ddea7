// SPDX-License-Identifier: GPL-3.0-or-later
// Consensus objects (issue #17, docs/AGREEMENT.md "Consensus objects"): the clustering of
// matched shapes across labelers, the quorum, the class vote and the geometry fusion. Every
// expected figure is worked out by hand in the comment beside it;
// tests/reference/object_consensus.py checks the same engine against an independent Python
// implementation on a synthetic data set.

#include "core/agreement/objectconsensus.h"

#include "core/common/error.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace concord::core;

namespace {

constexpr double kTol = 1e-12;

#define QCOMPARE_NEAR(actual, expected, tolerance)                                                                     \
    QVERIFY2(std::abs(static_cast<double>(actual) - static_cast<double>(expected)) <= (tolerance),                     \
             qPrintable(QStringLiteral("%1 is %2, expected %3")                                                        \
                            .arg(QStringLiteral(#actual))                                                              \
                            .arg(static_cast<double>(actual), 0, 'g', 17)                                              \
                            .arg(static_cast<double>(expected), 0, 'g', 17)))

/// A table of one image "img" with classes scratch (0) and dent (1).
ObjectTable oneImage(const std::vector<std::string> &labelers)
{
    ObjectTable t;
    t.cls("scratch");
    t.cls("dent");
    const auto item = t.item("img");
    for (const auto &l : labelers)
        t.markLabeled(item, t.labeler(l));
    return t;
}

void addBox(ObjectTable &t, const std::string &labeler, double x1, double y1, double x2, double y2,
            std::int32_t cls = 0)
{
    t.add(t.item("img"), t.labeler(labeler), ObjectShape::box(cls, x1, y1, x2, y2));
}

std::vector<double> corners(const ConsensusObject &o)
{
    return {o.shape.points[0].x, o.shape.points[0].y, o.shape.points[1].x, o.shape.points[1].y};
}

void compareBox(const ConsensusObject &o, std::vector<double> expected)
{
    const auto got = corners(o);
    for (std::size_t i = 0; i < 4; ++i)
        QCOMPARE_NEAR(got[i], expected[i], kTol);
}

std::vector<std::string> memberNames(const ObjectConsensus &c, const ConsensusObject &o)
{
    std::vector<std::string> out;
    for (const auto &m : o.members)
        out.push_back(c.labelerNames[static_cast<std::size_t>(m.labeler)]);
    return out;
}

/// toJson with the objects, without the members' shape indices (which follow the order shapes
/// were added in).
nlohmann::json withoutShapeIndices(nlohmann::json j)
{
    for (const char *list : {"objects", "unresolved"})
        for (auto &o : j[list])
            for (auto &m : o["members"])
                m.erase("shape");
    return j;
}

} // namespace

class TestObjectConsensus final : public QObject
{
    Q_OBJECT

private slots:
    void twoOfThreeAgree();
    void weightedBoxFusion();
    void oneOfThreeIsUnresolved();
    void classDisagreement();
    void classTie();
    void degenerateAndEmpty();
    void oneLabelerOnly();
    void quorumSettings();
    void quorumSettings_data();
    void parseQuorum();
    void onePerLabelerAndCompleteLinkage();
    void pointsLinesPolygonsByMedoid();
    void dawidSkeneVote();
    void orderIndependent();
    void json();
    void invalidOptions();
};

void TestObjectConsensus::twoOfThreeAgree()
{
    // ann (0,0)-(10,10) and bo (1,0)-(11,10): intersection 9 × 10 = 90, union 100 + 100 − 90 =
    // 110, IoU 9/11 ≥ 0.5. cy labeled the image and drew nothing. Three labelers: the quorum is
    // ⌊3/2⌋ + 1 = 2. Two members have the same mean IoU (9/11), so the weighted fusion is the
    // plain mean: (0.5, 0, 10.5, 10).
    ObjectTable t = oneImage({"ann", "bo", "cy"});
    addBox(t, "ann", 0, 0, 10, 10);
    addBox(t, "bo", 11, 10, 1, 0); // corners the other way round
    const ObjectConsensus c = computeObjectConsensus(t);
    QCOMPARE(c.objects.size(), std::size_t{1});
    QCOMPARE(c.unresolved.size(), std::size_t{0});
    const ConsensusObject &o = c.objects[0];
    QVERIFY(o.fusion == ObjectFusion::WeightedBoxFusion);
    QCOMPARE(o.labelers, 3);
    QCOMPARE(o.quorum, 2);
    QCOMPARE(memberNames(c, o), (std::vector<std::string>{"ann", "bo"}));
    QCOMPARE(o.pairs.size(), std::size_t{1});
    QCOMPARE_NEAR(o.pairs[0].iou, 9.0 / 11.0, kTol);
    QCOMPARE_NEAR(o.members[0].agreement, 9.0 / 11.0, kTol);
    compareBox(o, {0.5, 0.0, 10.5, 10.0});
    QCOMPARE(o.cls, 0);
    QCOMPARE(o.classShare, 1.0);
}

void TestObjectConsensus::weightedBoxFusion()
{
    // A = (0,0)-(10,10), B = (0,0)-(10,12), C = (0,0)-(12,10).
    // IoU(A,B) = 100/120 = 5/6; IoU(A,C) = 5/6; IoU(B,C) = 100/(120 + 120 − 100) = 5/7.
    // Weights (mean IoU with the others): wA = 5/6 = 70/84, wB = wC = (5/6 + 5/7)/2 = 65/84.
    // x2 = (10·70 + 10·65 + 12·65) / 200 = 2130/200 = 10.65; y2 likewise 10.65; x1 = y1 = 0.
    ObjectTable t = oneImage({"ann", "bo", "cy"});
    addBox(t, "ann", 0, 0, 10, 10);
    addBox(t, "bo", 0, 0, 10, 12);
    addBox(t, "cy", 0, 0, 12, 10);
    const ObjectConsensus c = computeObjectConsensus(t);
    QCOMPARE(c.objects.size(), std::size_t{1});
    const ConsensusObject &o = c.objects[0];
    QCOMPARE(o.members.size(), std::size_t{3});
    QCOMPARE_NEAR(o.members[0].agreement, 70.0 / 84.0, kTol);
    QCOMPARE_NEAR(o.members[1].agreement, 65.0 / 84.0, kTol);
    QCOMPARE_NEAR(o.members[2].agreement, 65.0 / 84.0, kTol);
    QCOMPARE(o.pairs.size(), std::size_t{3});
    compareBox(o, {0.0, 0.0, 10.65, 10.65});
}

void TestObjectConsensus::oneOfThreeIsUnresolved()
{
    // ann and bo agree on (0,0)-(10,10); ann alone drew (50,50)-(60,60): 1 member < quorum 2.
    ObjectTable t = oneImage({"ann", "bo", "cy"});
    addBox(t, "ann", 0, 0, 10, 10);
    addBox(t, "ann", 50, 50, 60, 60);
    addBox(t, "bo", 0, 0, 10, 10);
    const ObjectConsensus c = computeObjectConsensus(t);
    QCOMPARE(c.objects.size(), std::size_t{1});
    compareBox(c.objects[0], {0, 0, 10, 10});
    QCOMPARE(c.unresolved.size(), std::size_t{1});
    const ConsensusObject &u = c.unresolved[0];
    QCOMPARE(memberNames(c, u), (std::vector<std::string>{"ann"}));
    QCOMPARE(u.members[0].shape, 1);
    QVERIFY(u.fusion == ObjectFusion::Single);
    QCOMPARE(u.quorum, 2);
    compareBox(u, {50, 50, 60, 60});
    QVERIFY(std::isnan(u.members[0].agreement));
}

void TestObjectConsensus::classDisagreement()
{
    // One box drawn by all three: ann and bo say scratch, cy says dent.
    ObjectTable t = oneImage({"ann", "bo", "cy"});
    addBox(t, "ann", 0, 0, 10, 10, 0);
    addBox(t, "bo", 0, 0, 10, 10, 0);
    addBox(t, "cy", 0, 0, 10, 10, 1);
    // Default (class-agnostic clusters): one object of three members, scratch by 2 votes of 3.
    ObjectConsensus c = computeObjectConsensus(t);
    QCOMPARE(c.objects.size(), std::size_t{1});
    QCOMPARE(c.objects[0].members.size(), std::size_t{3});
    QCOMPARE(c.objects[0].cls, 0);
    QCOMPARE(c.objects[0].shape.cls, 0);
    QCOMPARE_NEAR(c.objects[0].classShare, 2.0 / 3.0, kTol);
    QVERIFY(!c.objects[0].classTie);
    QCOMPARE(c.unresolved.size(), std::size_t{0});
    // Class-aware: scratch {ann, bo} reaches 2; cy's dent is alone, unresolved.
    ObjectConsensusOptions o;
    o.classAware = true;
    c = computeObjectConsensus(t, o);
    QCOMPARE(c.objects.size(), std::size_t{1});
    QCOMPARE(memberNames(c, c.objects[0]), (std::vector<std::string>{"ann", "bo"}));
    QCOMPARE(c.unresolved.size(), std::size_t{1});
    QCOMPARE(c.unresolved[0].cls, 1);
}

void TestObjectConsensus::classTie()
{
    // Two labelers (quorum ⌊2/2⌋ + 1 = 2), one box each, ann dent and bo scratch: one vote each;
    // the tie goes to the first class in class order, scratch (0), and is flagged.
    ObjectTable t = oneImage({"ann", "bo"});
    addBox(t, "ann", 0, 0, 10, 10, 1);
    addBox(t, "bo", 0, 0, 10, 10, 0);
    const ObjectConsensus c = computeObjectConsensus(t);
    QCOMPARE(c.objects.size(), std::size_t{1});
    QCOMPARE(c.objects[0].cls, 0);
    QVERIFY(c.objects[0].classTie);
    QCOMPARE(c.objects[0].classShare, 0.5);
    QCOMPARE(c.classTies, std::int64_t{1});
}

void TestObjectConsensus::degenerateAndEmpty()
{
    // A box of zero width has IoU 0 with everything, itself included: three identical
    // zero-width boxes never match, so each is a cluster of one, below the quorum of 2.
    ObjectTable t = oneImage({"ann", "bo", "cy"});
    for (const char *l : {"ann", "bo", "cy"})
        addBox(t, l, 5, 5, 5, 15);
    ObjectConsensus c = computeObjectConsensus(t);
    QCOMPARE(c.objects.size(), std::size_t{0});
    QCOMPARE(c.unresolved.size(), std::size_t{3});
    // Nobody drew anything: no cluster at all.
    c = computeObjectConsensus(oneImage({"ann", "bo", "cy"}));
    QCOMPARE(c.objects.size(), std::size_t{0});
    QCOMPARE(c.unresolved.size(), std::size_t{0});
    QCOMPARE(c.images, std::int64_t{1});
    // An empty table.
    c = computeObjectConsensus(ObjectTable{});
    QCOMPARE(c.images, std::int64_t{0});
    QVERIFY(c.objects.empty());
}

void TestObjectConsensus::oneLabelerOnly()
{
    // One labeler: quorum ⌊1/2⌋ + 1 = 1; each box is an object of one member, as drawn (corners
    // ordered), counted in single_member_objects.
    ObjectTable t = oneImage({"ann"});
    addBox(t, "ann", 10, 10, 0, 0);
    const ObjectConsensus c = computeObjectConsensus(t);
    QCOMPARE(c.objects.size(), std::size_t{1});
    QVERIFY(c.objects[0].fusion == ObjectFusion::Single);
    QCOMPARE(c.objects[0].quorum, 1);
    compareBox(c.objects[0], {0, 0, 10, 10});
    QCOMPARE(c.singleMemberObjects, std::int64_t{1});
    // With an absolute quorum of 2, a one-labeler image has no consensus.
    ObjectConsensusOptions o;
    o.quorum = ObjectQuorum::count(2);
    QCOMPARE(computeObjectConsensus(t, o).unresolved.size(), std::size_t{1});
}

void TestObjectConsensus::quorumSettings_data()
{
    QTest::addColumn<QString>("quorum");
    QTest::addColumn<int>("required");
    // Four labelers, two of whom drew the box.
    QTest::newRow("majority: ⌊4/2⌋ + 1 = 3") << QStringLiteral("majority") << 3;
    QTest::newRow("count 2") << QStringLiteral("2") << 2;
    QTest::newRow("count 5 > labelers") << QStringLiteral("5") << 5;
    QTest::newRow("fraction 0.5: ⌈2⌉ = 2") << QStringLiteral("0.5") << 2;
    QTest::newRow("50%") << QStringLiteral("50%") << 2;
    QTest::newRow("fraction 0.51: ⌈2.04⌉ = 3") << QStringLiteral("0.51") << 3;
    QTest::newRow("fraction 0.75: 3") << QStringLiteral("0.75") << 3;
    QTest::newRow("fraction 0.1: ⌈0.4⌉ = 1") << QStringLiteral("0.1") << 1;
}

void TestObjectConsensus::quorumSettings()
{
    QFETCH(QString, quorum);
    QFETCH(int, required);
    ObjectTable t = oneImage({"ann", "bo", "cy", "di"});
    addBox(t, "ann", 0, 0, 10, 10);
    addBox(t, "bo", 0, 0, 10, 10);
    ObjectConsensusOptions o;
    o.quorum = parseObjectQuorum(quorum.toStdString());
    QCOMPARE(o.quorum.required(4), required);
    const ObjectConsensus c = computeObjectConsensus(t, o);
    const bool reached = required <= 2;
    QCOMPARE(c.objects.size(), std::size_t{reached ? 1u : 0u});
    QCOMPARE(c.unresolved.size(), std::size_t{reached ? 0u : 1u});
    const auto &obj = reached ? c.objects[0] : c.unresolved[0];
    QCOMPARE(obj.quorum, required);
}

void TestObjectConsensus::parseQuorum()
{
    QVERIFY(parseObjectQuorum("majority").kind == ObjectQuorum::Kind::Majority);
    QVERIFY(parseObjectQuorum("3").kind == ObjectQuorum::Kind::Count);
    QVERIFY(parseObjectQuorum("1.0").kind == ObjectQuorum::Kind::Fraction);
    QCOMPARE(parseObjectQuorum("0.6").required(5), 3); // 0.6 · 5 = 3.0000000000000004 → 3
    QCOMPARE(parseObjectQuorum("2").describe(), std::string("2 labelers"));
    QCOMPARE(parseObjectQuorum("60%").describe(), std::string("60 % of labelers"));
    for (const char *bad : {"", "0", "0.0", "1.5", "150%", "-1", "half", "2x", ".", "1..2"})
        QVERIFY_THROWS_EXCEPTION(Error, parseObjectQuorum(bad));
}

void TestObjectConsensus::onePerLabelerAndCompleteLinkage()
{
    {
        // ann drew two boxes over bo's one: (0,0)-(10,10) has IoU 9/11 with bo's (1,0)-(11,10),
        // (3,0)-(13,10) has 8/12 = 2/3. The stronger link joins; ann's second box cannot join a
        // cluster that has ann already: it stays alone (unresolved, quorum 2 of 2).
        ObjectTable t = oneImage({"ann", "bo"});
        addBox(t, "ann", 3, 0, 13, 10);
        addBox(t, "ann", 0, 0, 10, 10);
        addBox(t, "bo", 1, 0, 11, 10);
        const ObjectConsensus c = computeObjectConsensus(t);
        QCOMPARE(c.objects.size(), std::size_t{1});
        compareBox(c.objects[0], {0.5, 0, 10.5, 10});
        QCOMPARE(c.objects[0].members[0].shape, 1);
        QCOMPARE(c.unresolved.size(), std::size_t{1});
        compareBox(c.unresolved[0], {3, 0, 13, 10});
    }
    {
        // A chain: ann (0,0)-(10,10), bo (2,0)-(12,10), cy (4,0)-(14,10). IoU(ann,bo) =
        // IoU(bo,cy) = 8/12 = 2/3, IoU(ann,cy) = 6/14 < 0.5. The two links tie; the first in the
        // shapes' canonical order (labeler names: ann–bo) joins; bo–cy would put ann and cy,
        // which do not match, in one cluster: refused. {ann, bo} → (1,0)-(11,10); cy alone.
        ObjectTable t = oneImage({"cy", "bo", "ann"});
        addBox(t, "cy", 4, 0, 14, 10);
        addBox(t, "bo", 2, 0, 12, 10);
        addBox(t, "ann", 0, 0, 10, 10);
        const ObjectConsensus c = computeObjectConsensus(t);
        QCOMPARE(c.objects.size(), std::size_t{1});
        QCOMPARE(memberNames(c, c.objects[0]), (std::vector<std::string>{"ann", "bo"}));
        compareBox(c.objects[0], {1, 0, 11, 10});
        QCOMPARE(c.unresolved.size(), std::size_t{1});
        QCOMPARE(memberNames(c, c.unresolved[0]), (std::vector<std::string>{"cy"}));
    }
}

void TestObjectConsensus::pointsLinesPolygonsByMedoid()
{
    ObjectTable t = oneImage({"ann", "bo", "cy"});
    const auto item = t.item("img");
    // Points (d = 10): ann (0,0), bo (3,0), cy (4,0). Distances 3, 4, 1; means ann 3.5, bo 2,
    // cy 2.5: the medoid is bo's (3,0).
    t.add(item, t.labeler("ann"), ObjectShape::point(0, 0, 0));
    t.add(item, t.labeler("bo"), ObjectShape::point(0, 3, 0));
    t.add(item, t.labeler("cy"), ObjectShape::point(0, 4, 0));
    // Lines: ann (0,0)→(10,0), bo (10,1)→(0,1) drawn the other way: ends 1 px apart in the
    // reversed orientation, distance 1. Two members tie; the first by labeler name, ann, wins.
    t.add(item, t.labeler("ann"), ObjectShape::line(0, 0, 0, 10, 0));
    t.add(item, t.labeler("bo"), ObjectShape::line(0, 10, 1, 0, 1));
    // Polygons: the squares of weightedBoxFusion as polygons: mean IoU ann 5/6, bo and cy 65/84:
    // the medoid is ann's.
    t.add(item, t.labeler("ann"), ObjectShape::polygon(0, {{0, 0}, {10, 0}, {10, 10}, {0, 10}}));
    t.add(item, t.labeler("bo"), ObjectShape::polygon(0, {{0, 0}, {10, 0}, {10, 12}, {0, 12}}));
    t.add(item, t.labeler("cy"), ObjectShape::polygon(0, {{0, 0}, {12, 0}, {12, 10}, {0, 10}}));
    const ObjectConsensus c = computeObjectConsensus(t);
    QCOMPARE(c.objects.size(), std::size_t{3});
    QCOMPARE(c.unresolved.size(), std::size_t{0});
    // In kind order: line, polygon, point.
    const ConsensusObject &line = c.objects[0], &poly = c.objects[1], &point = c.objects[2];
    QVERIFY(line.kind == ObjectKind::Line);
    QVERIFY(line.fusion == ObjectFusion::Medoid);
    QCOMPARE(memberNames(c, line)[static_cast<std::size_t>(line.medoid)], std::string("ann"));
    QCOMPARE_NEAR(line.pairs[0].distance, 1.0, kTol);
    QCOMPARE(line.shape.points[1].x, 10.0);
    QVERIFY(poly.kind == ObjectKind::Polygon);
    QCOMPARE(memberNames(c, poly)[static_cast<std::size_t>(poly.medoid)], std::string("ann"));
    QCOMPARE_NEAR(poly.members[1].agreement, 65.0 / 84.0, 1e-12);
    QCOMPARE(poly.shape.points.size(), std::size_t{4});
    QVERIFY(point.kind == ObjectKind::Point);
    QCOMPARE(memberNames(c, point)[static_cast<std::size_t>(point.medoid)], std::string("bo"));
    QCOMPARE_NEAR(point.members[0].agreement, 3.5, kTol);
    QCOMPARE(point.shape.points[0].x, 3.0);
    // A point 11 px away is not a match at d = 10.
    ObjectTable far = oneImage({"ann", "bo"});
    far.add(0, far.labeler("ann"), ObjectShape::point(0, 0, 0));
    far.add(0, far.labeler("bo"), ObjectShape::point(0, 11, 0));
    QCOMPARE(computeObjectConsensus(far).unresolved.size(), std::size_t{2});
}

void TestObjectConsensus::dawidSkeneVote()
{
    // Unanimous clusters: Dawid–Skene gives the same class as the majority.
    ObjectTable t = oneImage({"ann", "bo", "cy"});
    addBox(t, "ann", 0, 0, 10, 10, 1);
    addBox(t, "bo", 0, 0, 10, 10, 1);
    addBox(t, "cy", 0, 0, 10, 10, 1);
    addBox(t, "ann", 50, 50, 60, 60, 0);
    addBox(t, "bo", 50, 50, 60, 60, 0);
    ObjectConsensusOptions o;
    o.classVote = ObjectClassVote::DawidSkene;
    const ObjectConsensus c = computeObjectConsensus(t, o);
    QCOMPARE(c.objects.size(), std::size_t{2});
    QCOMPARE(c.objects[0].cls, 1);
    QCOMPARE(c.objects[1].cls, 0);
    QCOMPARE(toJson(c, false)["class_vote"].get<std::string>(), std::string("dawid-skene"));
}

void TestObjectConsensus::orderIndependent()
{
    // Random crowded images; the same shapes added in another order (labelers and each
    // labeler's shapes shuffled) give the same objects.
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> pos(0.0, 60.0), size(5.0, 20.0), jitter(-2.0, 2.0);
    struct Row
    {
        std::string item, labeler;
        ObjectShape shape;
    };
    std::vector<Row> rows;
    const std::vector<std::string> labelers{"ann", "bo", "cy", "di"};
    for (int i = 0; i < 40; ++i) {
        const std::string item = "img" + std::to_string(i);
        for (int b = 0; b < 5; ++b) {
            const double x = pos(rng), y = pos(rng), w = size(rng), h = size(rng);
            for (const auto &l : labelers)
                if (rng() % 4 != 0)
                    rows.push_back({item, l,
                                    ObjectShape::box(static_cast<std::int32_t>(rng() % 2), x + jitter(rng),
                                                     y + jitter(rng), x + w + jitter(rng), y + h + jitter(rng))});
        }
    }
    const auto build = [&](const std::vector<Row> &rs, const std::vector<std::string> &labelerOrder) {
        ObjectTable t;
        t.cls("scratch");
        t.cls("dent");
        for (int i = 0; i < 40; ++i)
            t.item("img" + std::to_string(i));
        for (const auto &l : labelerOrder)
            t.labeler(l);
        for (const auto &r : rs)
            t.add(t.item(r.item), t.labeler(r.labeler), r.shape);
        return t;
    };
    const nlohmann::json a = withoutShapeIndices(toJson(computeObjectConsensus(build(rows, labelers)), true));
    std::vector<Row> shuffled = rows;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const nlohmann::json b =
        withoutShapeIndices(toJson(computeObjectConsensus(build(shuffled, {"di", "bo", "cy", "ann"})), true));
    QVERIFY(a["objects"].size() > 50);
    QVERIFY(a["unresolved"].size() > 0);
    QCOMPARE(QString::fromStdString(a.dump()), QString::fromStdString(b.dump()));
}

void TestObjectConsensus::json()
{
    ObjectTable t = oneImage({"ann", "bo", "cy"});
    addBox(t, "ann", 0, 0, 10, 10);
    addBox(t, "bo", 1, 0, 11, 10);
    addBox(t, "cy", 50, 50, 60, 60, 1);
    const nlohmann::json j = toJson(computeObjectConsensus(t), true);
    QCOMPARE(j["consensus_objects"].get<int>(), 1);
    QCOMPARE(j["unresolved_objects"].get<int>(), 1);
    QCOMPARE(j["quorum"].get<std::string>(), std::string("majority"));
    QCOMPARE(j["by_kind"]["box"]["consensus"].get<int>(), 1);
    const auto &o = j["objects"][0];
    QCOMPARE(o["item"].get<std::string>(), std::string("img"));
    QCOMPARE(o["method"].get<std::string>(), std::string("weighted-box-fusion"));
    QCOMPARE(o["class"].get<std::string>(), std::string("scratch"));
    QCOMPARE(o["members"][1]["labeler"].get<std::string>(), std::string("bo"));
    QCOMPARE(o["pairs"][0]["a"].get<std::string>(), std::string("ann"));
    QVERIFY(o["pairs"][0]["distance"].is_null());
    QCOMPARE_NEAR(o["shape"][0][0].get<double>(), 0.5, kTol);
    QCOMPARE(j["unresolved"][0]["class"].get<std::string>(), std::string("dent"));
}

void TestObjectConsensus::invalidOptions()
{
    ObjectConsensusOptions o;
    o.iou = 0.0;
    QVERIFY_THROWS_EXCEPTION(Error, computeObjectConsensus(ObjectTable{}, o));
    o = {};
    o.distancePx = -1.0;
    QVERIFY_THROWS_EXCEPTION(Error, computeObjectConsensus(ObjectTable{}, o));
    o = {};
    o.quorum = ObjectQuorum::count(0);
    QVERIFY_THROWS_EXCEPTION(Error, computeObjectConsensus(ObjectTable{}, o));
    o = {};
    o.quorum = ObjectQuorum::fraction(1.5);
    QVERIFY_THROWS_EXCEPTION(Error, computeObjectConsensus(ObjectTable{}, o));
    QVERIFY_THROWS_EXCEPTION(Error, parseObjectClassVote("vote"));
}

QTEST_GUILESS_MAIN(TestObjectConsensus)
#include "tst_objectconsensus.moc"
