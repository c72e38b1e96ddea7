// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 4's acceptance tests for clusters on the demo project (300 images, 5 labelers,
// overlap 3, seed 1). Expected values come from the demo's ground-truth file (each simulated
// labeler's threshold_mm) and the scenario of DESIGN §8 (disagreement between 1 and 3 mm),
// never from an earlier run of the finder.
#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/clusters/imageattributes.h"
#include "core/demo/demo.h"
#include "core/store/store.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cmath>
#include <fstream>
#include <map>

using namespace concord::core;
namespace fs = std::filesystem;

class TestClustersDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void topClusterIsTheLengthBand();
    void labelerThresholdsMatchTheTruth();
    void computedAttributes();
    void cliJson();

private:
    QTemporaryDir m_dir;
    DemoResult m_demo;
    nlohmann::json m_truth;
    ClusterInput m_input;
    ClusterReport m_report;
};

void TestClustersDemo::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_demo = generateDemo(fs::path(m_dir.path().toStdString()) / "demo.concord", DemoOptions{});
    std::ifstream in(m_demo.truthFile);
    m_truth = nlohmann::json::parse(in);
    auto store = openProject(m_demo.project);
    // Before anything is stored, the input derives the measured length from the lines...
    QVERIFY(store->attributes(kAttrLengthMm).empty());
    const auto derived = clusterInputFromStore(*store);
    QVERIFY(derived.numeric.contains(kAttrLengthMm));
    QVERIFY(fillMeasuredAttributes(*store) > 100);
    m_input = clusterInputFromStore(*store);
    // ... the same values as stored ones, image by image (NaN where nobody measured).
    const auto &a = derived.numeric.at(kAttrLengthMm);
    const auto &b = m_input.numeric.at(kAttrLengthMm);
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        QVERIFY((std::isnan(a[i]) && std::isnan(b[i])) || a[i] == b[i]);
    const auto start = std::chrono::steady_clock::now();
    m_report = findClusters(m_input);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    qInfo("findClusters on the demo: %.3f s (Debug build)", seconds);
}

void TestClustersDemo::topClusterIsTheLengthBand()
{
    QVERIFY(!m_report.clusters.empty());
    const auto &top = m_report.clusters.front();
    QVERIFY(top.kind == ClusterKind::Band);
    QCOMPARE(top.attribute, std::string(kAttrLengthMm));
    QVERIFY2(std::abs(top.lo - 1.0) <= 0.3, std::to_string(top.lo).c_str());
    QVERIFY2(std::abs(top.hi - 3.0) <= 0.3, std::to_string(top.hi).c_str());
    QCOMPARE(top.confusionA, std::string("scratch"));
    QCOMPARE(top.confusionB, std::string("ok"));
    QVERIFY(top.rateInside > 0.4 && top.rateOutside < 0.15);
    QVERIFY(top.description.rfind("length_mm between ", 0) == 0);
}

void TestClustersDemo::labelerThresholdsMatchTheTruth()
{
    const auto &list = m_report.labelerThresholds.at(kAttrLengthMm);
    std::map<std::string, double> truth;
    for (const auto &l : m_truth["labelers"])
        truth[l["name"].get<std::string>()] = l["threshold_mm"].get<double>();
    QCOMPARE(list.size(), truth.size());
    // Labelers measure every scratch, also those they call ok (docs/DEMO.md), so every
    // labeler has answers on both sides of their switch and each one is fitted, the one with
    // the lowest threshold (raj, 1.02 mm for seed 1) included.
    for (const auto &t : list) {
        const double planted = truth.at(t.labeler);
        QVERIFY2(t.ok, (t.labeler + ": " + t.note).c_str());
        QVERIFY2(std::abs(t.threshold - planted) <= 0.3,
                 (t.labeler + " fitted " + std::to_string(t.threshold) + ", truth " + std::to_string(planted)).c_str());
        QVERIFY(t.standardError > 0 && t.standardError < 0.5);
    }
    // The suggested threshold is the median of the fitted ones: inside the truth's range.
    const auto &top = m_report.clusters.front();
    QVERIFY(top.suggestedThreshold);
    QVERIFY(*top.suggestedThreshold > 1.0 && *top.suggestedThreshold < 3.0);
}

void TestClustersDemo::computedAttributes()
{
    auto store = openProject(m_demo.project);
    std::atomic<std::size_t> calls{0};
    const auto s = fillComputedAttributes(*store, [&](std::size_t, std::size_t, std::string_view) {
        ++calls;
        return true;
    });
    QCOMPARE(s.images, std::int64_t(300));
    QCOMPARE(s.computed, std::int64_t(300));
    QVERIFY(s.failures.empty());
    QCOMPARE(calls.load(), std::size_t(300));
    for (const char *key : {kAttrBrightness, kAttrContrast, kAttrSharpness, kAttrLineLengthMm})
        QCOMPARE(store->attributes(key).size(), std::size_t(300));
    // Demo images are textured grey (DESIGN §8): mid-range brightness, some contrast.
    for (const auto &a : store->attributes(kAttrBrightness)) {
        QVERIFY(a.source == AttrSource::Computed);
        QVERIFY(std::get<double>(a.value) > 30 && std::get<double>(a.value) < 230);
    }
    // With every attribute and the visual features in, the length band still comes first.
    auto input = clusterInputFromStore(*store);
    QVERIFY(loadVisualFeatures(*store, input).empty());
    const auto report = findClusters(input);
    QVERIFY(!report.clusters.empty());
    QCOMPARE(report.clusters.front().attribute, std::string(kAttrLengthMm));
}

void TestClustersDemo::cliJson()
{
    QProcess p;
    p.start(CONCORD_CLI, {"clusters", QString::fromStdString(m_demo.project.string()), "--json"});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const auto j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    const auto &top = j["clusters"].at(0);
    QCOMPARE(top["kind"].get<std::string>(), std::string("band"));
    QCOMPARE(top["attribute"].get<std::string>(), std::string("length_mm"));
    QVERIFY(std::abs(top["lo"].get<double>() - 1.0) <= 0.3);
    QVERIFY(std::abs(top["hi"].get<double>() - 3.0) <= 0.3);
    QCOMPARE(top["confusion"], nlohmann::json({"scratch", "ok"}));
    QVERIFY(top["suggested_threshold"].is_number());
    QVERIFY(j["suggested_thresholds"]["length_mm"].is_number());
    QCOMPARE(j["labeler_thresholds"]["length_mm"].size(), std::size_t(5));
    for (const auto &t : j["labeler_thresholds"]["length_mm"])
        QVERIFY(t.contains("threshold") ? t.contains("stderr") : t.contains("note"));
}

QTEST_GUILESS_MAIN(TestClustersDemo)
#include "tst_clusters_demo.moc"
