// SPDX-License-Identifier: GPL-3.0-or-later
// Agreement coefficients against published values (tests/data/agreement/README.md names the
// source of every table; the expected numbers are the published ones or, where marked, a hand
// calculation written out in the comment).

#include "tst_agreement_data.h"

#include "core/agreement/agreementjson.h"
#include "core/agreement/agreementreport.h"
#include "core/agreement/coefficients.h"
#include "core/agreement/coverage.h"
#include "core/agreement/itemagreement.h"
#include "core/agreement/itemcounts.h"
#include "core/agreement/pairwise.h"
#include "core/agreement/ratingcsv.h"
#include "core/common/error.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

using namespace concord::core;
using concord::test::agreementData;

namespace {

constexpr double kTol = 1e-9;

RatingTable namedTable(const QString &name)
{
    using namespace concord::test;
    if (name == QLatin1String("diagnoses"))
        return wideTable("fleiss1971_diagnoses.csv");
    if (name == QLatin1String("diagnoses14"))
        return wideTable("fleiss1971_diagnoses.csv", {1, 2, 3, 4});
    if (name == QLatin1String("anxiety")) {
        RatingTable t = wideTable("irr_anxiety.csv");
        orderNumeric(t);
        return t;
    }
    if (name == QLatin1String("kripp2011"))
        return reliabilityTable("krippendorff2011_reliability_data.csv");
    if (name == QLatin1String("wikikripp"))
        return reliabilityTable("wikipedia_krippendorff_example.csv");
    if (name == QLatin1String("wikifleiss"))
        return countsTable("wikipedia_fleiss_example_counts.csv");
    if (name == QLatin1String("cohen2x2"))
        return contingencyTable("wikipedia_cohen_2x2.csv");
    if (name == QLatin1String("bluebirds"))
        return longTable("bluebirds_crowd_labels.csv");
    qFatal("unknown table");
}

double metric(const RatingTable &table, const QString &name)
{
    const ItemCounts counts(table);
    const auto &values = table.classValues();
    if (name == QLatin1String("fleiss"))
        return fleissKappa(counts).kappa;
    if (name == QLatin1String("fleissObserved"))
        return fleissKappa(counts).observed;
    if (name == QLatin1String("fleissExpected"))
        return fleissKappa(counts).expected;
    if (name == QLatin1String("alphaNominal"))
        return krippendorffAlpha(counts, AlphaLevel::Nominal, values);
    if (name == QLatin1String("alphaOrdinal"))
        return krippendorffAlpha(counts, AlphaLevel::Ordinal, values);
    if (name == QLatin1String("alphaInterval"))
        return krippendorffAlpha(counts, AlphaLevel::Interval, values);
    if (name == QLatin1String("ac1"))
        return gwetAc1(counts);
    if (name == QLatin1String("pooled"))
        return pooledAgreement(counts);
    if (name == QLatin1String("unanimous"))
        return unanimousShare(counts);
    qFatal("unknown metric");
}

const PairAgreement &findPair(const std::vector<PairAgreement> &pairs, const RatingTable &t, const char *a,
                              const char *b)
{
    const std::int32_t ia = *t.findLabeler(a);
    const std::int32_t ib = *t.findLabeler(b);
    for (const PairAgreement &p : pairs)
        if ((p.a == ia && p.b == ib) || (p.a == ib && p.b == ia))
            return p;
    qFatal("pair not found");
}

} // namespace

class TestAgreement : public QObject
{
    Q_OBJECT

private slots:
    void publishedValues_data();
    void publishedValues();
    void fleissPerCategory_data();
    void fleissPerCategory();
    void cohenPairs_data();
    void cohenPairs();
    void gwetAc1HandChecked();
    void alphaEqualsFleissIdentityOnCompleteData();
    void hlpSeedDefinition();
    void itemAgreementHandChecked();
    void reportAndJson();
    void coverageThreshold_data();
    void coverageThreshold();
    void coverageCountsComparedItemsOnly();
    void unknownReferenceIsNotFound();
    void csvLoader();
    void csvErrorsNameFileAndLine_data();
    void csvErrorsNameFileAndLine();
};

void TestAgreement::publishedValues_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<double>("expected");

    // Fleiss (1971) diagnoses, irr 0.84.1 and the shared README.
    QTest::newRow("diagnoses fleiss") << "diagnoses"
                                      << "fleiss" << 0.430244520060141;
    QTest::newRow("diagnoses P") << "diagnoses"
                                 << "fleissObserved" << 0.555555555555556;
    QTest::newRow("diagnoses Pe") << "diagnoses"
                                  << "fleissExpected" << 0.219938271604938;
    QTest::newRow("diagnoses alpha") << "diagnoses"
                                     << "alphaNominal" << 0.433409828282028;
    QTest::newRow("diagnoses unanimous") << "diagnoses"
                                         << "unanimous" << 1.0 / 6.0;
    QTest::newRow("diagnoses raters 1-4") << "diagnoses14"
                                          << "fleiss" << 0.489331934242742;
    // irr anxiety (complete data: the corrected alpha values of the README, not irr's).
    QTest::newRow("anxiety fleiss") << "anxiety"
                                    << "fleiss" << -0.0410764872521247;
    QTest::newRow("anxiety alpha nominal") << "anxiety"
                                           << "alphaNominal" << -0.0237252124645893;
    QTest::newRow("anxiety alpha ordinal") << "anxiety"
                                           << "alphaOrdinal" << 0.228386945292322;
    QTest::newRow("anxiety alpha interval") << "anxiety"
                                            << "alphaInterval" << 0.170098607888631;
    // Krippendorff (2011) worked example, with missing values.
    QTest::newRow("kripp2011 nominal") << "kripp2011"
                                       << "alphaNominal" << 0.743421052631579;
    QTest::newRow("kripp2011 ordinal") << "kripp2011"
                                       << "alphaOrdinal" << 0.815387503754881;
    QTest::newRow("kripp2011 interval") << "kripp2011"
                                        << "alphaInterval" << 0.849107142857143;
    // Wikipedia "Krippendorff's alpha": units with 0 or 1 value are unpairable.
    QTest::newRow("wiki kripp nominal") << "wikikripp"
                                        << "alphaNominal" << 56.0 / 81.0;
    QTest::newRow("wiki kripp interval") << "wikikripp"
                                         << "alphaInterval" << 0.810844892812106;
    QTest::newRow("wiki kripp ordinal") << "wikikripp"
                                        << "alphaOrdinal" << 0.806721419941315;
    // Wikipedia "Fleiss' kappa" (counts expanded into 14 ratings per subject).
    QTest::newRow("wiki fleiss") << "wikifleiss"
                                 << "fleiss" << 0.209930704421955;
    // Wikipedia "Cohen's kappa" 2x2: two raters, so Fleiss' P̄ is the percent agreement.
    QTest::newRow("cohen2x2 agreement") << "cohen2x2"
                                        << "pooled" << 0.7;
    // Bluebirds 108 x 39 (README: irr kappam.fleiss and two independent implementations).
    QTest::newRow("bluebirds fleiss") << "bluebirds"
                                      << "fleiss" << 0.125292901951045;
    QTest::newRow("bluebirds alpha") << "bluebirds"
                                     << "alphaNominal" << 0.12550057220238;
    QTest::newRow("bluebirds mean pairwise") << "bluebirds"
                                             << "pooled" << 0.5881941320537818;
    QTest::newRow("bluebirds P") << "bluebirds"
                                 << "fleissObserved" << 0.5881941320537818;
    QTest::newRow("bluebirds Pe") << "bluebirds"
                                  << "fleissExpected" << 0.5292071267459049;
    QTest::newRow("bluebirds unanimous") << "bluebirds"
                                         << "unanimous" << 0.0;
}

void TestAgreement::publishedValues()
{
    QFETCH(QString, table);
    QFETCH(QString, metric);
    QFETCH(double, expected);
    const double got = ::metric(namedTable(table), metric);
    QVERIFY2(std::abs(got - expected) < kTol,
             qPrintable(QStringLiteral("got %1, expected %2").arg(got, 0, 'g', 17).arg(expected, 0, 'g', 17)));
}

void TestAgreement::fleissPerCategory_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<double>("kappa");
    QTest::addColumn<double>("proportion");
    // Fleiss (1971) per-category kappas as irr prints them unrounded (README).
    QTest::newRow("depression") << "1. Depression" << 0.244755244755 << 0.1444444444;
    QTest::newRow("personality") << "2. Personality Disorder" << 0.244755244755 << 0.1444444444;
    QTest::newRow("schizophrenia") << "3. Schizophrenia" << 0.520000000000 << 0.1666666667;
    QTest::newRow("neurosis") << "4. Neurosis" << 0.471127272727 << 0.3055555556;
    QTest::newRow("other") << "5. Other" << 0.566117806824 << 0.2388888889;
}

void TestAgreement::fleissPerCategory()
{
    QFETCH(QString, category);
    QFETCH(double, kappa);
    QFETCH(double, proportion);
    const RatingTable table = namedTable(QStringLiteral("diagnoses"));
    const ItemCounts counts(table);
    const auto c = static_cast<std::size_t>(*table.findClass(category.toStdString()));
    const FleissKappa f = fleissKappa(counts);
    // The README gives κ_j to 12 decimals and p_j to 10.
    QVERIFY(std::abs(f.perClass[c] - kappa) < 1e-11);
    QVERIFY(std::abs(f.proportions[c] - proportion) < 1e-9);
    // κ_j is also Fleiss' kappa of the one-vs-rest view (a second, independent route).
    const ItemCounts binary = counts.oneVsRest(static_cast<std::int32_t>(c));
    QVERIFY(std::abs(fleissKappa(binary).kappa - kappa) < 1e-11);
}

void TestAgreement::cohenPairs_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<double>("agreement");
    QTest::addColumn<double>("kappa");
    QTest::addColumn<double>("n");
    QTest::newRow("diagnoses r2-r3") << "diagnoses"
                                     << "rater2"
                                     << "rater3" << 0.7 << 0.631147540983606 << 30.0;
    QTest::newRow("anxiety r1-r2") << "anxiety"
                                   << "rater1"
                                   << "rater2" << -1.0 << 0.119496855345912 << 20.0;
    QTest::newRow("wikipedia 2x2") << "cohen2x2"
                                   << "A"
                                   << "B" << 0.7 << 0.4 << 50.0;
}

void TestAgreement::cohenPairs()
{
    QFETCH(QString, table);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(double, agreement);
    QFETCH(double, kappa);
    QFETCH(double, n);
    const RatingTable t = namedTable(table);
    const auto pairs = pairwiseAgreement(ItemCounts(t));
    const PairAgreement &p = findPair(pairs, t, qPrintable(a), qPrintable(b));
    QVERIFY(std::abs(p.cohenKappa - kappa) < kTol);
    QCOMPARE(p.n, n);
    if (agreement >= 0.0)
        QVERIFY(std::abs(p.agreement - agreement) < kTol);
}

void TestAgreement::gwetAc1HandChecked()
{
    // Two raters, Wikipedia 2x2: p_a = 35/50 = 0.7. "yes" shares: A 25/50 = 0.5, B 30/50 = 0.6,
    // π = 0.55, p_e = 2 π (1 − π) = 2 · 0.55 · 0.45 = 0.495,
    // AC1 = (0.7 − 0.495) / (1 − 0.495) = 0.205 / 0.505 = 41/101.
    QVERIFY(std::abs(metric(namedTable(QStringLiteral("cohen2x2")), QStringLiteral("ac1")) - 41.0 / 101.0) < kTol);

    // Three raters, two classes, one rating missing:
    //   item 1: a a a   P_1 = 1        shares a 1,   b 0
    //   item 2: a a b   P_2 = 2/6      shares a 2/3, b 1/3
    //   item 3: b b b   P_3 = 1        shares a 0,   b 1
    //   item 4: a b -   P_4 = 0        shares a 1/2, b 1/2
    // p_a = (1 + 1/3 + 1 + 0) / 4 = 7/12; π_a = (1 + 2/3 + 0 + 1/2) / 4 = 13/24, π_b = 11/24;
    // p_e = (π_a π_b + π_b π_a) / (K − 1) = 2 · 143/576 = 143/288;
    // AC1 = (168/288 − 143/288) / (145/288) = 25/145 = 5/29.
    RatingTable t;
    const char *rows[4][3] = {{"a", "a", "a"}, {"a", "a", "b"}, {"b", "b", "b"}, {"a", "b", nullptr}};
    for (int i = 0; i < 4; ++i)
        for (int r = 0; r < 3; ++r)
            if (rows[i][r])
                t.add(std::to_string(i), "r" + std::to_string(r), rows[i][r]);
    QVERIFY(std::abs(gwetAc1(ItemCounts(t)) - 5.0 / 29.0) < kTol);
}

void TestAgreement::alphaEqualsFleissIdentityOnCompleteData()
{
    // For complete data α = 1 − (1 − κ_Fleiss)(N − 1)/N with N the number of values (README).
    const RatingTable t = namedTable(QStringLiteral("bluebirds"));
    const ItemCounts counts(t);
    const double n = static_cast<double>(counts.responseCount());
    const double kappa = fleissKappa(counts).kappa;
    QVERIFY(std::abs(krippendorffAlpha(counts, AlphaLevel::Nominal, {}) - (1.0 - (1.0 - kappa) * (n - 1.0) / n)) <
            1e-12);
}

void TestAgreement::hlpSeedDefinition()
{
    // A labels 10 items "ok"; B agrees except on item 9 (the seed's "1 out of 10 = 90 %");
    // C labels items 0..4 "ok". Hand-computed: HLP(A) = (9 + 5) / (10 + 5) = 14/15,
    // HLP(B) = (9 + 5) / 15, HLP(C) = 10/10. Leave-one-out majority: A and B 9/10 (item 9 has
    // only the other one's label), C 5/5. Pair A-B: 90 %, kappa 0 (A never varies).
    RatingTable t;
    for (int i = 0; i < 10; ++i) {
        t.add(std::to_string(i), "A", "ok");
        t.add(std::to_string(i), "B", i == 9 ? "scratch" : "ok");
        if (i < 5)
            t.add(std::to_string(i), "C", "ok");
    }
    AgreementOptions options;
    options.reference = "A";
    options.bootstrap.resamples = 0;
    const AgreementReport r = computeAgreement(t, options);
    const auto &a = r.perLabeler[static_cast<std::size_t>(*t.findLabeler("A"))];
    const auto &b = r.perLabeler[static_cast<std::size_t>(*t.findLabeler("B"))];
    const auto &c = r.perLabeler[static_cast<std::size_t>(*t.findLabeler("C"))];
    QCOMPARE(a.items, 10);
    QCOMPARE(c.items, 5);
    QVERIFY(std::abs(a.hlp - 14.0 / 15.0) < kTol);
    QVERIFY(std::abs(b.hlp - 14.0 / 15.0) < kTol);
    QVERIFY(std::abs(c.hlp - 1.0) < kTol);
    QVERIFY(std::abs(a.hlpVsMajority - 0.9) < kTol);
    QVERIFY(std::abs(b.hlpVsMajority - 0.9) < kTol);
    QVERIFY(std::abs(c.hlpVsMajority - 1.0) < kTol);
    QVERIFY(b.hlpVsReference && std::abs(*b.hlpVsReference - 0.9) < kTol);
    QVERIFY(c.hlpVsReference && std::abs(*c.hlpVsReference - 1.0) < kTol);
    QVERIFY(!a.hlpVsReference);
    const PairAgreement &ab = findPair(r.pairs, t, "A", "B");
    QCOMPARE(ab.n, 10.0);
    QVERIFY(std::abs(ab.agreement - 0.9) < kTol);
    QVERIFY(std::abs(ab.cohenKappa) < kTol);
    // Project HLP: agreeing pairs 9 (A-B) + 5 (A-C) + 5 (B-C) over 10 + 5 + 5 comparisons.
    QVERIFY(std::abs(r.percentAgreement - 19.0 / 20.0) < kTol);
    // B's confusion against the majority: items 0..8 majority ok (B ok); item 9 is a tie
    // (ok: A, scratch: B) so B's "scratch" is spread half on ok-row, half on scratch-row.
    const std::int32_t ok = *t.findClass("ok");
    const std::int32_t scratch = *t.findClass("scratch");
    const auto cell = [&](std::int32_t truth, std::int32_t given) {
        return b.confusion[static_cast<std::size_t>(truth * 2 + given)];
    };
    QCOMPARE(cell(ok, ok), 9.0);
    QCOMPARE(cell(ok, scratch), 0.5);
    QCOMPARE(cell(scratch, scratch), 0.5);
    QCOMPARE(cell(scratch, ok), 0.0);
    QCOMPARE(r.majority.ties, std::int64_t{1});
}

void TestAgreement::itemAgreementHandChecked()
{
    // Item "x": 3 × a, 1 × b. P = 3·2 / (4·3) = 0.5; margin 2 votes = 0.5; entropy
    // −(0.75 log2 0.75 + 0.25 log2 0.25) = 0.811278124459133. Item "y": a, b → tie.
    RatingTable t;
    for (const char *l : {"a", "a", "a", "b"})
        t.add("x", std::string("r") + l + std::to_string(t.ratings().size()), l);
    t.add("y", "r0", "a");
    t.add("y", "r1", "b");
    t.add("z", "r0", "a");
    const auto items = itemAgreement(ItemCounts(t));
    QCOMPARE(items[0].responses, 4);
    QVERIFY(std::abs(items[0].agreement - 0.5) < kTol);
    QCOMPARE(items[0].majorityClass, *t.findClass("a"));
    QCOMPARE(items[0].marginVotes, 2);
    QVERIFY(std::abs(items[0].margin - 0.5) < kTol);
    QVERIFY(std::abs(items[0].entropyBits - 0.811278124459133) < kTol);
    QVERIFY(!items[0].unanimous);
    QCOMPARE(items[1].majorityClass, -1);
    QCOMPARE(items[1].tiedClasses, 2);
    QVERIFY(std::abs(items[1].entropyBits - 1.0) < kTol);
    QVERIFY(std::isnan(items[2].agreement)); // a single response has no pair
    QCOMPARE(items[2].majorityClass, *t.findClass("a"));
    QVERIFY(!items[2].unanimous);
}

void TestAgreement::reportAndJson()
{
    AgreementOptions options;
    options.bootstrap.resamples = 200;
    const RatingTable t = namedTable(QStringLiteral("kripp2011"));
    const AgreementReport r = computeAgreement(t, options);
    const nlohmann::json j = toJson(r);
    QCOMPARE(j.at("items").get<int>(), 12);
    QCOMPARE(j.at("labelers").get<int>(), 4);
    QCOMPARE(j.at("labels").get<int>(), 41);
    QVERIFY(std::abs(j.at("krippendorff_alpha").at("nominal").get<double>() - 0.743421052631579) < kTol);
    QVERIFY(std::abs(j.at("krippendorff_alpha").at("ordinal").get<double>() - 0.815387503754881) < kTol);
    QVERIFY(std::abs(j.at("krippendorff_alpha").at("interval").get<double>() - 0.849107142857143) < kTol);
    for (const char *key : {"percent_agreement", "fleiss_kappa", "gwet_ac1"}) {
        QVERIFY2(j.at("ci95").at(key).size() == 2, key);
        QVERIFY(j.at(key).is_number());
    }
    QCOMPARE(j.at("ci95").at("krippendorff_alpha").at("interval").size(), std::size_t{2});
    QCOMPARE(j.at("pairs").size(), std::size_t{6});
    QCOMPARE(j.at("per_labeler").size(), std::size_t{4});
    QCOMPARE(j.at("per_class").size(), std::size_t{5});
    QCOMPARE(j.at("per_class")[0].at("class").get<std::string>(), std::string("1"));
    QVERIFY(!j.contains("per_item"));
    AgreementJsonOptions withItems;
    withItems.perItem = true;
    QCOMPARE(toJson(r, withItems).at("per_item").size(), std::size_t{12});
    // Nominal labels: no ordinal/interval keys.
    AgreementOptions noBootstrap;
    noBootstrap.bootstrap.resamples = 0;
    const nlohmann::json nominal = toJson(computeAgreement(namedTable(QStringLiteral("diagnoses")), noBootstrap));
    QVERIFY(!nominal.at("krippendorff_alpha").contains("ordinal"));
    QVERIFY(nominal.at("ci95").empty());
}

void TestAgreement::coverageThreshold_data()
{
    // Issue #15 §4: too few when fewer than 30 images are compared, or under 10 % of the
    // project (10 % itself is enough).
    QTest::addColumn<qint64>("compared");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<bool>("fewer");
    QTest::addColumn<bool>("underShare");
    QTest::addColumn<QString>("warning");
    QTest::newRow("29 of 29")
        << qint64(29) << qint64(29) << true << false
        << "only 29 of 29 images compared (fewer than 30): too few for these figures to mean much";
    QTest::newRow("30 of 30") << qint64(30) << qint64(30) << false << false << "";
    QTest::newRow("30 of 300: exactly 10 %") << qint64(30) << qint64(300) << false << false << "";
    // 30 / 301 = 9.967 %: under 10 % (printed rounded down, never as "10.0 %").
    QTest::newRow("30 of 301") << qint64(30) << qint64(301) << false << true
                               << "only 30 of 301 images compared (9.9 % of the project, under 10 %): too few for "
                                  "these figures to mean much";
    // 12 / 300 = 4.0 %: both reasons.
    QTest::newRow("12 of 300") << qint64(12) << qint64(300) << true << true
                               << "only 12 of 300 images compared (fewer than 30, 4.0 % of the project, under 10 %): "
                                  "too few for these figures to mean much";
    QTest::newRow("100 of 1001") << qint64(100) << qint64(1001) << false << true
                                 << "only 100 of 1001 images compared (9.9 % of the project, under 10 %): too few "
                                    "for these figures to mean much";
    QTest::newRow("100 of 1000") << qint64(100) << qint64(1000) << false << false << "";
    QTest::newRow("empty project")
        << qint64(0) << qint64(0) << true << false
        << "only 0 of 0 images compared (fewer than 30): too few for these figures to mean much";
}

void TestAgreement::coverageThreshold()
{
    QFETCH(qint64, compared);
    QFETCH(qint64, total);
    QFETCH(bool, fewer);
    QFETCH(bool, underShare);
    QFETCH(QString, warning);
    const Coverage c = assessCoverage(compared, total);
    QCOMPARE(c.compared, compared);
    QCOMPARE(c.total, total);
    QCOMPARE(c.fewerThanMinimum, fewer);
    QCOMPARE(c.underMinimumShare, underShare);
    QCOMPARE(c.tooFew(), fewer || underShare);
    QCOMPARE(QString::fromStdString(coverageWarning(c)), warning);
}

void TestAgreement::coverageCountsComparedItemsOnly()
{
    // 29 items labeled twice (ann and bob; 20 agree, 9 disagree) and 5 items labeled once
    // (cid): 29 compared of 34, too few. unanimous_share counts the compared only: 20/29, not
    // (20 + 5)/34.
    RatingTable t;
    for (int i = 0; i < 29; ++i) {
        const std::string item = "i" + std::to_string(i);
        t.add(item, "ann", "ok");
        t.add(item, "bob", i < 20 ? "ok" : "scratch");
    }
    for (int i = 0; i < 5; ++i)
        t.add("single" + std::to_string(i), "cid", "ok");
    AgreementOptions o;
    o.bootstrap.resamples = 0;
    AgreementReport r = computeAgreement(t, o);
    QCOMPARE(r.items, 34);
    QCOMPARE(r.coverage.compared, std::int64_t{29});
    QCOMPARE(r.coverage.total, std::int64_t{34});
    QVERIFY(r.coverage.tooFew());
    QVERIFY(std::abs(r.unanimousShare - 20.0 / 29.0) < kTol);
    QVERIFY(std::abs(r.percentAgreement - 20.0 / 29.0) < kTol);
    nlohmann::json j = toJson(r);
    QCOMPARE(j.at("compared_items").get<std::int64_t>(), std::int64_t{29});
    QCOMPARE(j.at("project_items").get<std::int64_t>(), std::int64_t{34});
    QCOMPARE(j.at("too_few_compared").get<bool>(), true);
    QCOMPARE(j.at("warning").get<std::string>(),
             std::string("only 29 of 34 items compared (fewer than 30): too few for these figures to mean much"));

    // One more compared item: 30, enough, and the warning is null.
    t.add("i29", "ann", "ok");
    t.add("i29", "bob", "ok");
    r = computeAgreement(t, o);
    QCOMPARE(r.coverage.compared, std::int64_t{30});
    QVERIFY(!r.coverage.tooFew());
    j = toJson(r);
    QCOMPARE(j.at("too_few_compared").get<bool>(), false);
    QVERIFY(j.at("warning").is_null());

    // The same 30 in a project of 301 images (the others unlabeled): under 10 %.
    o.totalItems = 301;
    r = computeAgreement(t, o);
    QCOMPARE(r.coverage.total, std::int64_t{301});
    QVERIFY(r.coverage.underMinimumShare && !r.coverage.fewerThanMinimum);
    o.totalItems = 300;
    QVERIFY(!computeAgreement(t, o).coverage.tooFew());
}

void TestAgreement::unknownReferenceIsNotFound()
{
    AgreementOptions options;
    options.reference = "nobody";
    try {
        computeAgreement(namedTable(QStringLiteral("cohen2x2")), options);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::NotFound);
    }
}

void TestAgreement::csvLoader()
{
    RatingCsvOptions options;
    options.labelerColumn = "worker";
    const RatingTable t = readRatingsCsv(agreementData("bluebirds_crowd_labels.csv"), options);
    QCOMPARE(t.itemCount(), 108);
    QCOMPARE(t.labelerCount(), 39);
    QCOMPARE(t.ratings().size(), std::size_t{4212});
    QVERIFY(t.isOrdered()); // numeric labels 0/1
    QCOMPARE(t.classNames(), (std::vector<std::string>{"0", "1"}));
    QVERIFY(std::abs(fleissKappa(ItemCounts(t)).kappa - 0.125292901951045) < kTol);

    // Repeats, missing labels, quoted cells and nominal labels from a stream.
    std::istringstream in("item,labeler,label,note\n"
                          "i1,ann,cat,x\n"
                          "i1,ann,cat,\n"
                          "i1,bob,\"dog\",\n"
                          "i2,bob,,skipped\n");
    const RatingTable s = readRatingsCsv(in, "mem.csv");
    QCOMPARE(s.itemCount(), 2);
    QCOMPARE(s.ratings().size(), std::size_t{3});
    QVERIFY(s.hasRepeats());
    QVERIFY(!s.isOrdered());
    QCOMPARE(s.classNames(), (std::vector<std::string>{"cat", "dog"}));
}

void TestAgreement::csvErrorsNameFileAndLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("field");
    QTest::newRow("missing column") << "item,annotator,label\na,b,c\n" << qint64(1) << "labeler";
    QTest::newRow("short row") << "item,labeler,label\na,b,c\na,b\n" << qint64(3) << "";
    QTest::newRow("empty item") << "item,labeler,label\na,b,c\n,b,c\n" << qint64(3) << "item";
    QTest::newRow("empty labeler") << "item,labeler,label\na,b,c\n\na, ,c\n" << qint64(4) << "labeler";
    QTest::newRow("bad quote") << "item,labeler,label\na,\"b,c\n" << qint64(2) << "";
}

void TestAgreement::csvErrorsNameFileAndLine()
{
    QFETCH(QString, text);
    QFETCH(qint64, line);
    QFETCH(QString, field);
    std::istringstream in(text.toStdString());
    try {
        readRatingsCsv(in, "ratings.csv");
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::Parse);
        QCOMPARE(e.file(), std::string("ratings.csv"));
        QCOMPARE(e.line(), std::int64_t{line});
        if (!field.isEmpty())
            QCOMPARE(QString::fromStdString(e.field()), field);
        QVERIFY(std::string(e.what()).find("ratings.csv") != std::string::npos);
    }
}

QTEST_GUILESS_MAIN(TestAgreement)
#include "tst_agreement.moc"
