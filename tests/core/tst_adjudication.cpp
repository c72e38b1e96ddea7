// SPDX-License-Identifier: GPL-3.0-or-later
// The lead's adjudication loop in core (issue #16): the queue and its order, the majority,
// the cited standard, the standard seed of a cluster, and a decision with its exact undo under
// one audit schema. Every expected value is worked out by hand in the comments.
#include "core/adjudication/conflictqueue.h"
#include "core/adjudication/decisionlog.h"
#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/project/session.h"
#include "core/standards/rule.h"
#include "core/standards/standardseed.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace concord::core;

class TestAdjudication : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_projects = 0;

    struct Project
    {
        std::unique_ptr<Store> store;
        Id ok = 0, scratch = 0, dent = 0;
        Id ana = 0, ben = 0, cem = 0;
    };

    /// Classes ok, scratch, dent (ids ascending in that order) and three labelers.
    Project makeProject()
    {
        Project p;
        p.store = initProject(m_dir.path().toStdString() + "/p" + std::to_string(++m_projects) + ".concord",
                              {"p", 0, 3, false}, {"ok", "scratch", "dent"});
        p.ok = p.store->classByName("ok")->id;
        p.scratch = p.store->classByName("scratch")->id;
        p.dent = p.store->classByName("dent")->id;
        p.ana = ensureLabeler(*p.store, "ana").id;
        p.ben = ensureLabeler(*p.store, "ben").id;
        p.cem = ensureLabeler(*p.store, "cem").id;
        return p;
    }

    /// An image labeled by ana, ben, cem in turn with `classes` (fewer classes: fewer labels).
    static Id addImage(Project &p, const std::string &name, const std::vector<Id> &classes)
    {
        ImageRecord r;
        r.path = name;
        r.hash = name;
        r.width = r.height = 8;
        const Id id = p.store->addImage(r);
        const Id who[] = {p.ana, p.ben, p.cem};
        for (std::size_t i = 0; i < classes.size(); ++i)
            saveLabel(*p.store, id, who[i], classes[i]);
        return id;
    }

    static Id addStandard(Store &store, const std::string &title, const std::string &rule,
                          StandardStatus status = StandardStatus::Active)
    {
        Standard s;
        s.title = title;
        s.rule = rule;
        s.status = status;
        const Id id = store.addStandard(s);
        return id;
    }

    static std::vector<Id> order(const std::vector<ConflictEntry> &queue)
    {
        std::vector<Id> out;
        for (const auto &e : queue)
            out.push_back(e.image);
        return out;
    }

    /// Every decision of the project in the audit schema: what "the store is identical" means.
    static std::string decisionsOf(const Store &store)
    {
        nlohmann::json all = nlohmann::json::array();
        for (const auto &d : store.decisions())
            all.push_back({{"image", d.image}, {"state", decisionStateJson(d)}});
        return all.dump();
    }

private slots:
    void queueOrderWithoutClusters();
    void queueOrderClusterFirst();
    void majorityAndAgreement();
    void citedStandard_data();
    void citedStandard();
    void seedRule_data();
    void seedRule();
    void seedBody_data();
    void seedBody();
    void objectBandSeed_data();
    void objectBandSeed();
    void decisionRoundTrip();
    void undoRefusedWhenChangedSince();
    void sessionWritesTheSameSchema();
};

void TestAdjudication::queueOrderWithoutClusters()
{
    Project p = makeProject();
    // Labels (ana, ben, cem) and Fleiss' P_i = sum_k n_k (n_k - 1) / (n (n - 1)):
    //   i1 ok scratch scratch  "ok ↔ scratch"          (0 + 2) / 6 = 1/3
    //   i2 ok scratch          "ok ↔ scratch"          0 / 2       = 0
    //   i3 ok dent dent        "ok ↔ dent"             2 / 6       = 1/3
    //   i4 scratch dent scratch "scratch ↔ dent"       2 / 6       = 1/3
    //   i5 ok scratch dent     "ok ↔ scratch ↔ dent"   0
    //   i6 ok ok scratch       "ok ↔ scratch"          1/3
    //   i7 ok ok ok            unanimous: no conflict
    //   i8 ok dent             decided below: not in the queue
    // No attributes and no visual features: no cluster, so every entry has cluster 0.
    // Disputes by size: "ok ↔ scratch" 3 (i1 i2 i6) first, lowest agreement first, then by id:
    // i2, i1, i6. Then the disputes of one conflict each by their text (UTF-8 bytes):
    // "ok ↔ dent" < "ok ↔ scratch ↔ dent" < "scratch ↔ dent": i3, i5, i4.
    const Id i1 = addImage(p, "i1.png", {p.ok, p.scratch, p.scratch});
    const Id i2 = addImage(p, "i2.png", {p.ok, p.scratch});
    const Id i3 = addImage(p, "i3.png", {p.ok, p.dent, p.dent});
    const Id i4 = addImage(p, "i4.png", {p.scratch, p.dent, p.scratch});
    const Id i5 = addImage(p, "i5.png", {p.ok, p.scratch, p.dent});
    const Id i6 = addImage(p, "i6.png", {p.ok, p.ok, p.scratch});
    addImage(p, "i7.png", {p.ok, p.ok, p.ok});
    const Id i8 = addImage(p, "i8.png", {p.ok, p.dent});
    recordDecision(*p.store, Decision{i8, p.dent, DecisionMethod::Adjudicated, {}, {}, {}, {}}, "lea");

    const auto queue = conflictQueue(*p.store);
    QCOMPARE(order(queue), (std::vector<Id>{i2, i1, i6, i3, i5, i4}));
    for (const auto &e : queue)
        QCOMPARE(e.cluster, 0);
    QCOMPARE(queue[0].dispute, std::string("ok \u2194 scratch"));
    QCOMPARE(queue[4].dispute, std::string("ok \u2194 scratch \u2194 dent"));
    QCOMPARE(queue[4].classNames, (std::vector<std::string>{"ok", "scratch", "dent"}));
    QCOMPARE(queue[0].path, std::string("i2.png"));
    QCOMPARE(queue[0].vote.agreement, 0.0);
    QCOMPARE_LE(std::abs(queue[1].vote.agreement - 1.0 / 3.0), 1e-12);
}

void TestAdjudication::queueOrderClusterFirst()
{
    Project p = makeProject();
    // camera = cam-B: b1..b8 all disputed; cam-A: 12 unanimous and 2 disputed (a13, a14).
    // Disputed inside cam-B 8 of 8, outside 2 of 14: Fisher's one-sided p =
    // C(10,8) C(12,0) / C(22,8) = 45 / 319770 = 1.4e-4 (x2 values, Bonferroni: 2.8e-4), so
    // cam-B is the top (only) cluster; cam-A has fewer disputes than outside, no cluster.
    // All disputes are "ok ↔ scratch". Expected: cluster 1 first, lowest agreement first:
    // the two-label ones (P_i 0) b2 b4 b6 b8, then b1 b3 b5 b7 (1/3); then a13 a14 (1/3).
    std::vector<Id> b(9), a(15);
    auto camera = [&](Id image, const std::string &value) {
        p.store->setAttribute(ImageAttribute{image, "camera", value, AttrSource::Imported});
    };
    for (int i = 1; i <= 8; ++i) {
        b[std::size_t(i)] = addImage(p, "b" + std::to_string(i) + ".png",
                                     i % 2 ? std::vector<Id>{p.ok, p.ok, p.scratch} : std::vector<Id>{p.ok, p.scratch});
        camera(b[std::size_t(i)], "cam-B");
    }
    for (int i = 1; i <= 14; ++i) {
        a[std::size_t(i)] =
            addImage(p, "a" + std::to_string(i) + ".png",
                     i <= 12 ? std::vector<Id>{p.ok, p.ok, p.ok} : std::vector<Id>{p.ok, p.scratch, p.scratch});
        camera(a[std::size_t(i)], "cam-A");
    }
    // The hand reasoning about the engine, checked: one categorical cluster, cam-B's images.
    const auto input = clusterInputFromStore(*p.store);
    const auto report = findClusters(input);
    QCOMPARE(report.clusters.size(), std::size_t(1));
    QVERIFY(report.clusters[0].kind == ClusterKind::Categorical);
    QCOMPARE(report.clusters[0].value, std::string("cam-B"));

    const auto queue = conflictQueue(*p.store);
    QCOMPARE(order(queue), (std::vector<Id>{b[2], b[4], b[6], b[8], b[1], b[3], b[5], b[7], a[13], a[14]}));
    for (std::size_t i = 0; i < queue.size(); ++i)
        QCOMPARE(queue[i].cluster, i < 8 ? 1 : 0);
}

void TestAdjudication::majorityAndAgreement()
{
    struct Case
    {
        std::vector<int> classes; // by index into {ok, scratch, dent}
        double agreement;         // Fleiss' P_i, by hand
        int majority;             // index, -1 for a tie
    };
    // ok ok scratch: P = 2/6, majority ok. ok scratch: tie, P 0. ok scratch dent: tie, P 0.
    // scratch scratch scratch: P 1, scratch. one label: P 1 by convention (no pair), dent.
    const Case cases[] = {
        {{0, 0, 1}, 1.0 / 3.0, 0}, {{0, 1}, 0.0, -1}, {{0, 1, 2}, 0.0, -1}, {{1, 1, 1}, 1.0, 1}, {{2}, 1.0, 2}};
    Project p = makeProject();
    const Id ids[] = {p.ok, p.scratch, p.dent};
    int n = 0;
    for (const auto &c : cases) {
        std::vector<Id> classes;
        for (int k : c.classes)
            classes.push_back(ids[k]);
        const Id image = addImage(p, "m" + std::to_string(++n) + ".png", classes);
        const auto vote = voteOf(p.store->labelsOfImage(image));
        QCOMPARE(vote.labels, std::int32_t(c.classes.size()));
        QCOMPARE_LE(std::abs(vote.agreement - c.agreement), 1e-12);
        QCOMPARE(vote.majority.has_value(), c.majority >= 0);
        if (c.majority >= 0)
            QCOMPARE(*vote.majority, ids[c.majority]);
    }
}

void TestAdjudication::citedStandard_data()
{
    QTest::addColumn<QStringList>("dispute");
    QTest::addColumn<QString>("withoutNewest");
    QTest::addColumn<QString>("withNewest");
    // Standards, oldest first: "scratch length" names ok, scratch; "dent depth" names ok,
    // dent; "no rule" has none; "broken" does not parse; "retired" names ok, scratch but is
    // retired. Then "all three" (newest) names ok, scratch, dent. A standard is cited when its
    // rule names every class in dispute; the newest such wins.
    QTest::newRow("ok-scratch") << QStringList{"ok", "scratch"} << "scratch length"
                                << "all three";
    QTest::newRow("ok-dent") << QStringList{"ok", "dent"} << "dent depth"
                             << "all three";
    QTest::newRow("three") << QStringList{"ok", "scratch", "dent"} << ""
                           << "all three";
    QTest::newRow("scratch-dent") << QStringList{"scratch", "dent"} << ""
                                  << "all three";
    QTest::newRow("unknown class") << QStringList{"ok", "bent"} << ""
                                   << "";
}

void TestAdjudication::citedStandard()
{
    QFETCH(QStringList, dispute);
    QFETCH(QString, withoutNewest);
    QFETCH(QString, withNewest);
    Project p = makeProject();
    addStandard(*p.store, "scratch length", "when label in {ok, scratch}: scratch if length_mm >= 2 else ok");
    addStandard(*p.store, "dent depth", "when label in {ok, dent}: dent if depth_mm > 1 else keep");
    addStandard(*p.store, "no rule", "");
    addStandard(*p.store, "broken", "when label in {ok, scratch, dent}: ok if");
    addStandard(*p.store, "retired", "when label in {ok, scratch, dent}: keep", StandardStatus::Retired);
    std::set<std::string> inDispute;
    for (const auto &c : dispute)
        inDispute.insert(c.toStdString());
    auto cited = [&] {
        const auto s = concord::core::citedStandard(activeStandardsNewestFirst(*p.store), inDispute);
        return s ? QString::fromStdString(s->title) : QString();
    };
    QCOMPARE(cited(), withoutNewest);
    addStandard(*p.store, "all three", "when label in {ok, scratch, dent}: keep");
    QCOMPARE(cited(), withNewest);
}

void TestAdjudication::seedRule_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("positive");
    QTest::addColumn<QString>("confusionA");
    QTest::addColumn<QString>("confusionB");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("rule");
    const int band = int(ClusterKind::Band);
    const double none = std::nan("");
    // 2.456 → "%.2f" 2.46 (2.456 is 2.45600000000000018…, above the half) → "2.46".
    QTest::newRow("band") << band << "length_mm"
                          << ""
                          << "scratch"
                          << "ok"
                          << "scratch" << 2.456 << "scratch: length_mm threshold"
                          << "when label in {ok, scratch} and length_mm is known: scratch if length_mm >= 2.46 else ok";
    // Trailing zeros go: 3.10 → "3.1", 2.00 → "2"; -0.001 → "-0.00" → "-0" → "0".
    QTest::newRow("trailing zeros")
        << band << "length_mm"
        << ""
        << "scratch"
        << "scratch"
        << "ok" << 3.1 << "scratch: length_mm threshold"
        << "when label in {ok, scratch} and length_mm is known: scratch if length_mm >= 3.1 else ok";
    QTest::newRow("integer") << band << "depth"
                             << ""
                             << "dent"
                             << "dent"
                             << "ok" << 2.0 << "dent: depth threshold"
                             << "when label in {ok, dent} and depth is known: dent if depth >= 2 else ok";
    QTest::newRow("negative zero") << band << "t"
                                   << ""
                                   << "dent"
                                   << "dent"
                                   << "ok" << -0.001 << "dent: t threshold"
                                   << "when label in {ok, dent} and t is known: dent if t >= 0 else ok";
    // Classes named like keywords or with a space are quoted; `"` and `\` escaped.
    QTest::newRow("keyword classes") << band << "length_mm"
                                     << ""
                                     << "keep"
                                     << "not ok"
                                     << "keep" << 1.5 << "keep: length_mm threshold"
                                     << "when label in {\"not ok\", \"keep\"} and length_mm is known: \"keep\" if "
                                        "length_mm >= 1.5 else \"not ok\"";
    QTest::newRow("escapes")
        << band << "x"
        << ""
        << "a\"b"
        << "a\"b"
        << "c\\d" << 1.0 << "a\"b: x threshold"
        << "when label in {\"c\\\\d\", \"a\\\"b\"} and x is known: \"a\\\"b\" if x >= 1 else \"c\\\\d\"";
    // No rule: an attribute that cannot stand bare, a keyword attribute, no confusion pair, no
    // threshold.
    QTest::newRow("attribute with space") << band << "length mm"
                                          << ""
                                          << "scratch"
                                          << "ok"
                                          << "scratch" << 2.0 << "scratch: length mm threshold"
                                          << "";
    QTest::newRow("keyword attribute") << band << "label"
                                       << ""
                                       << "scratch"
                                       << "ok"
                                       << "scratch" << 2.0 << "scratch: label threshold"
                                       << "";
    QTest::newRow("no pair") << band << "length_mm"
                             << ""
                             << ""
                             << ""
                             << "" << 2.0 << "length_mm threshold"
                             << "";
    // The positive class outside the pair: a start whose other side the lead chooses.
    QTest::newRow("positive outside") << band << "length_mm"
                                      << ""
                                      << "dent"
                                      << "ok"
                                      << "scratch" << 2.0 << "dent: length_mm threshold"
                                      << "when length_mm is known: dent if length_mm >= 2 else keep";
    QTest::newRow("no threshold") << band << "length_mm"
                                  << ""
                                  << "scratch"
                                  << "ok"
                                  << "scratch" << none << "scratch: length_mm threshold"
                                  << "";
    QTest::newRow("categorical") << int(ClusterKind::Categorical) << "camera"
                                 << "cam-B"
                                 << ""
                                 << "ok"
                                 << "scratch" << none << "camera = cam-B"
                                 << "";
    QTest::newRow("visual") << int(ClusterKind::Visual) << ""
                            << "group 2"
                            << ""
                            << "ok"
                            << "scratch" << none << "Look-alike images (group 2)"
                            << "";
}

void TestAdjudication::seedRule()
{
    QFETCH(int, kind);
    QFETCH(QString, attribute);
    QFETCH(QString, value);
    QFETCH(QString, positive);
    QFETCH(QString, confusionA);
    QFETCH(QString, confusionB);
    QFETCH(double, threshold);
    QFETCH(QString, title);
    QFETCH(QString, rule);
    ClusterInput input;
    input.items.resize(3);
    input.items[0].image = 11;
    input.items[1].image = 12;
    input.items[2].image = 13;
    Cluster c;
    c.kind = static_cast<ClusterKind>(kind);
    c.attribute = attribute.toStdString();
    c.value = value.toStdString();
    c.positiveClass = positive.toStdString();
    c.confusionA = confusionA.toStdString();
    c.confusionB = confusionB.toStdString();
    if (!std::isnan(threshold))
        c.suggestedThreshold = threshold;
    c.members = {2, 0};
    c.description = "the description";
    const auto seed = standardSeedFor(input, c);
    QCOMPARE(QString::fromStdString(seed.title), title);
    QCOMPARE(QString::fromStdString(seed.rule), rule);
    QCOMPARE(seed.candidates, (std::vector<Id>{13, 11}));
    QCOMPARE(seed.threshold.has_value(), c.kind == ClusterKind::Band && !std::isnan(threshold));
    if (rule.isEmpty())
        return;
    // The seeded rule reads back with the parser: its classes are the pair, unquoted.
    const auto parsed = parseRule(seed.rule);
    std::set<std::string> named;
    for (const auto &n : parsed.classes())
        named.insert(n.text);
    // Without the pair ("else keep") only the positive class is named.
    std::set<std::string> expected{c.positiveClass};
    if (c.positiveClass == c.confusionA || c.positiveClass == c.confusionB)
        expected = {c.confusionA, c.confusionB};
    QCOMPARE(named, expected);
    QCOMPARE(parsed.attributes().front().text, c.attribute);
}

void TestAdjudication::seedBody_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("positive");
    QTest::addColumn<QString>("confusionA");
    QTest::addColumn<QString>("confusionB");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<QString>("body");
    const int band = int(ClusterKind::Band);
    const double none = std::nan("");
    // An instruction for the labelers in the rule's own number (2.456 → 2.46), written by hand.
    QTest::newRow("pair") << band << "length_mm"
                          << "scratch"
                          << "ok"
                          << "scratch" << 2.456
                          << "An image is **scratch** when its length is 2.46 mm or more, **ok** when it is less.";
    QTest::newRow("area") << band << "area_mm2"
                          << "dent"
                          << "dent"
                          << "ok" << 4.0
                          << "An image is **dent** when its area is 4 mm² or more, **ok** when it is less.";
    QTest::newRow("no unit")
        << band << "mean_brightness"
        << "dark"
        << "dark"
        << "ok" << 80.5 << "An image is **dark** when its mean brightness is 80.5 or more, **ok** when it is less.";
    QTest::newRow("positive outside") << band << "length_px"
                                      << "dent"
                                      << "ok"
                                      << "scratch" << 12.0 << "An image is **dent** when its length is 12 px or more.";
    // Nothing to instruct: the description stays, for the lead to turn into an instruction.
    QTest::newRow("no threshold") << band << "length_mm"
                                  << "scratch"
                                  << "ok"
                                  << "scratch" << none << "the description";
    QTest::newRow("no positive") << band << "length_mm"
                                 << ""
                                 << ""
                                 << "" << 2.0 << "the description";
    QTest::newRow("categorical") << int(ClusterKind::Categorical) << "camera"
                                 << ""
                                 << "ok"
                                 << "scratch" << none << "the description";
}

void TestAdjudication::seedBody()
{
    QFETCH(int, kind);
    QFETCH(QString, attribute);
    QFETCH(QString, positive);
    QFETCH(QString, confusionA);
    QFETCH(QString, confusionB);
    QFETCH(double, threshold);
    QFETCH(QString, body);
    ClusterInput input;
    input.items.resize(1);
    Cluster c;
    c.kind = static_cast<ClusterKind>(kind);
    c.attribute = attribute.toStdString();
    c.positiveClass = positive.toStdString();
    c.confusionA = confusionA.toStdString();
    c.confusionB = confusionB.toStdString();
    if (!std::isnan(threshold))
        c.suggestedThreshold = threshold;
    c.members = {0};
    c.description = "the description";
    QCOMPARE(QString::fromStdString(standardSeedFor(input, c).body), body);
}

void TestAdjudication::objectBandSeed_data()
{
    QTest::addColumn<int>("end");
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("rule");
    // Bands of 'scratch' length_mm whose members are 1.0 … 2.0 (low end) or 3.0 … 4.0 (high end).
    QTest::newRow("low") << int(ObjectBand::End::Low) << 0.5 << 2.734 << "scratch objects: length_mm threshold"
                         << "Draw a **scratch** only when its length is 2.73 mm or more; below that, do not draw it."
                         << "for objects of class scratch: drop if length_mm < 2.73";
    QTest::newRow("high") << int(ObjectBand::End::High) << 2.5 << 9.0 << "scratch objects: length_mm threshold"
                          << "Do not draw a **scratch** when its length is more than 2.5 mm."
                          << "for objects of class scratch: drop if length_mm > 2.5";
    QTest::newRow("middle") << int(ObjectBand::End::Middle) << 1.0 << 2.0 << "scratch objects: length_mm band"
                            << "the description"
                            << "";
}

void TestAdjudication::objectBandSeed()
{
    QFETCH(int, end);
    QFETCH(double, lo);
    QFETCH(double, hi);
    QFETCH(QString, title);
    QFETCH(QString, body);
    QFETCH(QString, rule);
    ObjectClusterInput input;
    input.itemNames = {"a.png", "b.png", "c.png"};
    input.objects.resize(4);
    input.objects[0].item = 2;
    input.objects[1].item = 0;
    input.objects[2].item = 2; // a second object on c.png: its image once
    input.objects[3].item = 1; // b.png has no image id: left out
    ObjectBand band;
    band.className = "scratch";
    band.attribute = "length_mm";
    band.end = static_cast<ObjectBand::End>(end);
    band.lo = lo;
    band.hi = hi;
    band.first = end == int(ObjectBand::End::High) ? 3.0 : 1.0;
    band.last = end == int(ObjectBand::End::High) ? 4.0 : 2.0;
    band.members = {0, 1, 2, 3};
    band.description = "the description";
    const StandardSeed seed = standardSeedFor(input, band, {21, 0, 23});
    QCOMPARE(QString::fromStdString(seed.title), title);
    QCOMPARE(QString::fromStdString(seed.body), body);
    QCOMPARE(QString::fromStdString(seed.rule), rule);
    QCOMPARE(seed.candidates, (std::vector<Id>{23, 21}));
    if (!rule.isEmpty())
        QCOMPARE(QString::fromStdString(suggestedObjectRule(band)), rule);
}

void TestAdjudication::decisionRoundTrip()
{
    Project p = makeProject();
    const Id img = addImage(p, "x.png", {p.ok, p.scratch});
    const Id other = addImage(p, "y.png", {p.ok, p.dent});
    const Id lea = ensureLabeler(*p.store, "lea", Role::Lead).id;
    const Id std1 = addStandard(*p.store, "scratch length", "when label in {ok, scratch}: keep");
    // Another image's decision stays as it is throughout.
    p.store->setDecision(
        Decision{other, std::nullopt, DecisionMethod::Excluded, {}, lea, "blurred", "2026-01-02T03:04:05Z"});
    const std::string initial = decisionsOf(*p.store);
    const std::size_t auditBefore = p.store->auditLog().size();

    // 1. No decision → scratch, then undo: the store as before, two entries in one schema.
    const Decision first{img, p.scratch, DecisionMethod::Adjudicated, std1, lea, "long", {}};
    const DecisionEdit rec = recordDecision(*p.store, first, "lea");
    QVERIFY(!rec.before);
    QVERIFY(rec.after);
    QVERIFY(!rec.after->createdAt.empty()); // the store's time, kept for the undo check
    QCOMPARE(rec.after->note, std::string("long"));
    QCOMPARE(rec.after->standard.value_or(0), std1);
    const DecisionEdit undo = undoDecision(*p.store, rec, "lea");
    QCOMPARE(decisionsOf(*p.store), initial);
    QVERIFY(!undo.after);
    QCOMPARE(decisionStateJson(undo.before), decisionStateJson(rec.after));

    const auto log = p.store->auditLog(); // newest first
    QCOMPARE(log.size(), auditBefore + 2);
    QCOMPARE(log[0].action, std::string(kAuditDecisionUndo));
    QCOMPARE(log[1].action, std::string(kAuditDecision));
    QVERIFY(log[1].undone);
    QVERIFY(!log[0].undone);
    QCOMPARE(log[0].id, undo.auditId);
    QCOMPARE(log[1].id, rec.auditId);
    const auto readRec = readDecisionEntry(log[1]);
    const auto readUndo = readDecisionEntry(log[0]);
    QCOMPARE(decisionStateJson(readRec.after), decisionStateJson(rec.after));
    QVERIFY(!readRec.before);
    QCOMPARE(decisionStateJson(readUndo.before), decisionStateJson(rec.after));
    QVERIFY(!readUndo.after);
    QCOMPARE(nlohmann::json::parse(log[0].payload).at("undoes").get<Id>(), rec.auditId);

    // 2. Redo is the undo of the undo: the decision exactly as recorded, created_at included.
    const DecisionEdit redo = undoDecision(*p.store, undo, "lea");
    QCOMPARE(decisionStateJson(p.store->decision(img)), decisionStateJson(rec.after));
    QCOMPARE(decisionStateJson(redo.after), decisionStateJson(rec.after));

    // 3. Replacing a decision and undoing restores the earlier one exactly (note, time, by).
    const std::string withFirst = decisionsOf(*p.store);
    const DecisionEdit excl =
        recordDecision(*p.store, Decision{img, std::nullopt, DecisionMethod::Excluded, {}, lea, "unsure", {}}, "lea");
    QCOMPARE(decisionStateJson(excl.before), decisionStateJson(rec.after));
    undoDecision(*p.store, excl, "lea");
    QCOMPARE(decisionsOf(*p.store), withFirst);

    // 4. Removing is a change like any other, and undone the same way.
    const DecisionEdit removed = removeDecision(*p.store, img, "lea");
    QVERIFY(!p.store->decision(img));
    undoDecision(*p.store, removed, "lea");
    QCOMPARE(decisionsOf(*p.store), withFirst);

    // 5. Bad input is refused before anything is written.
    const auto count = p.store->auditLog().size();
    QVERIFY_THROWS_EXCEPTION(Error, recordDecision(*p.store, Decision{999, p.ok, {}, {}, {}, {}, {}}, "lea"));
    QVERIFY_THROWS_EXCEPTION(Error, recordDecision(*p.store, Decision{img, 999, {}, {}, {}, {}, {}}, "lea"));
    QCOMPARE(p.store->auditLog().size(), count);
    QCOMPARE(decisionsOf(*p.store), withFirst);
}

void TestAdjudication::undoRefusedWhenChangedSince()
{
    Project p = makeProject();
    const Id img = addImage(p, "x.png", {p.ok, p.scratch});
    const Id lea = ensureLabeler(*p.store, "lea", Role::Lead).id;
    const Id max = ensureLabeler(*p.store, "max", Role::Lead).id;
    const DecisionEdit mine = recordDecision(*p.store, Decision{img, p.ok, {}, {}, lea, {}, {}}, "lea");
    // Another lead (another process) decides the image again; lea's undo would discard it.
    recordDecision(*p.store, Decision{img, p.scratch, {}, {}, max, "max's", {}}, "max");
    const std::string state = decisionsOf(*p.store);
    const auto count = p.store->auditLog().size();
    try {
        undoDecision(*p.store, mine, "lea");
        QFAIL("the undo was not refused");
    } catch (const Error &e) {
        QVERIFY(e.code() == ErrorCode::Invalid);
        const std::string what = e.what();
        QVERIFY2(what.find("x.png") != std::string::npos && what.find("by max") != std::string::npos &&
                     what.find("nothing was undone") != std::string::npos,
                 e.what());
    }
    QCOMPARE(decisionsOf(*p.store), state);
    QCOMPARE(p.store->auditLog().size(), count);
    QVERIFY(!p.store->auditLog()[1].undone); // lea's entry is still in force
    // Undone once, an edit cannot be undone again (the decision is no longer its "after").
    const DecisionEdit again = recordDecision(*p.store, Decision{img, p.dent, {}, {}, lea, {}, {}}, "lea");
    undoDecision(*p.store, again, "lea");
    QVERIFY_THROWS_EXCEPTION(Error, undoDecision(*p.store, again, "lea"));
}

void TestAdjudication::sessionWritesTheSameSchema()
{
    Project p = makeProject();
    const Id img = addImage(p, "x.png", {p.ok, p.scratch});
    auto lead = Session::lead(*p.store, "lea");
    const std::string before = decisionsOf(*p.store);
    const DecisionEdit e = lead.recordDecision(Decision{img, p.scratch, {}, {}, p.ana, "n", {}});
    QCOMPARE(p.store->decision(img)->by.value_or(0), lead.who().id); // the session says who
    const auto entry = p.store->auditLog(1).front();
    QCOMPARE(entry.actor, std::string("lea"));
    QCOMPARE(decisionStateJson(readDecisionEntry(entry).after), decisionStateJson(p.store->decision(img)));
    lead.undoDecision(e);
    QCOMPARE(decisionsOf(*p.store), before);
    auto ana = Session::labeler(*p.store, "ana");
    try {
        ana.undoDecision(e);
        QFAIL("a labeler undid a decision");
    } catch (const Error &err) {
        QVERIFY(err.code() == ErrorCode::Denied);
    }
}

QTEST_APPLESS_MAIN(TestAdjudication)
#include "tst_adjudication.moc"
