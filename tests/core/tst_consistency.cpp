// SPDX-License-Identifier: GPL-3.0-or-later
// The consistency checks (issue #20): self-agreement on repeated images, test–retest of line
// measurements and agreement with gold classes. Every expected number is a published one
// (tests/data/agreement/README.md) or an independent computation written out in the comment
// beside it (Python 3.11, numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1).

#include "core/agreement/consistency.h"

#include "core/agreement/bootstrap.h"
#include "core/agreement/coefficients.h"
#include "core/common/csv.h"
#include "core/common/error.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
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

std::string agreementData(const std::string &file)
{
    return std::string(CONCORD_TEST_DATA) + "/agreement/" + file;
}

/// The Wikipedia "Cohen's kappa" example (`rater_A,rater_B,count`), yes = 0 and no = 1, as
/// (A, B) class pairs in the file's order.
std::vector<std::pair<std::int32_t, std::int32_t>> wikipediaCohenPairs()
{
    const auto csv = CsvTable::readFile(agreementData("wikipedia_cohen_2x2.csv"));
    std::vector<std::pair<std::int32_t, std::int32_t>> out;
    const auto cls = [](const std::string &s) { return s == "yes" ? 0 : 1; };
    for (const CsvRow &row : csv.rows())
        for (int n = std::stoi(row.cells[2]); n > 0; --n)
            out.emplace_back(cls(row.cells[0]), cls(row.cells[1]));
    return out;
}

std::vector<RepeatPair> repeats(std::int32_t labeler, const std::vector<std::int32_t> &first,
                                const std::vector<std::int32_t> &second)
{
    std::vector<RepeatPair> out;
    for (std::size_t i = 0; i < first.size(); ++i)
        out.push_back({labeler, first[i], second[i]});
    return out;
}

/// A 3-class case: sklearn.metrics.cohen_kappa_score(kFirst, kSecond) = 0.5321637426900585,
/// agreement 11 / 16.
const std::vector<std::int32_t> kFirst{0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2, 0, 1};
const std::vector<std::int32_t> kSecond{0, 0, 1, 0, 1, 2, 1, 2, 2, 0, 2, 0, 1, 1, 2, 1};
constexpr double kThreeClassKappa = 0.5321637426900585;

BootstrapOptions noBootstrap()
{
    BootstrapOptions o;
    o.resamples = 0;
    return o;
}

/// The message of the Error `fn` throws, checking its code and field; empty when it throws none.
QString invalidField(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const Error &e) {
        if (e.code() != ErrorCode::Invalid)
            return QStringLiteral("wrong code: ") + QString::fromStdString(e.what());
        return QString::fromStdString(e.field());
    }
    return {};
}

/// The numpy type-7 quantile of sorted values (bootstrap.h says the bounds are these).
double type7(const std::vector<double> &sorted, double q)
{
    const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

} // namespace

class TestConsistency : public QObject
{
    Q_OBJECT

private slots:
    void selfAgreementWikipediaCohen();
    void selfAgreementThreeClasses();
    void kappaBeyondTheConfusionLimit();
    void oneClassThroughoutHasNoKappa();
    void repeatabilityOfTheWrightMeter();
    void blandAltmanPublishedFigures();
    void repeatabilityFewPairs();
    void goldHandComputed();
    void goldWikipediaCohen();
    void labelersWithoutData();
    void invalidInput();
    void bootstrapContainsEstimateAndRepeats();
    void bootstrapIsTheItemBootstrap();
};

void TestConsistency::selfAgreementWikipediaCohen()
{
    // Wikipedia "Cohen's kappa": 50 items, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no:
    // p_o = 0.7, p_e = 0.5, κ = 0.4. Here as labeler 1's answer and its repeat.
    std::vector<RepeatPair> pairs;
    for (const auto &[a, b] : wikipediaCohenPairs())
        pairs.push_back({1, a, b});
    const auto self = selfAgreement(pairs, {}, 2, 2, noBootstrap());
    QCOMPARE(self.size(), std::size_t{2});
    QCOMPARE(self[1].labeler, 1);
    QCOMPARE(self[1].pairs, 50);
    QCOMPARE_NEAR(self[1].agreement, 0.7, kTol);
    QCOMPARE_NEAR(self[1].kappa, 0.4, kTol);
    QCOMPARE(self[1].measurement.pairs, 0);
}

void TestConsistency::selfAgreementThreeClasses()
{
    // python3 -c "from sklearn.metrics import cohen_kappa_score as k; print(k(
    //   [0,0,0,0,1,1,1,2,2,2,2,0,1,2,0,1], [0,0,1,0,1,2,1,2,2,0,2,0,1,1,2,1]))" → 0.5321637426900585
    const auto self = selfAgreement(repeats(0, kFirst, kSecond), {}, 1, 3, noBootstrap());
    QCOMPARE(self[0].pairs, 16);
    QCOMPARE_NEAR(self[0].agreement, 11.0 / 16.0, kTol);
    QCOMPARE_NEAR(self[0].kappa, kThreeClassKappa, kTol);
    // κ does not depend on classes nobody used: the same answers among 40 declared classes,
    // renamed 0 → 39, 1 → 7, 2 → 20.
    const std::int32_t rename[] = {39, 7, 20};
    std::vector<RepeatPair> renamed = repeats(0, kFirst, kSecond);
    for (RepeatPair &p : renamed) {
        p.first = rename[p.first];
        p.second = rename[p.second];
    }
    QCOMPARE_NEAR(selfAgreement(renamed, {}, 1, 40, noBootstrap())[0].kappa, kThreeClassKappa, kTol);
}

void TestConsistency::kappaBeyondTheConfusionLimit()
{
    // 3,000 pairs over 150 used classes of 200,000 declared: beyond kConfusionMatrixClassLimit.
    // python3 -c "from sklearn.metrics import cohen_kappa_score as k
    // a=[(i*7919)%150 for i in range(3000)]; f=[x*1000+17 for x in a]
    // s=[f[i] if i%4 else ((a[i]*31+7)%150)*1000+17 for i in range(3000)]; print(k(f,s))"
    //   → 0.7483221476510067; agreement 0.75 (30·a ≡ −7 mod 150 has no solution).
    constexpr std::int32_t kClasses = 200000;
    std::vector<RepeatPair> pairs;
    std::vector<GoldAnswer> answers;
    for (std::int32_t i = 0; i < 3000; ++i) {
        const std::int32_t a = (i * 7919) % 150;
        const std::int32_t first = a * 1000 + 17;
        const std::int32_t second = i % 4 != 0 ? first : ((a * 31 + 7) % 150) * 1000 + 17;
        pairs.push_back({0, first, second});
        answers.push_back({0, first, second});
    }
    const auto self = selfAgreement(pairs, {}, 1, kClasses, noBootstrap());
    QCOMPARE_NEAR(self[0].agreement, 0.75, kTol);
    QCOMPARE_NEAR(self[0].kappa, 0.7483221476510067, kTol);
    const auto gold = goldAgreement(answers, 1, kClasses, noBootstrap());
    QCOMPARE(gold[0].items, 3000);
    QCOMPARE_NEAR(gold[0].accuracy, 0.75, kTol);
    QCOMPARE_NEAR(gold[0].kappa, 0.7483221476510067, kTol);
    QVERIFY(gold[0].confusion.empty());
    QVERIFY(gold[0].recall.empty());
}

void TestConsistency::oneClassThroughoutHasNoKappa()
{
    // Always class 2: p_o = 1 and p_e = 1, so κ = 0/0 (cohenKappa: NaN when p_e = 1).
    const auto self = selfAgreement(repeats(0, {2, 2, 2}, {2, 2, 2}), {}, 1, 3, noBootstrap());
    QCOMPARE(self[0].agreement, 1.0);
    QVERIFY(std::isnan(self[0].kappa));
}

void TestConsistency::repeatabilityOfTheWrightMeter()
{
    // Bland & Altman (1986), Table 1: the two Wright meter readings of 17 subjects as one
    // labeler's test and retest (second − first). Expected values:
    //   import numpy as np, scipy.stats as st
    //   x = np.array([[494,490],[395,397],[516,512],[434,401],[476,470],[557,611],[413,415],
    //       [442,431],[650,638],[433,429],[417,420],[656,633],[267,275],[478,492],[178,165],
    //       [423,372],[427,421]], float)
    //   d = x[:,1] - x[:,0]; n, k = x.shape
    //   np.abs(d).mean(), d.mean(), d.std(ddof=1)    → 14.705882352941176, -4.9411764705882355,
    //                                                  21.724037919535395
    //   d.mean() -/+ 1.96 * d.std(ddof=1)            → -47.5202907928776, 37.63793785170114
    //   msb = k * ((x.mean(1) - x.mean())**2).sum() / (n - 1)
    //   msw = ((x - x.mean(1, keepdims=True))**2).sum() / (n * (k - 1))
    //   (msb - msw) / (msb + (k - 1) * msw)          → 0.9831650200775257
    //   F = st.f_oneway(*x).statistic; (F - 1) / (F + k - 1)  → 0.9831650200775257 (the same)
    const auto csv = CsvTable::readFile(agreementData("bland_altman_1986_pefr.csv"));
    std::vector<MeasurementPair> m;
    for (const CsvRow &row : csv.rows())
        m.push_back({2, std::stod(row.cells[1]), std::stod(row.cells[2])});
    QCOMPARE(m.size(), std::size_t{17});
    const auto self = selfAgreement({}, m, 3, 1, noBootstrap());
    const Repeatability &r = self[2].measurement;
    QCOMPARE(r.pairs, 17);
    QCOMPARE_NEAR(r.meanAbsDiff, 14.705882352941176, 1e-11);
    QCOMPARE_NEAR(r.bias, -4.9411764705882355, 1e-11);
    QCOMPARE_NEAR(r.sdDiff, 21.724037919535395, 1e-11);
    QCOMPARE_NEAR(r.limitLo, -47.5202907928776, 1e-11);
    QCOMPARE_NEAR(r.limitHi, 37.63793785170114, 1e-11);
    QCOMPARE_NEAR(r.icc, 0.9831650200775257, 1e-12);
    QCOMPARE(self[2].pairs, 0); // no class repeats
    QVERIFY(std::isnan(self[2].agreement));
    QCOMPARE(self[0].measurement.pairs, 0);
    QVERIFY(std::isnan(self[0].measurement.icc));
}

void TestConsistency::blandAltmanPublishedFigures()
{
    // Bland & Altman (1986): first Wright minus first mini Wright reading, mean −2.1 l/min and
    // SD 38.8 l/min (published to one decimal). Here first = mini Wright, second = Wright.
    const auto csv = CsvTable::readFile(agreementData("bland_altman_1986_pefr.csv"));
    std::vector<MeasurementPair> m;
    for (const CsvRow &row : csv.rows())
        m.push_back({0, std::stod(row.cells[3]), std::stod(row.cells[1])});
    const Repeatability r = selfAgreement({}, m, 1, 1, noBootstrap())[0].measurement;
    QCOMPARE_NEAR(r.bias, -2.1, 0.05);
    QCOMPARE_NEAR(r.sdDiff, 38.8, 0.05);
    QCOMPARE_NEAR(r.limitLo, r.bias - 1.96 * r.sdDiff, kTol);
    QCOMPARE_NEAR(r.limitHi, r.bias + 1.96 * r.sdDiff, kTol);
}

void TestConsistency::repeatabilityFewPairs()
{
    // One pair (10, 13): mean |d| = bias = 3; no SD, limits or ICC with n − 1 = 0.
    const auto one = selfAgreement({}, std::vector<MeasurementPair>{{0, 10.0, 13.0}}, 1, 1, noBootstrap());
    QCOMPARE(one[0].measurement.pairs, 1);
    QCOMPARE(one[0].measurement.meanAbsDiff, 3.0);
    QCOMPARE(one[0].measurement.bias, 3.0);
    QVERIFY(std::isnan(one[0].measurement.sdDiff));
    QVERIFY(std::isnan(one[0].measurement.limitLo));
    QVERIFY(std::isnan(one[0].measurement.icc));
    // Every value 5: SD 0, limits at the bias 0, MSB = MSW = 0 so ICC is 0/0.
    const std::vector<MeasurementPair> same{{0, 5.0, 5.0}, {0, 5.0, 5.0}, {0, 5.0, 5.0}};
    const Repeatability r = selfAgreement({}, same, 1, 1, noBootstrap())[0].measurement;
    QCOMPARE(r.sdDiff, 0.0);
    QCOMPARE(r.limitLo, 0.0);
    QCOMPARE(r.limitHi, 0.0);
    QVERIFY(std::isnan(r.icc));
    // Hand calculation, pairs (1, 2) and (3, 3): d = 1, 0; mean |d| = bias = 0.5; SD = sqrt(0.5).
    // Pair means 1.5 and 3, grand mean 2.25: MSB = 2·(0.75² + 0.75²)/1 = 2.25, MSW = (1² + 0²)/2/2
    // = 0.25, ICC = (2.25 − 0.25)/(2.25 + 0.25) = 0.8.
    const std::vector<MeasurementPair> two{{0, 1.0, 2.0}, {0, 3.0, 3.0}};
    const Repeatability h = selfAgreement({}, two, 1, 1, noBootstrap())[0].measurement;
    QCOMPARE_NEAR(h.meanAbsDiff, 0.5, kTol);
    QCOMPARE_NEAR(h.bias, 0.5, kTol);
    QCOMPARE_NEAR(h.sdDiff, std::sqrt(0.5), kTol);
    QCOMPARE_NEAR(h.icc, 0.8, kTol);
}

void TestConsistency::goldHandComputed()
{
    // Labeler 1, 4 classes (class 3 never gold), gold → answer:
    //   0→0 ×3, 0→1, 1→1 ×2, 1→2, 2→2 ×2, 2→0.
    // Confusion rows = gold: [3 1 0 0; 0 2 1 0; 1 0 2 0; 0 0 0 0]. Accuracy 7/10. Row totals
    // 4, 3, 3, 0 and column totals 4, 3, 3, 0: p_e = (16 + 9 + 9)/100 = 0.34, κ = (0.7 − 0.34)/0.66
    // = 6/11 (sklearn.metrics.cohen_kappa_score([0,0,0,0,1,1,1,2,2,2], [0,0,0,1,1,1,2,2,2,0])
    // gives 0.5454545454545454). Recall 3/4, 2/3, 2/3, none.
    const std::vector<std::int32_t> gold{0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    const std::vector<std::int32_t> answer{0, 0, 0, 1, 1, 1, 2, 2, 2, 0};
    std::vector<GoldAnswer> answers;
    for (std::size_t i = 0; i < gold.size(); ++i)
        answers.push_back({1, gold[i], answer[i]});
    const auto g = goldAgreement(answers, 2, 4, noBootstrap());
    QCOMPARE(g.size(), std::size_t{2});
    QCOMPARE(g[1].labeler, 1);
    QCOMPARE(g[1].items, 10);
    QCOMPARE_NEAR(g[1].accuracy, 0.7, kTol);
    QCOMPARE_NEAR(g[1].kappa, 6.0 / 11.0, kTol);
    const std::vector<double> confusion{3, 1, 0, 0, 0, 2, 1, 0, 1, 0, 2, 0, 0, 0, 0, 0};
    QCOMPARE(g[1].confusion, confusion);
    QCOMPARE(g[1].recall.size(), std::size_t{4});
    QCOMPARE_NEAR(g[1].recall[0], 0.75, kTol);
    QCOMPARE_NEAR(g[1].recall[1], 2.0 / 3.0, kTol);
    QCOMPARE_NEAR(g[1].recall[2], 2.0 / 3.0, kTol);
    QVERIFY(std::isnan(g[1].recall[3]));
}

void TestConsistency::goldWikipediaCohen()
{
    // The Wikipedia table with rater A as the gold: confusion [20 5; 10 15], accuracy 0.7,
    // κ 0.4 (published); recall yes 20/25 = 0.8, no 15/25 = 0.6 (by hand).
    std::vector<GoldAnswer> answers;
    for (const auto &[a, b] : wikipediaCohenPairs())
        answers.push_back({0, a, b});
    const auto g = goldAgreement(answers, 1, 2, noBootstrap());
    QCOMPARE(g[0].items, 50);
    QCOMPARE_NEAR(g[0].accuracy, 0.7, kTol);
    QCOMPARE_NEAR(g[0].kappa, 0.4, kTol);
    QCOMPARE(g[0].confusion, (std::vector<double>{20, 5, 10, 15}));
    QCOMPARE_NEAR(g[0].recall[0], 0.8, kTol);
    QCOMPARE_NEAR(g[0].recall[1], 0.6, kTol);
}

void TestConsistency::labelersWithoutData()
{
    BootstrapOptions o;
    o.resamples = 50;
    const auto self = selfAgreement(repeats(1, {0, 1}, {0, 0}), {}, 3, 2, o);
    QCOMPARE(self.size(), std::size_t{3});
    for (const std::int32_t l : {0, 2}) {
        const SelfAgreement &s = self[static_cast<std::size_t>(l)];
        QCOMPARE(s.labeler, l);
        QCOMPARE(s.pairs, 0);
        QVERIFY(std::isnan(s.agreement));
        QVERIFY(std::isnan(s.kappa));
        QVERIFY(std::isnan(s.agreementCi.lo) && std::isnan(s.agreementCi.hi));
        QCOMPARE(s.agreementCi.valid, 0);
        QCOMPARE(s.kappaCi.valid, 0);
        QCOMPARE(s.measurement.pairs, 0);
        QVERIFY(std::isnan(s.measurement.bias));
        QVERIFY(std::isnan(s.measurement.meanAbsDiff));
    }
    QCOMPARE(self[1].pairs, 2);
    const auto gold = goldAgreement(std::vector<GoldAnswer>{{0, 1, 1}}, 2, 2, o);
    QCOMPARE(gold[1].labeler, 1);
    QCOMPARE(gold[1].items, 0);
    QVERIFY(std::isnan(gold[1].accuracy));
    QVERIFY(std::isnan(gold[1].kappa));
    QCOMPARE(gold[1].accuracyCi.valid, 0);
    QVERIFY(gold[1].confusion.empty());
    QVERIFY(gold[1].recall.empty());
    QVERIFY(selfAgreement({}, {}, 0, 0).empty());
    QVERIFY(goldAgreement({}, 0, 0).empty());
}

void TestConsistency::invalidInput()
{
    const auto self = [](std::vector<RepeatPair> p, std::vector<MeasurementPair> m = {}) {
        return [rp = std::move(p), mp = std::move(m)] { selfAgreement(rp, mp, 2, 3, noBootstrap()); };
    };
    const auto gold = [](std::vector<GoldAnswer> a) {
        return [ga = std::move(a)] { goldAgreement(ga, 2, 3, noBootstrap()); };
    };
    QCOMPARE(invalidField(self({{0, 0, 0}, {2, 0, 0}})), QStringLiteral("pairs[1].labeler"));
    QCOMPARE(invalidField(self({{-1, 0, 0}})), QStringLiteral("pairs[0].labeler"));
    QCOMPARE(invalidField(self({{1, 3, 0}})), QStringLiteral("pairs[0].first"));
    QCOMPARE(invalidField(self({{1, 0, 0}, {1, 0, 1}, {1, 2, -1}})), QStringLiteral("pairs[2].second"));
    QCOMPARE(invalidField(self({}, {{0, 1.0, 2.0}, {5, 1.0, 2.0}})), QStringLiteral("measurements[1].labeler"));
    QCOMPARE(invalidField(self({}, {{0, std::nan(""), 2.0}})), QStringLiteral("measurements[0].first"));
    QCOMPARE(invalidField(self({}, {{0, 1.0, HUGE_VAL}})), QStringLiteral("measurements[0].second"));
    QCOMPARE(invalidField(gold({{0, 0, 0}, {0, 1, 1}, {3, 0, 0}})), QStringLiteral("answers[2].labeler"));
    QCOMPARE(invalidField(gold({{0, 5, 0}})), QStringLiteral("answers[0].gold"));
    QCOMPARE(invalidField(gold({{0, 0, 3}})), QStringLiteral("answers[0].answer"));
    QCOMPARE(invalidField([] { selfAgreement({}, {}, -1, 3); }), QStringLiteral("labelers"));
    QCOMPARE(invalidField([] { goldAgreement({}, 1, -2); }), QStringLiteral("classes"));
    // The message names the field and the index and says what the range is.
    try {
        selfAgreement(std::vector<RepeatPair>{{0, 1, 4}}, {}, 1, 3, noBootstrap());
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(QString::fromStdString(e.what()),
                 QStringLiteral("'pairs[0].second': class index 4 is out of range (3 classes, 0..2)"));
    }
    QCOMPARE(invalidField(self({{1, 2, 2}})), QString()); // the last valid indices pass
}

void TestConsistency::bootstrapContainsEstimateAndRepeats()
{
    BootstrapOptions o;
    o.resamples = 400;
    o.seed = 11;
    o.threads = 2;
    const std::vector<RepeatPair> pairs = repeats(0, kFirst, kSecond);
    const auto a = selfAgreement(pairs, {}, 1, 3, o);
    const SelfAgreement &s = a[0];
    QCOMPARE(s.agreementCi.valid, 400);
    QVERIFY(s.kappaCi.valid > 0);
    QVERIFY(s.agreementCi.lo <= s.agreement && s.agreement <= s.agreementCi.hi);
    QVERIFY(s.kappaCi.lo <= s.kappa && s.kappa <= s.kappaCi.hi);
    QVERIFY(s.agreementCi.lo < s.agreementCi.hi);
    QVERIFY(s.kappaCi.lo < s.kappaCi.hi);

    const auto same = [](const ConfidenceInterval &x, const ConfidenceInterval &y) {
        return x.lo == y.lo && x.hi == y.hi && x.valid == y.valid;
    };
    // The same seed gives the same intervals, on one thread or two.
    const auto again = selfAgreement(pairs, {}, 1, 3, o);
    QVERIFY(same(again[0].agreementCi, s.agreementCi) && same(again[0].kappaCi, s.kappaCi));
    BootstrapOptions oneThread = o;
    oneThread.threads = 1;
    const auto serial = selfAgreement(pairs, {}, 1, 3, oneThread);
    QVERIFY(same(serial[0].agreementCi, s.agreementCi) && same(serial[0].kappaCi, s.kappaCi));
    // Another labeler's pairs, interleaved, change nothing of labeler 0's.
    std::vector<RepeatPair> mixed;
    for (const RepeatPair &p : pairs) {
        mixed.push_back({1, 1, 0});
        mixed.push_back(p);
    }
    const auto withOther = selfAgreement(mixed, {}, 2, 3, o);
    QVERIFY(same(withOther[0].agreementCi, s.agreementCi) && same(withOther[0].kappaCi, s.kappaCi));
    // Another seed draws other resamples.
    BootstrapOptions other = o;
    other.seed = 12;
    const auto moved = selfAgreement(pairs, {}, 1, 3, other);
    QVERIFY(!same(moved[0].kappaCi, s.kappaCi));

    // Gold intervals behave the same way.
    std::vector<GoldAnswer> answers;
    for (const RepeatPair &p : pairs)
        answers.push_back({0, p.first, p.second});
    const auto g = goldAgreement(answers, 1, 3, o);
    QVERIFY(same(g[0].accuracyCi, s.agreementCi) && same(g[0].kappaCi, s.kappaCi));
    QVERIFY(g[0].kappaCi.lo <= g[0].kappa && g[0].kappa <= g[0].kappaCi.hi);
}

void TestConsistency::bootstrapIsTheItemBootstrap()
{
    // The intervals are the percentile bootstrap over the labeler's pairs: recomputed here
    // pair by pair from the published draws (bootstrapWeights) with the plain definitions,
    // without the grouping of equal pairs that consistency.cpp does.
    BootstrapOptions o;
    o.resamples = 300;
    o.seed = 5;
    const std::vector<RepeatPair> pairs = repeats(0, kFirst, kSecond);
    const SelfAgreement s = selfAgreement(pairs, {}, 1, 3, o)[0];
    const auto n = static_cast<std::int32_t>(pairs.size());
    std::vector<double> agreement;
    std::vector<double> kappa;
    std::vector<std::uint32_t> w(pairs.size());
    for (std::int32_t r = 0; r < o.resamples; ++r) {
        bootstrapWeights(o.seed, r, n, {}, w);
        double agreeing = 0.0;
        std::vector<double> table(9, 0.0);
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            agreeing += pairs[i].first == pairs[i].second ? w[i] : 0.0;
            table[static_cast<std::size_t>(pairs[i].first * 3 + pairs[i].second)] += w[i];
        }
        agreement.push_back(agreeing / n);
        const double k = cohenKappa(table, 3);
        if (std::isfinite(k))
            kappa.push_back(k);
    }
    std::sort(agreement.begin(), agreement.end());
    std::sort(kappa.begin(), kappa.end());
    QCOMPARE(s.agreementCi.valid, static_cast<std::int32_t>(agreement.size()));
    QCOMPARE(s.kappaCi.valid, static_cast<std::int32_t>(kappa.size()));
    QCOMPARE_NEAR(s.agreementCi.lo, type7(agreement, 0.025), kTol);
    QCOMPARE_NEAR(s.agreementCi.hi, type7(agreement, 0.975), kTol);
    QCOMPARE_NEAR(s.kappaCi.lo, type7(kappa, 0.025), kTol);
    QCOMPARE_NEAR(s.kappaCi.hi, type7(kappa, 0.975), kTol);
}

QTEST_GUILESS_MAIN(TestConsistency)
#include "tst_consistency.moc"
