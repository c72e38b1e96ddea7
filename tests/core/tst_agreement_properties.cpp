// SPDX-License-Identifier: GPL-3.0-or-later
// Properties every agreement figure must have whatever the data: perfect agreement is 1,
// renaming classes changes nothing, a labeler or item without labels changes nothing, repeats
// are weighted as documented, and the bootstrap is reproducible and brackets its estimate.

#include "tst_agreement_data.h"

#include "core/agreement/agreementreport.h"
#include "core/agreement/bootstrap.h"
#include "core/agreement/coefficients.h"
#include "core/agreement/itemcounts.h"

#include <QtTest>

#include <cmath>
#include <numeric>

using namespace concord::core;

namespace {

AgreementOptions quick(std::int32_t resamples = 0)
{
    AgreementOptions o;
    o.bootstrap.resamples = resamples;
    return o;
}

bool same(double a, double b, double tol = 1e-12)
{
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= tol;
}

/// Every nominal figure of two reports, matched by labeler and class *name*.
void compareNominal(const RatingTable &ta, const AgreementReport &a, const RatingTable &tb, const AgreementReport &b)
{
    QVERIFY(same(a.percentAgreement, b.percentAgreement));
    QVERIFY(same(a.meanItemAgreement, b.meanItemAgreement));
    QVERIFY(same(a.fleissKappa, b.fleissKappa));
    QVERIFY(same(a.alphaNominal, b.alphaNominal));
    QVERIFY(same(a.gwetAc1, b.gwetAc1));
    QVERIFY(same(a.unanimousShare, b.unanimousShare));
    QCOMPARE(a.pairs.size(), b.pairs.size());
    for (std::size_t p = 0; p < a.pairs.size(); ++p) {
        QVERIFY(same(a.pairs[p].cohenKappa, b.pairs[p].cohenKappa));
        QVERIFY(same(a.pairs[p].agreement, b.pairs[p].agreement));
    }
    for (const LabelerAgreement &la : a.perLabeler) {
        const auto &name = ta.labelerNames()[static_cast<std::size_t>(la.labeler)];
        const LabelerAgreement &lb = b.perLabeler[static_cast<std::size_t>(*tb.findLabeler(name))];
        QVERIFY(same(la.hlp, lb.hlp));
        QVERIFY(same(la.hlpVsMajority, lb.hlpVsMajority));
    }
    for (const ClassAgreement &ca : a.perClass) {
        const auto &name = ta.classNames()[static_cast<std::size_t>(ca.cls)];
        const ClassAgreement &cb = b.perClass[static_cast<std::size_t>(*tb.findClass(name))];
        QVERIFY(same(ca.fleissKappa, cb.fleissKappa));
        QVERIFY(same(ca.alphaNominal, cb.alphaNominal));
        QVERIFY(same(ca.gwetAc1, cb.gwetAc1));
        QVERIFY(same(ca.percentAgreement, cb.percentAgreement));
    }
}

} // namespace

class TestAgreementProperties : public QObject
{
    Q_OBJECT

private slots:
    void perfectAgreementIsOne();
    void relabelingClassesChangesNothing_data();
    void relabelingClassesChangesNothing();
    void emptyLabelerAndItemChangeNothing();
    void repeatsWeighOnePerLabeler();
    void bootstrapIsDeterministic();
    void bootstrapBracketsEstimate_data();
    void bootstrapBracketsEstimate();
    void bootstrapWeightsAreAResample();
    void groupedBootstrapEqualsPlain();
};

void TestAgreementProperties::perfectAgreementIsOne()
{
    RatingTable t;
    const char *classes[] = {"1", "2", "3"};
    for (int i = 0; i < 9; ++i)
        for (const char *r : {"a", "b", "c", "d"})
            if (!(i == 4 && r[0] == 'd')) // one missing label
                t.add(std::to_string(i), r, classes[i % 3]);
    concord::test::orderNumeric(t);
    const AgreementReport r = computeAgreement(t, quick());
    QCOMPARE(r.percentAgreement, 1.0);
    QCOMPARE(r.fleissKappa, 1.0);
    QCOMPARE(r.alphaNominal, 1.0);
    QCOMPARE(*r.alphaOrdinal, 1.0);
    QCOMPARE(*r.alphaInterval, 1.0);
    QCOMPARE(r.gwetAc1, 1.0);
    QCOMPARE(r.unanimousShare, 1.0);
    for (const PairAgreement &p : r.pairs)
        QCOMPARE(p.cohenKappa, 1.0);
    for (const LabelerAgreement &l : r.perLabeler)
        QCOMPARE(l.hlp, 1.0);
    for (const ClassAgreement &c : r.perClass)
        QCOMPARE(c.fleissKappa, 1.0);
}

void TestAgreementProperties::relabelingClassesChangesNothing_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("diagnoses") << "fleiss1971_diagnoses.csv";
    QTest::newRow("anxiety") << "irr_anxiety.csv";
}

void TestAgreementProperties::relabelingClassesChangesNothing()
{
    QFETCH(QString, file);
    const RatingTable original = concord::test::wideTable(file.toStdString());
    // Rename every class (reversing the declaration order too) and rebuild the table with the
    // ratings in reverse order, so indices of items, labelers and classes all change.
    RatingTable renamed;
    const auto &names = original.classNames();
    for (auto it = names.rbegin(); it != names.rend(); ++it)
        renamed.cls("renamed " + *it);
    for (const std::string &l : original.labelerNames())
        renamed.labeler(l);
    const auto &rs = original.ratings();
    for (auto it = rs.rbegin(); it != rs.rend(); ++it)
        renamed.add(original.itemNames()[static_cast<std::size_t>(it->item)],
                    original.labelerNames()[static_cast<std::size_t>(it->labeler)],
                    "renamed " + names[static_cast<std::size_t>(it->cls)]);
    QVERIFY(renamed.itemNames() != original.itemNames());
    const AgreementReport a = computeAgreement(original, quick());
    const AgreementReport b = computeAgreement(renamed, quick());
    // Map b's class names back for the per-class comparison.
    RatingTable back;
    for (const std::string &n : renamed.classNames())
        back.cls(n.substr(8));
    for (const std::string &l : renamed.labelerNames())
        back.labeler(l);
    compareNominal(original, a, back, b);
}

void TestAgreementProperties::emptyLabelerAndItemChangeNothing()
{
    const RatingTable base = concord::test::reliabilityTable("krippendorff2011_reliability_data.csv");
    RatingTable extended = base;
    extended.labeler("ghost"); // a labeler with all labels missing
    extended.item("unlabeled item");
    const AgreementReport a = computeAgreement(base, quick(100));
    const AgreementReport b = computeAgreement(extended, quick(100));
    compareNominal(base, a, extended, b);
    QVERIFY(same(*a.alphaOrdinal, *b.alphaOrdinal));
    QVERIFY(same(*a.alphaInterval, *b.alphaInterval));
    QCOMPARE(b.labelers, a.labelers + 1);
    const LabelerAgreement &ghost = b.perLabeler.back();
    QCOMPARE(ghost.items, 0);
    QVERIFY(std::isnan(ghost.hlp));
    // The empty item cannot change any point estimate; the bootstrap draws over one more item,
    // so its intervals differ, but stay valid.
    QVERIFY(b.ci95.at("fleiss_kappa").valid > 0);
}

void TestAgreementProperties::repeatsWeighOnePerLabeler()
{
    // A rated item x twice (cat, dog), B once (cat). Pairwise: A–B agree with weight 1/2, so
    // the pair's agreement is 0.5 over n = 1 item. Responses for Fleiss/Krippendorff: cat 2,
    // dog 1 on x: P_x = 2/6 = 1/3.
    RatingTable t;
    t.add("x", "A", "cat");
    t.add("x", "A", "dog");
    t.add("x", "B", "cat");
    const ItemCounts counts(t);
    QVERIFY(counts.hasRepeats());
    QCOMPARE(counts.labelersOn(0), 2);
    QCOMPARE(counts.agreeingPairs(0), 0.5);
    QCOMPARE(counts.comparablePairs(0), 1.0);
    QVERIFY(std::abs(fleissKappa(counts).observed - 1.0 / 3.0) < 1e-12);
    const AgreementReport r = computeAgreement(t, quick());
    QCOMPARE(r.pairs.size(), std::size_t{1});
    QCOMPARE(r.pairs[0].n, 1.0);
    QCOMPARE(r.pairs[0].agreement, 0.5);
    QCOMPARE(r.percentAgreement, 0.5);
}

void TestAgreementProperties::bootstrapIsDeterministic()
{
    const RatingTable t = concord::test::wideTable("fleiss1971_diagnoses.csv");
    AgreementOptions o = quick(300);
    o.bootstrap.seed = 42;
    o.bootstrap.threads = 1;
    const AgreementReport one = computeAgreement(t, o);
    o.bootstrap.threads = 2;
    const AgreementReport two = computeAgreement(t, o);
    o.bootstrap.threads = 2;
    const AgreementReport again = computeAgreement(t, o);
    for (const auto &[key, ci] : one.ci95) {
        QCOMPARE(two.ci95.at(key).lo, ci.lo); // exactly: thread count must not matter
        QCOMPARE(two.ci95.at(key).hi, ci.hi);
        QCOMPARE(again.ci95.at(key).lo, ci.lo);
        QCOMPARE(ci.valid, 300);
    }
    o.bootstrap.seed = 43;
    const AgreementReport other = computeAgreement(t, o);
    QVERIFY(other.ci95.at("fleiss_kappa").lo != one.ci95.at("fleiss_kappa").lo);
}

void TestAgreementProperties::bootstrapBracketsEstimate_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("diagnoses") << "fleiss1971_diagnoses.csv";
    QTest::newRow("anxiety") << "irr_anxiety.csv";
}

void TestAgreementProperties::bootstrapBracketsEstimate()
{
    QFETCH(QString, file);
    const AgreementReport r = computeAgreement(concord::test::wideTable(file.toStdString()), quick(1000));
    const std::pair<const char *, double> metrics[] = {{"percent_agreement", r.percentAgreement},
                                                       {"fleiss_kappa", r.fleissKappa},
                                                       {"krippendorff_alpha_nominal", r.alphaNominal},
                                                       {"gwet_ac1", r.gwetAc1}};
    for (const auto &[key, value] : metrics) {
        const ConfidenceInterval &ci = r.ci95.at(key);
        QVERIFY2(ci.lo <= value && value <= ci.hi, key);
        QVERIFY2(ci.hi - ci.lo > 0.01, key); // 20–30 items: a real interval, not a point
    }
}

void TestAgreementProperties::bootstrapWeightsAreAResample()
{
    // Each resample draws exactly N items; over many resamples every item is drawn about once
    // per resample (mean multiplicity 1).
    std::vector<std::uint32_t> w(50);
    std::vector<double> total(50, 0.0);
    for (std::int32_t b = 0; b < 2000; ++b) {
        bootstrapWeights(7, b, 50, {}, w);
        QCOMPARE(std::accumulate(w.begin(), w.end(), 0U), 50U);
        for (std::size_t i = 0; i < w.size(); ++i)
            total[i] += w[i];
    }
    for (const double x : total)
        QVERIFY(std::abs(x / 2000.0 - 1.0) < 0.1); // sd of the mean ≈ 0.022
}

void TestAgreementProperties::groupedBootstrapEqualsPlain()
{
    // Collapsing alike items into profiles must not change a single interval: same draws,
    // same statistic, only summed per profile.
    const ItemCounts counts(concord::test::wideTable("fleiss1971_diagnoses.csv"));
    const ItemCounts::Profiles profiles = counts.profiles();
    QVERIFY(profiles.distinct.itemCount() < counts.itemCount());
    BootstrapOptions o;
    o.resamples = 500;
    const auto plain = bootstrapItems(
        counts.itemCount(), 2,
        [&](ItemWeights w, std::span<double> out) {
            out[0] = fleissKappa(counts, w).kappa;
            out[1] = pooledAgreement(counts, w);
        },
        o);
    const auto grouped = bootstrapItems(
        counts.itemCount(), 2,
        [&](ItemWeights w, std::span<double> out) {
            out[0] = fleissKappa(profiles.distinct, w).kappa;
            out[1] = pooledAgreement(profiles.distinct, w);
        },
        o, profiles.profileOf, profiles.distinct.itemCount());
    for (std::size_t j = 0; j < 2; ++j) {
        QVERIFY(std::abs(plain[j].lo - grouped[j].lo) < 1e-12);
        QVERIFY(std::abs(plain[j].hi - grouped[j].hi) < 1e-12);
    }
}

QTEST_GUILESS_MAIN(TestAgreementProperties)
#include "tst_agreement_properties.moc"
