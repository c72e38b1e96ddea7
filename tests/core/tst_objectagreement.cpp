// SPDX-License-Identifier: GPL-3.0-or-later
// Agreement per object (issue #17, docs/AGREEMENT.md "Agreement on objects"): the matching of
// two labelers' shapes and the pooled figures. Every expected number is worked out by hand in
// the comment beside it, or comes from a brute-force search over all matchings written here;
// tests/reference/object_agreement.py checks the same engine against scipy's
// linear_sum_assignment on 300 synthetic images.

#include "core/agreement/objectagreement.h"

#include "core/agreement/objectcsv.h"
#include "core/common/error.h"
#include "core/geometry/geometry.h"
#include "core/project/project_objects.h"
#include "core/project/project_ops.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
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

std::string fixture(const std::string &file)
{
    return std::string(CONCORD_TEST_DATA) + "/agreement/" + file;
}

/// A box one unit high from x = x1 to x = x2: the IoU of two of them is that of the intervals.
ObjectShape strip(double x1, double x2, std::int32_t cls = 0)
{
    return ObjectShape::box(cls, x1, 0.0, x2, 1.0);
}

double totalIou(const std::vector<ObjectMatch> &matches)
{
    double sum = 0.0;
    for (const auto &m : matches)
        sum += m.iou;
    return sum;
}

/// The best matching by trying every one: most total IoU among pairs with IoU ≥ t, then most
/// matches. Returns (total IoU, matches).
std::pair<double, int> bruteForce(const std::vector<ObjectShape> &a, const std::vector<ObjectShape> &b, double t)
{
    std::pair<double, int> best{0.0, 0};
    std::vector<bool> used(b.size());
    std::function<void(std::size_t, double, int)> visit = [&](std::size_t i, double sum, int count) {
        if (i == a.size()) {
            if (sum > best.first + 1e-12 || (std::abs(sum - best.first) <= 1e-12 && count > best.second))
                best = {sum, count};
            return;
        }
        visit(i + 1, sum, count); // a[i] unmatched
        for (std::size_t j = 0; j < b.size(); ++j) {
            const double iou = objectIoU(a[i], b[j]);
            if (used[j] || a[i].cls != b[j].cls || !(iou >= t))
                continue;
            used[j] = true;
            visit(i + 1, sum + iou, count + 1);
            used[j] = false;
        }
    };
    visit(0, 0.0, 0);
    return best;
}

/// Greedy matching's total IoU: the pair of highest IoU first, then the next among the rest.
double greedyTotal(const std::vector<ObjectShape> &a, const std::vector<ObjectShape> &b, double t)
{
    std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < b.size(); ++j)
            if (a[i].cls == b[j].cls && objectIoU(a[i], b[j]) >= t)
                pairs.emplace_back(objectIoU(a[i], b[j]), i, j);
    std::sort(pairs.begin(), pairs.end(), [](const auto &x, const auto &y) { return std::get<0>(x) > std::get<0>(y); });
    std::vector<bool> usedA(a.size()), usedB(b.size());
    double sum = 0.0;
    for (const auto &[iou, i, j] : pairs) {
        if (usedA[i] || usedB[j])
            continue;
        usedA[i] = usedB[j] = true;
        sum += iou;
    }
    return sum;
}

/// The ObjectTable of the hand-worked fixture objects_hand.csv.
ObjectTable handTable()
{
    return readObjectsCsv(fixture("objects_hand.csv"));
}

ObjectAgreementOptions noBootstrap()
{
    ObjectAgreementOptions o;
    o.bootstrap.resamples = 0;
    return o;
}

/// The Error `fn` throws (code Parse expected); fails the test when it throws none.
Error parseError(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const Error &e) {
        return e;
    }
    return Error(ErrorCode::Io, "no error thrown");
}

} // namespace

class TestObjectAgreement : public QObject
{
    Q_OBJECT

private slots:
    void boxIoU()
    {
        // [0,10]×[0,10] and [0,10]×[0,5]: intersection 50, union 100 → 0.5, in either corner order.
        QCOMPARE(objectIoU(ObjectShape::box(0, 0, 0, 10, 10), ObjectShape::box(0, 10, 5, 0, 0)), 0.5);
        // [0,10] and [1,10] (strips): 9 / 10.
        QCOMPARE_NEAR(objectIoU(strip(0, 10), strip(1, 10)), 0.9, kTol);
        QCOMPARE(objectIoU(strip(0, 10), strip(10, 20)), 0.0); // touching edges
        // The engine's box IoU and core/geometry's boxIoU are the same formula.
        const Segment p{3.25, 1.5, 17.125, 9.75}, q{5.5, 0.25, 19.0, 8.0};
        QCOMPARE(objectIoU(ObjectShape::box(0, p.x1, p.y1, p.x2, p.y2), ObjectShape::box(0, q.x1, q.y1, q.x2, q.y2)),
                 concord::core::boxIoU(p, q));
        QVERIFY(std::isnan(objectIoU(ObjectShape::box(0, 0, 0, 1, 1), ObjectShape::point(0, 0, 0))));
    }

    void degenerateBoxes()
    {
        // Zero area: IoU 0 with everything, even an identical box; so it never matches.
        const auto flat = ObjectShape::box(0, 0, 0, 10, 0);
        QCOMPARE(objectIoU(flat, flat), 0.0);
        QCOMPARE(objectIoU(flat, ObjectShape::box(0, 0, -1, 10, 1)), 0.0);
        const std::vector<ObjectShape> a{flat}, b{flat};
        QVERIFY(matchObjects(a, b, 0.5, 10.0).empty());
        const auto dot = ObjectShape::box(0, 5, 5, 5, 5);
        QCOMPARE(objectIoU(dot, dot), 0.0);
    }

    void polygonIoU()
    {
        const auto square = [](double x1, double y1, double x2, double y2) {
            return ObjectShape::polygon(0, {{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}});
        };
        // Two squares as polygons give their boxes' IoU: [0,2]² and [1,3]²: 1 / 7.
        QCOMPARE_NEAR(objectIoU(square(0, 0, 2, 2), square(1, 1, 3, 3)), 1.0 / 7.0, kTol);
        // An L (concave, area 12) and the square [1,3]²: the square lies in the L but for the
        // unit [2,3]², so the intersection is 3, the union 12 + 4 − 3 = 13.
        const auto ell = ObjectShape::polygon(0, {{0, 0}, {4, 0}, {4, 2}, {2, 2}, {2, 4}, {0, 4}});
        QVERIFY(isSimplePolygon(ell.points));
        QCOMPARE_NEAR(objectIoU(ell, square(1, 1, 3, 3)), 3.0 / 13.0, kTol);
        // The same L drawn clockwise, and starting at its reflex vertex.
        const auto ellBackwards = ObjectShape::polygon(0, {{2, 2}, {4, 2}, {4, 0}, {0, 0}, {0, 4}, {2, 4}});
        QCOMPARE_NEAR(objectIoU(ellBackwards, square(1, 1, 3, 3)), 3.0 / 13.0, kTol);
        QCOMPARE_NEAR(objectIoU(ell, ellBackwards), 1.0, kTol);
        // Two concave polygons: the L and its mirror image (x → 4 − x) overlap in [0,4]×[0,2]
        // (area 8) plus nothing else: union 12 + 12 − 8 = 16.
        const auto mirror = ObjectShape::polygon(0, {{4, 0}, {0, 0}, {0, 2}, {2, 2}, {2, 4}, {4, 4}});
        QCOMPARE_NEAR(objectIoU(ell, mirror), 8.0 / 16.0, kTol);
        // A repeated vertex and a closing vertex change nothing.
        const auto repeated = ObjectShape::polygon(0, {{0, 0}, {4, 0}, {4, 0}, {4, 2}, {2, 2}, {2, 4}, {0, 4}, {0, 0}});
        QCOMPARE_NEAR(objectIoU(repeated, square(1, 1, 3, 3)), 3.0 / 13.0, kTol);
    }

    void polygonsThatAreNotSimple()
    {
        // A bow tie crosses itself: it is compared as its bounding box [0,2]², which is the
        // square itself (IoU 1), and counted.
        const std::vector<ObjectVertex> bowTie{{0, 0}, {2, 2}, {2, 0}, {0, 2}};
        QVERIFY(!isSimplePolygon(bowTie));
        const auto square = ObjectShape::polygon(0, {{0, 0}, {2, 0}, {2, 2}, {0, 2}});
        QCOMPARE_NEAR(objectIoU(ObjectShape::polygon(0, bowTie), square), 1.0, kTol);
        // A polygon whose vertices lie on one line has no area: IoU 0, like a flat box.
        const auto flat = ObjectShape::polygon(0, {{0, 0}, {1, 1}, {2, 2}});
        QVERIFY(!isSimplePolygon(flat.points));
        QCOMPARE(objectIoU(flat, flat), 0.0);
        // A spike that folds back along its own edge is not simple.
        QVERIFY(!isSimplePolygon(std::vector<ObjectVertex>{{0, 0}, {4, 0}, {2, 0}, {2, 2}}));

        ObjectTable t;
        const auto cls = t.cls("scratch");
        t.add(t.item("i"), t.labeler("A"), ObjectShape::polygon(cls, bowTie));
        t.add(t.item("i"), t.labeler("B"), ObjectShape::polygon(cls, square.points));
        const auto r = computeObjectAgreement(t, noBootstrap());
        QCOMPARE(r.polygonsByBoundingBox, std::int64_t{1});
        QCOMPARE(r.matches, std::int64_t{1});
    }

    void kindsNeverMatch()
    {
        // A box and a polygon of the same outline, a line and a point on it: no pair matches.
        const std::vector<ObjectShape> a{ObjectShape::box(0, 0, 0, 2, 2), ObjectShape::line(0, 0, 0, 2, 2)};
        const std::vector<ObjectShape> b{ObjectShape::polygon(0, {{0, 0}, {2, 0}, {2, 2}, {0, 2}}),
                                         ObjectShape::point(0, 0, 0)};
        QVERIFY(matchObjects(a, b, 0.5, 10.0).empty());
        QVERIFY(matchObjects(a, b, 0.5, 10.0, false).empty());
    }

    void greedyIsNotOptimal()
    {
        // IoU: a0–b0 0.9, a0–b1 0.6, a1–b0 7/11 ≈ 0.636, a1–b1 0.25. Greedy takes the best pair
        // a0–b0 first and is left with a1–b1 below 0.5: one match, total 0.9. The optimum is
        // a0–b1 + a1–b0 = 0.6 + 7/11 ≈ 1.236, two matches.
        const std::vector<ObjectShape> a{strip(0, 10), strip(3, 12)};
        const std::vector<ObjectShape> b{strip(1, 10), strip(0, 6)};
        QCOMPARE_NEAR(objectIoU(a[0], b[0]), 0.9, kTol);
        QCOMPARE_NEAR(objectIoU(a[1], b[0]), 7.0 / 11.0, kTol);
        const auto m = matchObjects(a, b, 0.5, 10.0);
        QCOMPARE(m.size(), std::size_t{2});
        QCOMPARE(m[0].a, 0);
        QCOMPARE(m[0].b, 1);
        QCOMPARE(m[1].a, 1);
        QCOMPARE(m[1].b, 0);
        QCOMPARE_NEAR(totalIou(m), 0.6 + 7.0 / 11.0, kTol);

        // Pooled: F1 = 2 · 2 / 4 = 1 (greedy would give 0.5).
        ObjectTable t;
        const auto cls = t.cls("scratch");
        const auto item = t.item("i");
        for (const auto &s : a)
            t.add(item, t.labeler("A"), s);
        for (const auto &s : b)
            t.add(item, t.labeler("B"), s);
        const auto r = computeObjectAgreement(t, noBootstrap());
        QCOMPARE(cls, 0);
        QCOMPARE(r.f1Iou50, 1.0);
        QCOMPARE_NEAR(r.meanMatchedIou, (0.6 + 7.0 / 11.0) / 2.0, kTol);
        // At 0.75 only a0–b0 (0.9) qualifies: F1 = 2 / 4.
        QCOMPARE(r.f1Iou75, 0.5);
    }

    void ties()
    {
        // One box of A, two boxes of B each with IoU 0.5 with it: one match, IoU 0.5.
        {
            const std::vector<ObjectShape> a{strip(0, 10)};
            const std::vector<ObjectShape> b{strip(0, 5), strip(5, 10)};
            const auto m = matchObjects(a, b, 0.5, 10.0);
            QCOMPARE(m.size(), std::size_t{1});
            QCOMPARE(m[0].iou, 0.5);
        }
        // A tie in total IoU with different numbers of matches: a0 = b0 (IoU 1), a0–b1 = 0.5,
        // a1–b0 = 0.5, a1–b1 = 0. {a0–b0} and {a0–b1, a1–b0} both total 1.0; the rule takes the
        // one with more matches.
        {
            const std::vector<ObjectShape> a{strip(0, 10), strip(5, 10)};
            const std::vector<ObjectShape> b{strip(0, 10), strip(0, 5)};
            QCOMPARE(objectIoU(a[0], b[1]), 0.5);
            QCOMPARE(objectIoU(a[1], b[0]), 0.5);
            QCOMPARE(objectIoU(a[1], b[1]), 0.0);
            const auto m = matchObjects(a, b, 0.5, 10.0);
            QCOMPARE(m.size(), std::size_t{2});
            QCOMPARE(totalIou(m), 1.0);
            // Transposed, the same.
            QCOMPARE(matchObjects(b, a, 0.5, 10.0).size(), std::size_t{2});
        }
        // A point exactly d away matches (distance ≤ d).
        {
            const std::vector<ObjectShape> a{ObjectShape::point(0, 0, 0)};
            const std::vector<ObjectShape> b{ObjectShape::point(0, 3, 4)};
            QCOMPARE(matchObjects(a, b, 0.5, 5.0).size(), std::size_t{1});
            QVERIFY(matchObjects(a, b, 0.5, 4.999).empty());
        }
    }

    void hungarianMatchesBruteForce()
    {
        // 300 random crowded instances of up to 6 × 6 boxes in two classes, at t = 0.3 and 0.5:
        // the matching's total IoU and size equal the best of every possible matching, also
        // where greedy matching (best pair first) falls short.
        std::mt19937_64 rng(20240517);
        std::uniform_real_distribution<double> pos(0.0, 8.0), size(10.0, 16.0);
        std::uniform_int_distribution<int> count(0, 6), cls(0, 1);
        int greedyWorse = 0; // instances where taking the best pair first is not optimal
        for (int round = 0; round < 300; ++round) {
            std::vector<ObjectShape> a, b;
            for (auto *v : {&a, &b}) {
                const int n = count(rng);
                for (int k = 0; k < n; ++k) {
                    const double x = pos(rng), y = pos(rng);
                    v->push_back(ObjectShape::box(cls(rng), x, y, x + size(rng), y + size(rng)));
                }
            }
            for (const double t : {0.3, 0.5}) {
                const auto m = matchObjects(a, b, t, 10.0);
                const auto [best, matches] = bruteForce(a, b, t);
                QCOMPARE_NEAR(totalIou(m), best, 1e-9);
                QCOMPARE(static_cast<int>(m.size()), matches);
                for (const auto &x : m) {
                    QVERIFY(x.iou >= t);
                    QCOMPARE(a[static_cast<std::size_t>(x.a)].cls, b[static_cast<std::size_t>(x.b)].cls);
                }
                greedyWorse += greedyTotal(a, b, t) < best - 1e-9 ? 1 : 0;
            }
        }
        QVERIFY2(greedyWorse >= 10, qPrintable(QString::number(greedyWorse)));
    }

    void lines()
    {
        // d = 2. a0 (0,0)–(10,0) and b0 drawn the other way (10,1)–(0,1): ends 1 px apart, mean 1.
        // a1 (0,5)–(10,5) and b1 (0,5)–(10,8): one end 3 px away (> d), no match.
        const std::vector<ObjectShape> a{ObjectShape::line(0, 0, 0, 10, 0), ObjectShape::line(0, 0, 5, 10, 5)};
        const std::vector<ObjectShape> b{ObjectShape::line(0, 10, 1, 0, 1), ObjectShape::line(0, 0, 5, 10, 8)};
        const auto m = matchObjects(a, b, 0.5, 2.0);
        QCOMPARE(m.size(), std::size_t{1});
        QCOMPARE(m[0].a, 0);
        QCOMPARE(m[0].b, 0);
        QCOMPARE(m[0].distance, 1.0);
        QVERIFY(std::isnan(m[0].iou));
        // Most matches first, then least distance: c0 is close to both e0 (0.5) and e1 (1.5),
        // c1 only to e0 (1.5). Taking the closest pair c0–e0 would leave c1 alone; the rule
        // matches c0–e1 and c1–e0 (total 3.0).
        const std::vector<ObjectShape> c{ObjectShape::line(0, 0, 0, 10, 0), ObjectShape::line(0, 0, 2, 10, 2)};
        const std::vector<ObjectShape> e{ObjectShape::line(0, 0, 0.5, 10, 0.5),
                                         ObjectShape::line(0, 0, -1.5, 10, -1.5)};
        const auto n = matchObjects(c, e, 0.5, 2.0);
        QCOMPARE(n.size(), std::size_t{2});
        QCOMPARE(n[0].b, 1);
        QCOMPARE(n[1].b, 0);
        QCOMPARE(n[0].distance + n[1].distance, 3.0);
    }

    void classMismatch()
    {
        // Identical boxes of different classes never match; without classes they do, and the
        // class κ sees the disagreement.
        const std::vector<ObjectShape> a{ObjectShape::box(0, 0, 0, 10, 10)};
        const std::vector<ObjectShape> b{ObjectShape::box(1, 0, 0, 10, 10)};
        QVERIFY(matchObjects(a, b, 0.5, 10.0).empty());
        QCOMPARE(matchObjects(a, b, 0.5, 10.0, false).size(), std::size_t{1});

        ObjectTable t;
        t.cls("scratch");
        t.cls("dent");
        t.add(t.item("i"), t.labeler("A"), a[0]);
        t.add(t.item("i"), t.labeler("B"), b[0]);
        const auto r = computeObjectAgreement(t, noBootstrap());
        QCOMPARE(r.f1Iou50, 0.0);
        QCOMPARE(r.classPairs, std::int64_t{1});
        QCOMPARE(r.classAgreement, 0.0);
        // Symmetrised table [[0, 1], [1, 0]]: p_o = 0, p_e = 0.5 · 0.5 · 2 = 0.5, κ = −1.
        QCOMPARE(r.classKappa, -1.0);
        QCOMPARE(r.perLabeler[0].misses, std::int64_t{1});
        QCOMPARE(r.perLabeler[0].extras, std::int64_t{1});
    }

    void emptySetsAndOneLabeler()
    {
        QVERIFY(matchObjects({}, {}, 0.5, 10.0).empty());
        ObjectTable t;
        const auto cls = t.cls("scratch");
        // "one": only A labeled it: no pair. "none": A and B labeled it, nobody drew: a pair
        // with |A| + |B| = 0. "half": A drew two boxes, B nothing: both are B's misses.
        t.add(t.item("one"), t.labeler("A"), ObjectShape::box(cls, 0, 0, 1, 1));
        t.markLabeled(t.item("none"), t.labeler("A"));
        t.markLabeled(t.item("none"), t.labeler("B"));
        {
            const auto r = computeObjectAgreement(t, noBootstrap());
            QCOMPARE(r.imagePairs, std::int64_t{1});
            QCOMPARE(r.pairedShapes, std::int64_t{0});
            QVERIFY(std::isnan(r.f1Iou50)); // 0 / 0: nothing drawn in any pair
            QVERIFY(std::isnan(r.meanMatchedIou));
            QVERIFY(std::isnan(r.classKappa));
            QCOMPARE(r.perLabeler[0].shapes, std::int64_t{1});
            QVERIFY(std::isnan(r.perLabeler[0].matchedShare));
        }
        t.add(t.item("half"), t.labeler("A"), ObjectShape::box(cls, 0, 0, 1, 1));
        t.add(t.item("half"), t.labeler("A"), ObjectShape::box(cls, 5, 5, 6, 6));
        t.markLabeled(t.item("half"), t.labeler("B"));
        const auto r = computeObjectAgreement(t, noBootstrap());
        QCOMPARE(r.images, std::int64_t{3});
        QCOMPARE(r.coverage.compared, std::int64_t{2});
        QCOMPARE(r.imagePairs, std::int64_t{2});
        QCOMPARE(r.f1Iou50, 0.0);
        QCOMPARE(r.perLabeler[0].images, std::int64_t{3});
        QCOMPARE(r.perLabeler[0].shapes, std::int64_t{3});
        QCOMPARE(r.perLabeler[0].compared, std::int64_t{2});
        QCOMPARE(r.perLabeler[0].extras, std::int64_t{2});
        QCOMPARE(r.perLabeler[0].matchedShare, 0.0);
        QCOMPARE(r.perLabeler[1].misses, std::int64_t{2});
        QCOMPARE(r.perLabeler[1].compared, std::int64_t{0});
        QVERIFY(std::isnan(r.perLabeler[1].matchedShare));

        // One labeler only in the whole table: nothing is compared.
        ObjectTable solo;
        solo.cls("x");
        solo.add(solo.item("i"), solo.labeler("A"), ObjectShape::box(0, 0, 0, 1, 1));
        const auto s = computeObjectAgreement(solo, noBootstrap());
        QCOMPARE(s.imagePairs, std::int64_t{0});
        QVERIFY(std::isnan(s.f1Iou50));
        QVERIFY(std::isnan(s.f1Iou50Ci.lo));
        QVERIFY(s.coverage.tooFew());
    }

    void handWorkedFixture()
    {
        // objects_hand.csv (tests/data/agreement/README.md). Image pairs and their matches at 0.5:
        //   img1 A–B: scratch 0.5 and dent 1.0 match (2 of 2 + 2); A–C, B–C: C's "scratch" sits
        //             on the dents, another class (0 of 2 + 1 each)
        //   img2 A–B: A drew nothing, B one dent (0 of 0 + 1)
        //   img3: C only, no pair.  img4 A–B: two zero-area boxes (0 of 1 + 1)
        //   img5 A–C: identical scratches (1 of 1 + 1)
        // Σ matches 3, Σ |A| + |B| = 4 + 3 + 3 + 1 + 2 + 2 = 15: F1@0.5 = 6 / 15; at 0.75 the
        // img1 scratch (0.5) drops out: 4 / 15. Mean IoU (0.5 + 1 + 1) / 3.
        const auto r = computeObjectAgreement(handTable(), noBootstrap());
        QCOMPARE(r.images, std::int64_t{5});
        QCOMPARE(r.shapes, std::int64_t{11});
        QCOMPARE(r.coverage.compared, std::int64_t{4});
        QCOMPARE(r.imagePairs, std::int64_t{6});
        QCOMPARE(r.pairedShapes, std::int64_t{15});
        QCOMPARE(r.matchesIou50, std::int64_t{3});
        QCOMPARE(r.matchesIou75, std::int64_t{2});
        QCOMPARE_NEAR(r.f1Iou50, 6.0 / 15.0, kTol);
        QCOMPARE_NEAR(r.f1Iou75, 4.0 / 15.0, kTol);
        QCOMPARE_NEAR(r.meanMatchedIou, 2.5 / 3.0, kTol);
        // Class-agnostic pairs: (scratch, scratch) ×2, (dent, dent), (dent, scratch) ×2.
        // Symmetrised: ss 4, dd 2, sd = ds 2; n 10, p_o 0.6, margins 6 and 4: p_e 0.52,
        // κ = 0.08 / 0.48 = 1/6.
        QCOMPARE(r.classPairs, std::int64_t{5});
        QCOMPARE_NEAR(r.classAgreement, 0.6, kTol);
        QCOMPARE_NEAR(r.classKappa, 1.0 / 6.0, kTol);
        // Per labeler (images, shapes, compared, matched, misses, extras), summed over their pairs:
        //   A: img1 AB (2, 2, 0, 0), AC (2, 0, 1, 2); img2 (0, 0, 1, 0); img4 (1, 0, 1, 1); img5 (1, 1, 0, 0)
        //   B: img1 AB (2, 2, 0, 0), BC (2, 0, 1, 2); img2 (1, 0, 0, 1); img4 (1, 0, 1, 1)
        //   C: img1 AC (1, 0, 2, 1), BC (1, 0, 2, 1); img5 (1, 1, 0, 0)
        const struct
        {
            const char *name;
            std::int64_t images, shapes, compared, matched, misses, extras;
        } expected[] = {{"A", 4, 4, 6, 3, 3, 3}, {"B", 3, 4, 6, 2, 2, 4}, {"C", 3, 3, 3, 1, 4, 2}};
        QCOMPARE(r.perLabeler.size(), std::size_t{3});
        for (std::size_t i = 0; i < 3; ++i) {
            const auto &l = r.perLabeler[i];
            QCOMPARE(r.labelerNames[static_cast<std::size_t>(l.labeler)], std::string(expected[i].name));
            QCOMPARE(l.images, expected[i].images);
            QCOMPARE(l.shapes, expected[i].shapes);
            QCOMPARE(l.compared, expected[i].compared);
            QCOMPARE(l.matched, expected[i].matched);
            QCOMPARE(l.misses, expected[i].misses);
            QCOMPARE(l.extras, expected[i].extras);
            QCOMPARE_NEAR(l.matchedShare,
                          static_cast<double>(expected[i].matched) / static_cast<double>(expected[i].compared), kTol);
        }
        // t = 1: only the identical pairs (img1 dents, img5 scratches) count for f1 and the
        // per-labeler figures; f1_iou50 is still at 0.5.
        auto o = noBootstrap();
        o.iou = 1.0;
        const auto strict = computeObjectAgreement(handTable(), o);
        QCOMPARE(strict.matches, std::int64_t{2});
        QCOMPARE_NEAR(strict.f1, 4.0 / 15.0, kTol);
        QCOMPARE_NEAR(strict.f1Iou50, 6.0 / 15.0, kTol);
        QCOMPARE(strict.meanMatchedIou, 1.0);
    }

    void bootstrapInterval()
    {
        ObjectAgreementOptions o;
        o.bootstrap.resamples = 500;
        o.bootstrap.seed = 3;
        const auto a = computeObjectAgreement(handTable(), o);
        QVERIFY(a.f1Iou50Ci.lo <= a.f1Iou50 && a.f1Iou50 <= a.f1Iou50Ci.hi);
        QVERIFY(a.f1Iou50Ci.lo >= 0.0 && a.f1Iou50Ci.hi <= 1.0);
        // The resamples of 4 compared images that drew only img2 and img4 have no match: F1 0.
        QCOMPARE(a.f1Iou50Ci.lo, 0.0);
        QVERIFY(a.f1Iou50Ci.valid > 0 && a.f1Iou50Ci.valid <= 500);
        o.threads = 1;
        const auto b = computeObjectAgreement(handTable(), o);
        QCOMPARE(b.f1Iou50Ci.lo, a.f1Iou50Ci.lo);
        QCOMPARE(b.f1Iou50Ci.hi, a.f1Iou50Ci.hi);
        QVERIFY(std::isnan(computeObjectAgreement(handTable(), noBootstrap()).f1Iou50Ci.lo));
    }

    void invalidOptions()
    {
        const auto table = handTable();
        for (const double t : {0.0, -0.5, 1.5, std::nan("")}) {
            auto o = noBootstrap();
            o.iou = t;
            QVERIFY_THROWS_EXCEPTION(Error, computeObjectAgreement(table, o));
        }
        auto o = noBootstrap();
        o.distancePx = -1.0;
        QVERIFY_THROWS_EXCEPTION(Error, computeObjectAgreement(table, o));
        const std::vector<ObjectShape> bad{ObjectShape{ObjectKind::Box, 0, {{0, 0}}}};
        QVERIFY_THROWS_EXCEPTION(Error, matchObjects(bad, bad, 0.5, 10.0));
        QVERIFY_THROWS_EXCEPTION(Error, objectIoU(bad[0], bad[0]));
        ObjectTable t;
        t.cls("x");
        QVERIFY_THROWS_EXCEPTION(Error, t.add(t.item("i"), t.labeler("A"), ObjectShape::box(1, 0, 0, 1, 1)));
        QVERIFY_THROWS_EXCEPTION(Error, t.add(t.item("i"), t.labeler("A"), ObjectShape::box(0, 0, 0, 1, INFINITY)));
        QVERIFY_THROWS_EXCEPTION(Error, t.add(t.item("i"), t.labeler("A"), ObjectShape::polygon(0, {{0, 0}, {1, 1}})));
    }

    void csvErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("field");
        const QString head = QStringLiteral("item,labeler,label,x1,y1,x2,y2\n");
        QTest::newRow("missing column") << QStringLiteral("item,labeler,label,x1,y1,x2\ni,A,s,0,0,1\n") << 1
                                        << QStringLiteral("y2");
        QTest::newRow("not a number") << head + QStringLiteral("i,A,s,0,0,1,1\ni,B,s,0,zero,1,1\n") << 3
                                      << QStringLiteral("y1");
        QTest::newRow("not finite") << head + QStringLiteral("i,A,s,0,0,inf,1\n") << 2 << QStringLiteral("x2");
        QTest::newRow("some corners empty") << head + QStringLiteral("i,A,s,0,0,,\n") << 2 << QStringLiteral("x2");
        QTest::newRow("box without label") << head + QStringLiteral("i,A,,0,0,1,1\n") << 2 << QStringLiteral("label");
        QTest::newRow("empty item") << head + QStringLiteral(" ,A,s,0,0,1,1\n") << 2 << QStringLiteral("item");
        QTest::newRow("empty labeler") << head + QStringLiteral("i,,s,0,0,1,1\n") << 2 << QStringLiteral("labeler");
        QTest::newRow("short row") << head + QStringLiteral("i,A,s,0,0,1\n") << 2 << QString();
    }

    void csvErrors()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, field);
        std::istringstream in(text.toStdString());
        const Error e = parseError([&] { readObjectsCsv(in, "boxes.csv"); });
        QCOMPARE(static_cast<int>(e.code()), static_cast<int>(ErrorCode::Parse));
        QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("boxes.csv"));
        QCOMPARE(e.line(), std::int64_t{line});
        QCOMPARE(QString::fromStdString(e.field()), field);
        QVERIFY(QString::fromStdString(e.what()).contains(QStringLiteral("boxes.csv")));
    }

    void csvEmptyCornersMeanLabeledNothing()
    {
        std::istringstream in("item,labeler,label,x1,y1,x2,y2,note\n"
                              "i,A,scratch,0,0,2,2,first\n"
                              "i,B,,,,,,nothing here\n"
                              "j,B,ok, , , , ,\n");
        const auto t = readObjectsCsv(in, "boxes.csv");
        QCOMPARE(t.itemCount(), 2);
        QCOMPARE(t.labelerCount(), 2);
        QCOMPARE(t.classCount(), 1); // "ok" of an empty row is not a class
        QCOMPARE(t.drawingsOf(0).size(), std::size_t{2});
        QVERIFY(t.drawingsOf(0)[1].shapes.empty());
        QCOMPARE(t.drawingsOf(1).size(), std::size_t{1});
        const auto r = computeObjectAgreement(t, noBootstrap());
        QCOMPARE(r.f1Iou50, 0.0);
        QCOMPARE(r.perLabeler[1].misses, std::int64_t{1});
    }

    void project()
    {
        // Human labels only, geometry decoded by core/geometry, a shape's own class first.
        QTemporaryDir dir;
        ProjectSettings s;
        s.name = "objects";
        auto store =
            initProject(std::filesystem::path(dir.path().toStdString()) / "o.concord", s, {"ok", "scratch", "dent"});
        ImageRecord img;
        img.path = "a.png";
        img.hash = "1";
        const Id a = store->addImage(img);
        img.path = "b.png";
        img.hash = "2";
        const Id b = store->addImage(img);
        const Id ann = ensureLabeler(*store, "ann").id, bo = ensureLabeler(*store, "bo").id,
                 cy = ensureLabeler(*store, "cy").id;
        const Id scratch = findClass(*store, "scratch").id, dent = findClass(*store, "dent").id;
        const auto label = [&](Id image, Id labeler, Id cls, LabelSource source) {
            Label l;
            l.image = image;
            l.labeler = labeler;
            l.labelClass = cls;
            l.source = source;
            return store->setLabel(l);
        };
        const auto add = [&](Id labelId, Annotation an) {
            an.label = labelId;
            return store->addAnnotation(an);
        };
        // a.png: ann scratch box + line; bo scratch box (IoU 1) + reversed line; cy's label was
        // written by a standard: left out.
        const Id la = label(a, ann, scratch, LabelSource::Manual);
        add(la, makeBoxAnnotation({0, 0, 10, 10}, 0));
        add(la, makeLineAnnotation({0, 0, 20, 0}, 0));
        const Id lb = label(a, bo, scratch, LabelSource::Import);
        add(lb, makeBoxAnnotation({10, 10, 0, 0}, 0));
        add(lb, makeLineAnnotation({20, 1, 0, 1}, 0));
        add(label(a, cy, scratch, LabelSource::Standard), makeBoxAnnotation({0, 0, 10, 10}, 0));
        // b.png: ann's polygon has its own class "dent" (an imported multi-class label), bo's
        // polygon takes its label's class dent: they match. bo also drew a point.
        add(label(b, ann, scratch, LabelSource::Import),
            makeAnnotation(PolygonShape{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}}, 0, "dent"));
        const Id lb2 = label(b, bo, dent, LabelSource::Manual);
        add(lb2, makeAnnotation(PolygonShape{{{0, 0}, {4, 0}, {4, 4}, {0, 3}}}, 0));
        add(lb2, makeAnnotation(PointShape{{1, 1}}, 0));

        const auto t = objectTableFromStore(*store);
        QCOMPARE(t.labelerCount(), 2);
        QCOMPARE(t.shapeCount(), std::int64_t{7});
        QCOMPARE(t.classNames(), (std::vector<std::string>{"ok", "scratch", "dent"}));
        const auto r = computeProjectObjectAgreement(*store, noBootstrap());
        // Pairs: a.png (4 shapes, 2 matches: the boxes with IoU 1, the lines 1 px apart), b.png
        // (3 shapes, 1 match: bo's polygon, area (3 + 4) / 2 · 4 = 14, lies inside ann's square
        // of 16: IoU 0.875; bo's point is an extra). F1 = 2 · 3 / 7 at 0.5 and at 0.75.
        QCOMPARE(r.imagePairs, std::int64_t{2});
        QCOMPARE(r.pairedShapes, std::int64_t{7});
        QCOMPARE(r.matchesIou50, std::int64_t{3});
        QCOMPARE(r.matchesIou75, std::int64_t{3});
        QCOMPARE_NEAR(r.f1Iou50, 6.0 / 7.0, kTol);
        QCOMPARE(r.iouMatches, std::int64_t{2});
        QCOMPARE_NEAR(r.meanMatchedIou, (1.0 + 0.875) / 2.0, kTol);
        QCOMPARE(r.coverage.total, std::int64_t{2});

        // Malformed geometry names the annotation, the image and the labeler.
        Annotation broken;
        broken.kind = AnnotationKind::Box;
        broken.geometry = R"({"x1": 0})";
        const Id id = add(la, broken);
        try {
            objectTableFromStore(*store);
            QFAIL("malformed geometry was read");
        } catch (const Error &e) {
            QCOMPARE(static_cast<int>(e.code()), static_cast<int>(ErrorCode::Invalid));
            QCOMPARE(QString::fromStdString(e.field()), QStringLiteral("annotation %1").arg(id));
            QVERIFY(QString::fromStdString(e.detail()).contains(QStringLiteral("a.png")));
            QVERIFY(QString::fromStdString(e.detail()).contains(QStringLiteral("ann")));
        }
    }

    void commandLine()
    {
        QProcess p;
        p.start(QStringLiteral(CONCORD_CLI),
                {QStringLiteral("agreement"), QStringLiteral("--csv"),
                 QString::fromStdString(fixture("objects_hand.csv")), QStringLiteral("--objects"),
                 QStringLiteral("--json"), QStringLiteral("--resamples"), QStringLiteral("200")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const auto doc = QJsonDocument::fromJson(p.readAllStandardOutput());
        const auto o = doc.object().value(QStringLiteral("objects")).toObject();
        QCOMPARE_NEAR(o.value(QStringLiteral("f1_iou50")).toDouble(), 6.0 / 15.0, kTol);
        QCOMPARE_NEAR(o.value(QStringLiteral("f1_iou75")).toDouble(), 4.0 / 15.0, kTol);
        QCOMPARE_NEAR(o.value(QStringLiteral("mean_matched_iou")).toDouble(), 2.5 / 3.0, kTol);
        QCOMPARE_NEAR(o.value(QStringLiteral("class_kappa")).toDouble(), 1.0 / 6.0, kTol);
        QCOMPARE(o.value(QStringLiteral("image_pairs")).toInt(), 6);
        QCOMPARE(o.value(QStringLiteral("iou")).toDouble(), 0.5);
        QCOMPARE(o.value(QStringLiteral("f1_iou50_ci95")).toArray().size(), 2);
        const auto labelers = o.value(QStringLiteral("per_labeler")).toArray();
        QCOMPARE(labelers.size(), 3);
        const auto c = labelers[2].toObject();
        QCOMPARE(c.value(QStringLiteral("labeler")).toString(), QStringLiteral("C"));
        for (const char *key : {"shapes", "matched_share", "misses", "extras"})
            QVERIFY2(c.contains(QLatin1String(key)), key);
        QCOMPARE(c.value(QStringLiteral("misses")).toInt(), 4);

        // An error names the file, the line and the column; exit code 1.
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.csv"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("item,labeler,label,x1,y1,x2,y2\ni,A,s,0,0,1,one\n");
        }
        p.start(QStringLiteral(CONCORD_CLI),
                {QStringLiteral("agreement"), QStringLiteral("--csv"), bad, QStringLiteral("--objects")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        const auto err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("bad.csv")) && err.contains(QStringLiteral("2")) &&
                     err.contains(QStringLiteral("y2")),
                 qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestObjectAgreement)
#include "tst_objectagreement.moc"
