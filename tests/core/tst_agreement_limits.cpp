// SPDX-License-Identifier: GPL-3.0-or-later
// Limits that never crash (issue #21): agreement over a 200,000-class taxonomy and a ratings
// CSV streamed into compact columns, with memory proportional to the data, not to classes²,
// labelers² or the file's text. Before the fix, the 200,000-class report asked for a dense
// K × K table per labeler pair (4·10¹⁰ doubles) and died in bad_alloc; the CSV was held whole
// as strings (about 150 bytes per row before a single rating was counted).

#include "core/agreement/agreementreport.h"
#include "core/agreement/consensus.h"
#include "core/agreement/dawidskene.h"
#include "core/agreement/itemcounts.h"
#include "core/agreement/pairwise.h"
#include "core/agreement/ratingcsv.h"
#include "core/common/error.h"

#include <QtTest>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <streambuf>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#define CONCORD_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CONCORD_TEST_ASAN 1
#endif
#endif
#ifdef CONCORD_TEST_ASAN
// From the sanitizer runtime's allocator interface (GCC ships no header for it).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#else
#include <malloc.h>
#endif

using namespace concord::core;

namespace {

constexpr double kTol = 1e-12;
constexpr std::int32_t kClasses = 200000;
constexpr std::int32_t kItems = 20;

/// Bytes the heap currently hands out (ASan's count in the dev build, glibc's otherwise).
std::size_t allocatedBytes()
{
#ifdef CONCORD_TEST_ASAN
    return __sanitizer_get_current_allocated_bytes();
#else
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
#endif
}

/// 200,000 declared classes c0 … c199999; `items` items, each labeled by A and B with c<i>
/// and by C with c<100000 + i>.
RatingTable manyClasses(std::int32_t items = kItems)
{
    RatingTable t;
    for (std::int32_t c = 0; c < kClasses; ++c)
        t.cls("c" + std::to_string(c));
    for (std::int32_t i = 0; i < items; ++i) {
        const std::string item = "item" + std::to_string(i);
        t.add(item, "A", "c" + std::to_string(i));
        t.add(item, "B", "c" + std::to_string(i));
        t.add(item, "C", "c" + std::to_string(100000 + i));
    }
    return t;
}

/// A ratings CSV generated as it is read: `rows` rows of item<r / 5>,labeler<r % 5>,<label>,
/// with the heap's high-water mark sampled at every refill, i.e. while the reader reads.
class GeneratedCsv : public std::streambuf
{
public:
    explicit GeneratedCsv(std::int64_t rows)
        : m_rows(rows)
        , m_base(allocatedBytes())
    {
        m_buffer = "item,labeler,label\n";
        setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + m_buffer.size());
    }

    /// Most heap bytes above the start seen while the file was being read.
    std::size_t peakGrowth() const { return m_peak > m_base ? m_peak - m_base : 0; }

protected:
    int_type underflow() override
    {
        m_peak = std::max(m_peak, allocatedBytes());
        if (m_next >= m_rows)
            return traits_type::eof();
        m_buffer.clear();
        for (int n = 0; n < 256 && m_next < m_rows; ++n, ++m_next) {
            const std::int64_t item = m_next / 5;
            m_buffer += "item-with-a-longer-name-" + std::to_string(item) + ",labeler" + std::to_string(m_next % 5) +
                        "," + ((item + m_next) % 3 == 0 ? "scratch" : "ok") + "\n";
        }
        setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + m_buffer.size());
        return traits_type::to_int_type(m_buffer.front());
    }

private:
    std::int64_t m_rows;
    std::int64_t m_next = 0;
    std::size_t m_base;
    std::size_t m_peak = 0;
    std::string m_buffer;
};

} // namespace

class TestAgreementLimits : public QObject
{
    Q_OBJECT

private slots:
    void manyClassesAgreement();
    void manyClassesStructuresAreSparse();
    void manyClassesDawidSkeneRefuses();
    void manyClassesMajorityIsSparse();
    void csvIsStreamedIntoCompactColumns();
};

void TestAgreementLimits::manyClassesAgreement()
{
    const RatingTable t = manyClasses();
    AgreementOptions options;
    options.bootstrap.resamples = 20;
    const AgreementReport r = computeAgreement(t, options);
    QCOMPARE(r.classNames.size(), std::size_t(kClasses));
    QCOMPARE(r.labels, std::int64_t{60});
    // Hand calculation. Every item has counts {2, 1}: P_i = (2·1 + 1·0) / (3·2) = 1/3, so
    // P̄ = 1/3. Classes c0…c19 hold 2 of the 60 responses each, c100000…c100019 one each:
    // P̄e = 20 (2/60)² + 20 (1/60)² = 100/3600 = 1/36, κ = (1/3 − 1/36) / (1 − 1/36) = 11/35.
    QVERIFY(std::abs(r.meanItemAgreement - 1.0 / 3.0) < kTol);
    QVERIFY(std::abs(r.chanceAgreement - 1.0 / 36.0) < kTol);
    QVERIFY(std::abs(r.fleissKappa - 11.0 / 35.0) < kTol);
    // One agreeing pair (A, B) of three per item.
    QVERIFY(std::abs(r.percentAgreement - 1.0 / 3.0) < kTol);
    QCOMPARE(r.unanimousShare, 0.0);

    // A and B agree on all 20 items with marginals 1/20 on c0…c19: p_e = 20/400, κ = 1.
    // A and C never agree and use disjoint classes: p_o = p_e = 0, κ = 0.
    const auto a = *t.findLabeler("A"), b = *t.findLabeler("B"), c = *t.findLabeler("C");
    QCOMPARE(r.pairs.size(), std::size_t{3});
    for (const PairAgreement &p : r.pairs) {
        QCOMPARE(p.n, 20.0);
        const bool ab = p.a == a && p.b == b;
        QCOMPARE(p.agreement, ab ? 1.0 : 0.0);
        QVERIFY(std::abs(p.cohenKappa - (ab ? 1.0 : 0.0)) < kTol);
    }
    // The majority of every item is c<i> (2 votes to 1): A and B match it, κ 1; C never, κ 0.
    // 200,000 classes are past the confusion-matrix limit, so only κ is kept.
    for (const LabelerAgreement &l : r.perLabeler) {
        QVERIFY(l.confusion.empty());
        QVERIFY(std::abs(l.kappaVsConsensus - (l.labeler == c ? 0.0 : 1.0)) < kTol);
        // HLP: A agrees with B on 20 of 40 compared items; C with nobody.
        QVERIFY(std::abs(l.hlp - (l.labeler == c ? 0.0 : 0.5)) < kTol);
    }

    // Per class, c0: p = 2/60; disagreement = item 0's 2·1/(3·2) = 1/3, pq = (1/30)(29/30),
    // κ_0 = 1 − (1/3) / (20 · 29/900) = 14/29. An unused class (c199999): every response is
    // "rest", so every pair agrees (1.0) and α has no expected disagreement (NaN).
    QCOMPARE(r.perClass.size(), std::size_t(kClasses));
    const ClassAgreement &c0 = r.perClass[static_cast<std::size_t>(*t.findClass("c0"))];
    QCOMPARE(c0.responses, 2.0);
    QVERIFY(std::abs(c0.prevalence - 2.0 / 60.0) < kTol);
    QVERIFY(std::abs(c0.fleissKappa - 14.0 / 29.0) < kTol);
    const ClassAgreement &last = r.perClass.back();
    QCOMPARE(last.responses, 0.0);
    QCOMPARE(last.percentAgreement, 1.0);
    QVERIFY(std::isnan(last.alphaNominal));
    QVERIFY(std::isnan(last.fleissKappa));
}

void TestAgreementLimits::manyClassesStructuresAreSparse()
{
    const ItemCounts counts(manyClasses());
    // 20 items × 2 distinct classes each: 40 stored cells, not 20 × 200,000.
    QCOMPARE(counts.classCellCount(), std::size_t{40});
    QCOMPARE(counts.count(0, 0), 2);
    QCOMPARE(counts.count(0, 100000), 1);
    QCOMPARE(counts.count(0, 1), 0);
    const ItemCounts binary = counts.oneVsRest(0);
    QCOMPARE(binary.classCellCount(), std::size_t{21}); // item 0: {2, 1}; the others: {3}
}

void TestAgreementLimits::manyClassesDawidSkeneRefuses()
{
    const ItemCounts counts(manyClasses());
    try {
        dawidSkene(counts);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::Invalid);
        QVERIFY(std::string(e.what()).find("3 x 200000^2") != std::string::npos);
    }
    // Within the limit the EM runs: two labelers agree on c1 of ten declared classes.
    RatingTable small;
    for (std::int32_t c = 0; c < 10; ++c)
        small.cls("c" + std::to_string(c));
    small.add("x", "A", "c1");
    small.add("x", "B", "c1");
    const DawidSkeneResult ds = dawidSkene(ItemCounts(small));
    QCOMPARE(ds.consensus.label[0], 1);
}

void TestAgreementLimits::manyClassesMajorityIsSparse()
{
    // 100 items × 200,000 classes = 2·10⁷ cells > kDenseConsensusCells (2²⁴ ≈ 1.7·10⁷): the
    // dense distribution would be 160 MB of zeros. Plus one tied item: A says c5, B c6.
    RatingTable t = manyClasses(100);
    t.add("tie", "A", "c5");
    t.add("tie", "B", "c6");
    const ItemCounts counts(t);
    const Consensus mv = majorityVote(counts);
    QVERIFY(mv.distribution.empty());
    QCOMPARE(mv.shares.size(), std::size_t{102}); // one share per decided item, two for the tie
    QCOMPARE(mv.ties, std::int64_t{1});
    const auto tie = static_cast<std::size_t>(*t.findItem("tie"));
    QCOMPARE(mv.label[tie], -1);
    QCOMPARE(mv.share(tie, *t.findClass("c5")), 0.5);
    QCOMPARE(mv.share(tie, *t.findClass("c6")), 0.5);
    QCOMPARE(mv.share(tie, *t.findClass("c7")), 0.0);
    // Item 7: c7 wins 2 votes to 1, confidence 2/3.
    const auto i7 = static_cast<std::size_t>(*t.findItem("item7"));
    QCOMPARE(mv.label[i7], *t.findClass("c7"));
    QVERIFY(std::abs(mv.confidence[i7] - 2.0 / 3.0) < kTol);
    QCOMPARE(mv.share(i7, *t.findClass("c7")), 1.0);
    QCOMPARE(mv.share(i7, *t.findClass("c100007")), 0.0);
    // Expected accuracy against "truth = A's class": 100 decided items right, the tie scores
    // the 1/2 its distribution gives c5: (100 + 0.5) / 101.
    std::vector<std::int32_t> truth(static_cast<std::size_t>(t.itemCount()), -1);
    for (const Rating &r : t.ratings())
        if (r.labeler == *t.findLabeler("A"))
            truth[static_cast<std::size_t>(r.item)] = r.cls;
    QVERIFY(std::abs(expectedAccuracy(mv, truth) - 100.5 / 101.0) < kTol);

    // κ against this consensus, from its sparse shares. A: 100 items on their majority class
    // plus the tie, spread 1/2 on c5 and 1/2 on c6 while A said c5: n = 101, diagonal 100.5;
    // rows (consensus) 1 per c_i except c5 = 1.5, c6 = 1.5; columns (A) 1 per c_i except c5 = 2.
    // p_e = (98 · 1 · 1 + 1.5 · 2 + 1.5 · 1) / 101² = 102.5 / 10201,
    // κ_A = (100.5/101 − 102.5/10201) / (1 − 102.5/10201) = (10150.5 − 102.5) / (10201 − 102.5)
    //     = 10048 / 10098.5.
    AgreementOptions options;
    options.bootstrap.resamples = 0;
    const AgreementReport r = computeAgreement(t, options);
    const LabelerAgreement &a = r.perLabeler[static_cast<std::size_t>(*t.findLabeler("A"))];
    QVERIFY(std::abs(a.kappaVsConsensus - 10048.0 / 10098.5) < kTol);
    // C never matches the majority and uses classes it never has: κ 0.
    QVERIFY(std::abs(r.perLabeler[static_cast<std::size_t>(*t.findLabeler("C"))].kappaVsConsensus) < kTol);
}

void TestAgreementLimits::csvIsStreamedIntoCompactColumns()
{
    // 300,000 rows, 60,000 items named with 30 characters, 5 labelers, 2 classes. The table
    // keeps a 12-byte triple per row (3.6 MB, up to twice that while its vector grows) and each
    // item name once (60,000 × about 70 bytes: 4.2 MB). Held as CSV rows, the same file was
    // 300,000 × (a row of 3 std::string cells, 24 + 96 bytes, plus the 30-character item
    // names' own buffers) ≈ 50 MB before the first rating was counted.
    constexpr std::int64_t kRows = 300000;
    GeneratedCsv source(kRows);
    std::istream in(&source);
    const RatingTable t = readRatingsCsv(in, "generated.csv");
    QCOMPARE(t.ratings().size(), std::size_t(kRows));
    QCOMPARE(t.itemCount(), std::int32_t(kRows / 5));
    QCOMPARE(t.labelerCount(), 5);
    QCOMPARE(t.classNames(), (std::vector<std::string>{"scratch", "ok"}));
    // Row r = 5q + j (item q, labeler j) is "scratch" when (q + r) % 3 = (6q + j) % 3 = j % 3
    // is 0: labelers 0 and 3 of every item, 2 rows in 5, 120,000 ratings.
    std::int64_t scratch = 0;
    for (const Rating &rating : t.ratings())
        scratch += rating.cls == 0 ? 1 : 0;
    QCOMPARE(scratch, std::int64_t{120000});
    qInfo("heap growth while reading: %.1f MB", static_cast<double>(source.peakGrowth()) / 1e6);
    QVERIFY2(source.peakGrowth() < 20'000'000, "the CSV was held in memory while it was read");
}

QTEST_APPLESS_MAIN(TestAgreementLimits)
#include "tst_agreement_limits.moc"
