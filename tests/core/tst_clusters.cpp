// SPDX-License-Identifier: GPL-3.0-or-later
// Cluster finders and attributes (core/clusters, docs/CLUSTERS.md) on cases with a known
// answer: hand-calculated logistic fits and Fisher tests, synthetic projects whose bands,
// thresholds and bad camera were planted by the test, and images whose statistics follow
// from their pixels. The demo acceptance tests are in tst_clusters_demo.cpp.
#include "core/clusters/bandfinder.h"
#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/clusters/imageattributes.h"
#include "core/clusters/imagestats.h"
#include "core/clusters/logisticfit.h"
#include "core/clusters/statstests.h"
#include "core/common/error.h"
#include "core/project/project_ops.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>

using namespace concord::core;

namespace {

/// x ∈ {0, 1} with `pos0` of `n0` positives at 0 and `pos1` of `n1` at 1.
void binaryData(int n0, int pos0, int n1, int pos1, std::vector<double> &x, std::vector<std::uint8_t> &y)
{
    for (int i = 0; i < n0; ++i) {
        x.push_back(0.0);
        y.push_back(i < pos0 ? 1 : 0);
    }
    for (int i = 0; i < n1; ++i) {
        x.push_back(1.0);
        y.push_back(i < pos1 ? 1 : 0);
    }
}

/// A synthetic project: `items` values of one attribute uniform on [0, range), `labelers`
/// people with evenly spaced thresholds from `lo` to `hi`, each item seen by `overlap` of them
/// (chosen at random), each answering "defect" when value + noise ≥ their threshold.
struct Synthetic
{
    ClusterInput input;
    std::vector<double> thresholds;
};

Synthetic syntheticBand(const std::string &attribute, int items, int labelers, int overlap, double range, double lo,
                        double hi, double noise, std::uint32_t seed)
{
    Synthetic s;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> value(0.0, range), jitter(-noise, noise);
    s.input.classNames = {"fine", "defect", "other"};
    for (int l = 0; l < labelers; ++l) {
        s.input.labelerNames.push_back("L" + std::to_string(l + 1));
        s.thresholds.push_back(lo + (hi - lo) * l / (labelers - 1));
    }
    std::vector<double> xs;
    std::vector<int> who(static_cast<std::size_t>(labelers));
    for (int i = 0; i < items; ++i) {
        ClusterInput::Item item;
        item.image = i + 1;
        item.path = "img" + std::to_string(i) + ".png";
        const double x = value(rng);
        std::iota(who.begin(), who.end(), 0);
        std::shuffle(who.begin(), who.end(), rng);
        for (int k = 0; k < overlap; ++k) {
            const int l = who[static_cast<std::size_t>(k)];
            const bool defect = x + jitter(rng) >= s.thresholds[static_cast<std::size_t>(l)];
            item.votes.push_back({l, defect ? 1 : 0});
        }
        s.input.items.push_back(std::move(item));
        xs.push_back(x);
    }
    s.input.numeric[attribute] = xs;
    return s;
}

} // namespace

class TestClusters : public QObject
{
    Q_OBJECT

private slots:
    void logistic_data();
    void logistic();
    void logisticRefuses_data();
    void logisticRefuses();
    void lapseResistsOneSlip();
    void fisher_data();
    void fisher();
    void bandOnSyntheticProject_data();
    void bandOnSyntheticProject();
    void noBandWhenDisagreementIsEven();
    void categoricalFlagsPlantedCamera();
    void imageStats();
    void lineSegmentLength();
    void measuredLengths();
    void visualFinderSeparatesPlantedGroup();
    void progressErrorReachesCaller();
};

void TestClusters::logistic_data()
{
    QTest::addColumn<int>("n0");
    QTest::addColumn<int>("pos0");
    QTest::addColumn<int>("n1");
    QTest::addColumn<int>("pos1");
    QTest::addColumn<bool>("firth");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<double>("stderr"); // < 0: not checked
    QTest::addColumn<bool>("separated");
    // Binary x: the ML fit is saturated, b0 = logit(1/5) = −ln 4, b1 = logit(4/6) − b0 = ln 8,
    // threshold ln 4 / ln 8 = 2/3. Delta method with var b0 = 1/(5·.2·.8) = 1.25,
    // var b1 = 1.25 + 1/(6·⅔·⅓) = 2, cov = −1.25 gives se = 0.330466 (by hand).
    QTest::newRow("ML, binary x") << 5 << 1 << 6 << 4 << false << 2.0 / 3.0 << 0.330466 << false;
    // Firth on a 2 × 2 table equals adding ½ to every cell (Haldane): b0 = ln(1.5/4.5),
    // b1 = ln(4.5/2.5) − b0, threshold ln 3 / ln 5.4.
    QTest::newRow("Firth, binary x") << 5 << 1 << 6 << 4 << true << std::log(3.0) / std::log(5.4) << -1.0 << false;
    // Separated: 0/3 then 3/3. ML has no finite estimate; Firth's is ln 7 / (2 ln 7) = ½.
    QTest::newRow("Firth, separated") << 3 << 0 << 3 << 3 << true << 0.5 << -1.0 << true;
}

void TestClusters::logistic()
{
    QFETCH(int, n0);
    QFETCH(int, pos0);
    QFETCH(int, n1);
    QFETCH(int, pos1);
    QFETCH(bool, firth);
    QFETCH(double, threshold);
    QFETCH(double, stderr);
    QFETCH(bool, separated);
    std::vector<double> x;
    std::vector<std::uint8_t> y;
    binaryData(n0, pos0, n1, pos1, x, y);
    const auto fit = fitLogistic(x, y, firth ? LogisticMethod::Firth : LogisticMethod::MaximumLikelihood, 4);
    QVERIFY2(fit.ok, fit.note.c_str());
    QCOMPARE(fit.separated, separated);
    QVERIFY2(std::abs(fit.threshold - threshold) < 1e-6, std::to_string(fit.threshold).c_str());
    if (stderr >= 0)
        QVERIFY2(std::abs(fit.standardError - stderr) < 1e-5, std::to_string(fit.standardError).c_str());
    // The threshold does not depend on the unit of x: shift and scale it.
    for (auto &v : x)
        v = 10.0 + 4.0 * v;
    const auto scaled = fitLogistic(x, y, firth ? LogisticMethod::Firth : LogisticMethod::MaximumLikelihood, 4);
    QVERIFY(std::abs(scaled.threshold - (10.0 + 4.0 * threshold)) < 1e-6);
}

void TestClusters::logisticRefuses_data()
{
    QTest::addColumn<QVector<double>>("x");
    QTest::addColumn<QVector<int>>("y");
    QTest::addColumn<bool>("firth");
    QTest::newRow("too few") << QVector<double>{1, 2, 3, 4} << QVector<int>{0, 0, 1, 1} << true;
    QTest::newRow("always defect") << QVector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9}
                                   << QVector<int>{1, 1, 1, 1, 1, 1, 1, 1, 1} << true;
    QTest::newRow("ML separated") << QVector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9}
                                  << QVector<int>{0, 0, 0, 0, 1, 1, 1, 1, 1} << false;
    QTest::newRow("decreasing") << QVector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9} << QVector<int>{1, 1, 1, 0, 1, 0, 0, 0, 0}
                                << true;
    QTest::newRow("constant x") << QVector<double>{2, 2, 2, 2, 2, 2, 2, 2, 2} << QVector<int>{1, 0, 1, 0, 1, 0, 1, 0, 1}
                                << true;
}

void TestClusters::logisticRefuses()
{
    QFETCH(QVector<double>, x);
    QFETCH(QVector<int>, y);
    QFETCH(bool, firth);
    std::vector<double> xs(x.begin(), x.end());
    std::vector<std::uint8_t> ys(y.begin(), y.end());
    const auto fit = fitLogistic(xs, ys, firth ? LogisticMethod::Firth : LogisticMethod::MaximumLikelihood, 8);
    QVERIFY(!fit.ok);
    QVERIFY(!fit.note.empty());
}

void TestClusters::lapseResistsOneSlip()
{
    // x = 0.25, 0.5, ..., 15: "ok" up to 7.5 and "defect" from 7.75, so the switch is known to
    // lie in (7.5, 7.75). One slip ("defect" at x = 1) flattens a plain logistic curve and drags
    // its crossing below 7.5; the lapse model must stay inside (7.5, 7.75).
    std::vector<double> x;
    std::vector<std::uint8_t> y;
    for (int i = 1; i <= 60; ++i) {
        x.push_back(i * 0.25);
        y.push_back(i >= 31 || i == 4 ? 1 : 0);
    }
    const auto plain = fitLogistic(x, y, LogisticMethod::Firth, 8, 0.0);
    QVERIFY(plain.ok);
    QVERIFY2(plain.threshold < 7.5, std::to_string(plain.threshold).c_str());
    const auto robust = fitLogistic(x, y, LogisticMethod::Firth, 8, 0.02);
    QVERIFY2(robust.ok, robust.note.c_str());
    QVERIFY2(robust.threshold > 7.5 && robust.threshold < 7.75, std::to_string(robust.threshold).c_str());
    QVERIFY(robust.standardError > 0 && robust.standardError < 1.0);
}

void TestClusters::fisher_data()
{
    QTest::addColumn<int>("a");
    QTest::addColumn<int>("b");
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("d");
    QTest::addColumn<double>("p");
    // Fisher's lady tasting tea (3 of 4 cups right): P = (16 + 1) / 70.
    QTest::newRow("tea") << 3 << 1 << 1 << 3 << 17.0 / 70.0;
    // All 4 right: 1 / C(8, 4).
    QTest::newRow("tea, all right") << 4 << 0 << 0 << 4 << 1.0 / 70.0;
    // Nothing to explain: P(X ≥ 0) = 1.
    QTest::newRow("lower tail") << 0 << 5 << 5 << 0 << 1.0;
    // [[2,0],[0,1]]: C(2,2)·C(1,0)/C(3,2) = 1/3.
    QTest::newRow("small") << 2 << 0 << 0 << 1 << 1.0 / 3.0;
}

void TestClusters::fisher()
{
    QFETCH(int, a);
    QFETCH(int, b);
    QFETCH(int, c);
    QFETCH(int, d);
    QFETCH(double, p);
    QVERIFY(std::abs(fisherGreater(a, b, c, d) - p) < 1e-12);
}

void TestClusters::bandOnSyntheticProject_data()
{
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("labelers");
    QTest::addColumn<int>("overlap");
    QTest::addColumn<double>("range");
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::addColumn<double>("noise");
    QTest::addColumn<double>("tolerance");
    // Unlike the demo: another name, band 10–20 units, 7 labelers seeing 4 of 7 items each,
    // every value known (nothing missing below the band).
    QTest::newRow("width_px, 7 labelers") << "width_px" << 700 << 7 << 4 << 40.0 << 10.0 << 20.0 << 0.3 << 1.0;
    // Large values, a narrow band near the top of the range, 4 labelers, all see everything.
    QTest::newRow("exposure_ms, 4 labelers")
        << "exposure_ms" << 400 << 4 << 4 << 1000.0 << 700.0 << 820.0 << 5.0 << 25.0;
}

void TestClusters::bandOnSyntheticProject()
{
    QFETCH(QString, attribute);
    QFETCH(int, items);
    QFETCH(int, labelers);
    QFETCH(int, overlap);
    QFETCH(double, range);
    QFETCH(double, lo);
    QFETCH(double, hi);
    QFETCH(double, noise);
    QFETCH(double, tolerance);
    const auto s = syntheticBand(attribute.toStdString(), items, labelers, overlap, range, lo, hi, noise, 7);
    const auto report = findClusters(s.input);
    QVERIFY(!report.clusters.empty());
    const auto &top = report.clusters.front();
    QVERIFY(top.kind == ClusterKind::Band);
    QCOMPARE(QString::fromStdString(top.attribute), attribute);
    QVERIFY2(std::abs(top.lo - lo) <= tolerance, std::to_string(top.lo).c_str());
    QVERIFY2(std::abs(top.hi - hi) <= tolerance, std::to_string(top.hi).c_str());
    QCOMPARE(top.positiveClass, std::string("defect"));
    QCOMPARE(top.confusionA, std::string("defect"));
    QCOMPARE(top.confusionB, std::string("fine"));
    QVERIFY(top.rateInside > 0.5 && top.rateOutside < 0.1);

    // Every labeler's switch point, as planted. All values are known here, so every labeler
    // must get a fit, even the one with the lowest threshold.
    const auto &thresholds = report.labelerThresholds.at(attribute.toStdString());
    QCOMPARE(static_cast<int>(thresholds.size()), labelers);
    std::vector<double> truth = s.thresholds;
    for (const auto &t : thresholds) {
        QVERIFY2(t.ok, (t.labeler + ": " + t.note).c_str());
        const double planted = s.thresholds[static_cast<std::size_t>(std::stoi(t.labeler.substr(1)) - 1)];
        QVERIFY2(std::abs(t.threshold - planted) <= tolerance / 2,
                 (t.labeler + " " + std::to_string(t.threshold) + " vs " + std::to_string(planted)).c_str());
        QVERIFY(t.standardError > 0 && t.standardError < tolerance);
    }
    // Suggested threshold: the median labeler's, i.e. the middle of the evenly spaced ones.
    QVERIFY(top.suggestedThreshold);
    QVERIFY(std::abs(*top.suggestedThreshold - (lo + hi) / 2) <= tolerance / 2);
}

void TestClusters::noBandWhenDisagreementIsEven()
{
    // Disagreement independent of the attribute: nothing should be reported.
    ClusterInput in;
    in.classNames = {"a", "b"};
    in.labelerNames = {"p", "q", "r"};
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> x;
    for (int i = 0; i < 500; ++i) {
        ClusterInput::Item item{i + 1, "i" + std::to_string(i), {}};
        for (int l = 0; l < 3; ++l)
            item.votes.push_back({l, u(rng) < 0.1 ? 1 : 0});
        in.items.push_back(item);
        x.push_back(u(rng) * 100);
    }
    in.numeric["noise"] = x;
    const auto report = findClusters(in);
    QVERIFY(report.clusters.empty());
}

void TestClusters::categoricalFlagsPlantedCamera()
{
    // Four cameras with 100 items each; cam-C's items are disputed 40 % of the time, the
    // others 8 %. Only cam-C may be flagged, and lot (unrelated) not at all.
    ClusterInput in;
    in.classNames = {"ok", "scratch"};
    in.labelerNames = {"p", "q", "r"};
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<std::string> camera, lot;
    const char *cams[] = {"cam-A", "cam-B", "cam-C", "cam-D"};
    for (int i = 0; i < 400; ++i) {
        const std::string cam = cams[i % 4];
        const bool disputed = u(rng) < (cam == "cam-C" ? 0.4 : 0.08);
        ClusterInput::Item item{i + 1, "i" + std::to_string(i), {{0, 0}, {1, 0}, {2, disputed ? 1 : 0}}};
        in.items.push_back(item);
        camera.push_back(cam);
        lot.push_back("lot-" + std::to_string(i / 50));
    }
    in.text["camera"] = camera;
    in.text["lot"] = lot;
    const auto report = findClusters(in);
    QCOMPARE(report.clusters.size(), std::size_t(1));
    const auto &c = report.clusters.front();
    QVERIFY(c.kind == ClusterKind::Categorical);
    QCOMPARE(c.attribute, std::string("camera"));
    QCOMPARE(c.value, std::string("cam-C"));
    QCOMPARE(c.members.size(), std::size_t(100));
    QVERIFY(c.pValue < 1e-6);
    QCOMPARE(c.confusionA, std::string("ok"));
    QCOMPARE(c.confusionB, std::string("scratch"));
    QVERIFY(c.description.rfind("camera = cam-C: ", 0) == 0);
}

void TestClusters::imageStats()
{
    // Uniform grey: brightness is the level, no contrast, no edges.
    const auto flat = computeImageStats(cv::Mat(40, 50, CV_8UC3, cv::Scalar(100, 100, 100)));
    QCOMPARE(flat.brightness, 100.0);
    QCOMPARE(flat.contrast, 0.0);
    QCOMPARE(flat.sharpness, 0.0);
    // Half black, half white: mean 127.5, standard deviation 127.5.
    cv::Mat half(40, 40, CV_8UC1, cv::Scalar(0));
    half(cv::Rect(0, 0, 20, 40)).setTo(255);
    const auto h = computeImageStats(half);
    QVERIFY(std::abs(h.brightness - 127.5) < 1e-9);
    QVERIFY(std::abs(h.contrast - 127.5) < 1e-9);
    // One white pixel in a 10 × 10 black image: the 4-neighbour Laplacian is −1020 at it and
    // 255 at its four neighbours, so its mean is 0 and its variance (1020² + 4·255²) / 100.
    cv::Mat dot(10, 10, CV_8UC1, cv::Scalar(0));
    dot.at<std::uint8_t>(5, 5) = 255;
    QVERIFY(std::abs(computeImageStats(dot).sharpness - 13005.0) < 1e-6);
    // Blur lowers sharpness.
    cv::Mat noise(64, 64, CV_8UC1);
    cv::randu(noise, 0, 255);
    cv::Mat blurred;
    cv::GaussianBlur(noise, blurred, cv::Size(7, 7), 2.0);
    QVERIFY(computeImageStats(blurred).sharpness < computeImageStats(noise).sharpness / 4);
}

void TestClusters::lineSegmentLength()
{
    // A 4 px wide bright bar from x = 50 to 250 on a dark background: LSD finds its long
    // edges, 200 px long (within a few pixels where the ends are cut).
    cv::Mat img(200, 300, CV_8UC1, cv::Scalar(40));
    cv::rectangle(img, cv::Point(50, 98), cv::Point(249, 101), cv::Scalar(220), cv::FILLED);
    const auto s = computeImageStats(img);
    QVERIFY2(std::abs(s.longestLinePx - 200.0) < 4.0, std::to_string(s.longestLinePx).c_str());
}

void TestClusters::measuredLengths()
{
    QTemporaryDir dir;
    const std::filesystem::path file = dir.filePath("m.concord").toStdString();
    ProjectSettings settings;
    settings.name = "m";
    settings.pxPerMm = 10;
    auto store = initProject(file, settings, {"ok", "scratch"});
    const auto scratch = findClass(*store, "scratch");
    std::vector<Id> people;
    for (const char *name : {"p", "q", "r"})
        people.push_back(ensureLabeler(*store, name).id);
    auto line = [](double mm) {
        Annotation a;
        a.kind = AnnotationKind::Line;
        a.geometry = R"({"x1":0,"y1":0,"x2":1,"y2":0})";
        a.lengthPx = mm * 10;
        a.lengthMm = mm;
        return a;
    };
    ImageRecord r;
    r.path = "a.png";
    r.hash = std::string(32, 'a');
    const Id a = store->addImage(r);
    r.path = "b.png";
    r.hash = std::string(32, 'b');
    const Id b = store->addImage(r);
    // Image a: p draws 1.0 mm, q draws 1.0 and 3.0 mm (their value: the longest, 3.0),
    // r draws 4.0 mm → median of {1, 3, 4} = 3. Image b: nobody measures → unknown.
    saveLabel(*store, a, people[0], scratch.id, {line(1.0)});
    saveLabel(*store, a, people[1], scratch.id, {line(1.0), line(3.0)});
    saveLabel(*store, a, people[2], scratch.id, {line(4.0)});
    saveLabel(*store, b, people[0], scratch.id, {});
    const auto per = labelerMeasurements(*store);
    QCOMPARE(per.size(), std::size_t(3));
    QCOMPARE(per[1].lengthMm, 3.0);
    QCOMPARE(per[1].lines, 2);
    QCOMPARE(fillMeasuredAttributes(*store), std::int64_t(1));
    const auto attrs = store->attributes(kAttrLengthMm);
    QCOMPARE(attrs.size(), std::size_t(1));
    QCOMPARE(attrs[0].image, a);
    QCOMPARE(std::get<double>(attrs[0].value), 3.0);
    QVERIFY(attrs[0].source == AttrSource::Measured);
    // Two measurements: the mean of the middle pair.
    saveLabel(*store, a, people[2], scratch.id, {});
    store->replaceAnnotations(store->label(a, people[2])->id, {});
    fillMeasuredAttributes(*store);
    QCOMPARE(std::get<double>(store->attributes(kAttrLengthMm)[0].value), 2.0);
}

void TestClusters::visualFinderSeparatesPlantedGroup()
{
    // 120 items: 30 "dark, vertically brushed" ones are disputed half the time, the 90 bright
    // horizontal ones almost never. The visual finder must report a group made of the dark
    // ones with their higher disagreement.
    ClusterInput in;
    in.classNames = {"ok", "dent"};
    in.labelerNames = {"p", "q"};
    std::mt19937 rng(5);
    std::vector<std::vector<float>> rows;
    for (int i = 0; i < 120; ++i) {
        const bool dark = i % 4 == 0;
        cv::Mat img(64, 64, CV_8UC3);
        cv::randu(img, cv::Scalar::all(0), cv::Scalar::all(20));
        img += dark ? cv::Scalar(40, 40, 60) : cv::Scalar(180, 170, 170);
        for (int k = 0; k < 64; k += 4)
            cv::line(img, dark ? cv::Point(k, 0) : cv::Point(0, k), dark ? cv::Point(k, 63) : cv::Point(63, k),
                     cv::Scalar::all(dark ? 90 : 230), 1);
        rows.push_back(visualFeatures(img));
        const bool disputed = dark ? (i % 8 == 0) : (i == 1);
        in.items.push_back({i + 1, "v" + std::to_string(i), {{0, 0}, {1, disputed ? 1 : 0}}});
    }
    in.features = cv::Mat(static_cast<int>(rows.size()), static_cast<int>(rows[0].size()), CV_32F);
    for (std::size_t i = 0; i < rows.size(); ++i)
        std::copy(rows[i].begin(), rows[i].end(), in.features.ptr<float>(static_cast<int>(i)));
    ClusterOptions options;
    options.visualClusters = 2;
    const auto report = findClusters(in, options);
    QCOMPARE(report.clusters.size(), std::size_t(1));
    const auto &c = report.clusters.front();
    QVERIFY(c.kind == ClusterKind::Visual);
    QCOMPARE(c.members.size(), std::size_t(30));
    for (std::size_t m : c.members)
        QCOMPARE(m % 4, std::size_t(0));
    QCOMPARE(c.disagreeInside, std::int64_t(15));
    QVERIFY(!c.examples.empty() && c.examples.front() % 4 == 0);
}

void TestClusters::progressErrorReachesCaller()
{
    // A progress callback that throws (the window's went away, say) runs on the workers. The
    // pools before parallelFor called it outside their try: std::terminate, the test process
    // dies. Now the caller receives the Error and nothing is written.
    QTemporaryDir dir;
    auto store = initProject(dir.filePath("p.concord").toStdString(), {"p", 0, 1, false}, {"ok", "scratch"});
    const Id lead = ensureLabeler(*store, "p").id;
    const auto ok = findClass(*store, "ok");
    ClusterInput input;
    for (int i = 0; i < 6; ++i) {
        ImageRecord r;
        r.path = "missing" + std::to_string(i) + ".png"; // unreadable: a failure of its own, then progress
        r.hash = std::string(32, static_cast<char>('a' + i));
        const Id id = store->addImage(r);
        saveLabel(*store, id, lead, ok.id, {});
        input.items.push_back({id, r.path, {}});
    }
    const ProgressFn throwing = [](std::size_t done, std::size_t, std::string_view) -> bool {
        if (done == 2)
            throw Error(ErrorCode::Io, "progress sink gone");
        return true;
    };
    for (const int threads : {1, 3}) {
        try {
            fillComputedAttributes(*store, throwing, threads);
            QFAIL("no exception from fillComputedAttributes");
        } catch (const Error &e) {
            QCOMPARE(int(e.code()), int(ErrorCode::Io));
        }
        QVERIFY(store->attributes(kAttrBrightness).empty());
        try {
            loadVisualFeatures(*store, input, throwing, threads);
            QFAIL("no exception from loadVisualFeatures");
        } catch (const Error &e) {
            QCOMPARE(int(e.code()), int(ErrorCode::Io));
        }
    }
}

QTEST_GUILESS_MAIN(TestClusters)
#include "tst_clusters.moc"
