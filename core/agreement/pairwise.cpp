// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/pairwise.h"

#include "core/agreement/coefficients.h"
#include "core/agreement/itemcounts.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace concord::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Classes up to which a pair's table is a dense K × K block (2 KB per partner at the limit).
constexpr std::size_t kDensePairClasses = 16;
/// ... and while one labeler's row of such blocks stays under 32 MB.
constexpr std::size_t kDenseRowCells = std::size_t{1} << 22;

std::size_t idx(std::int32_t i)
{
    return static_cast<std::size_t>(i);
}

/// One cell of a pair's contingency table, for the sparse tables of many classes.
struct Cell
{
    std::int32_t a;
    std::int32_t b;
    double weight;
};

/// Sorts cells into row-major order and merges equal ones. Stable, so each cell's sum runs in
/// the order the cells were added, as a dense table's does.
void mergeCells(std::vector<Cell> &c)
{
    std::stable_sort(c.begin(), c.end(),
                     [](const Cell &x, const Cell &y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
    std::size_t w = 0;
    for (std::size_t r = 0; r < c.size(); ++r) {
        if (w > 0 && c[w - 1].a == c[r].a && c[w - 1].b == c[r].b)
            c[w - 1].weight += c[r].weight;
        else
            c[w++] = c[r];
    }
    c.resize(w);
}

/// n, observed agreement and Cohen's κ of one K × K table. The sums run over the cells in
/// row-major order, so a sparse table (its non-zero cells in that order) gives the very same
/// doubles as the dense one: a zero cell adds exactly nothing.
template <typename ForEachCell>
void finishPair(PairAgreement &p, ForEachCell &&forEachCell, std::vector<double> &rows, std::vector<double> &cols,
                std::vector<std::int32_t> &touched)
{
    double n = 0.0;
    double diagonal = 0.0;
    touched.clear();
    forEachCell([&](std::int32_t a, std::int32_t b, double x) {
        n += x;
        if (a == b)
            diagonal += x;
    });
    p.n = n;
    p.agreement = diagonal / p.n;
    if (n == 0.0) {
        p.cohenKappa = kNaN;
        return;
    }
    // Marginals, then p_e = sum_c rows_c / n · cols_c / n in class order.
    forEachCell([&](std::int32_t a, std::int32_t b, double x) {
        rows[idx(a)] += x;
        cols[idx(b)] += x;
        touched.push_back(a);
        touched.push_back(b);
    });
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    double pe = 0.0;
    for (const std::int32_t c : touched)
        pe += (rows[idx(c)] / n) * (cols[idx(c)] / n);
    for (const std::int32_t c : touched)
        rows[idx(c)] = cols[idx(c)] = 0.0;
    const double po = diagonal / n;
    p.cohenKappa = pe < 1.0 ? (po - pe) / (1.0 - pe) : kNaN;
}

/// Responses of each labeler on one item: the entry range and its total r_a.
struct Group
{
    std::size_t begin;
    std::size_t end;
    std::int32_t total;
};

void groupsOf(std::span<const ItemCounts::Entry> es, std::vector<Group> &out)
{
    out.clear();
    for (std::size_t e = 0; e < es.size();) {
        Group g{e, e, 0};
        while (g.end < es.size() && es[g.end].labeler == es[e].labeler)
            g.total += es[g.end++].count;
        out.push_back(g);
        e = g.end;
    }
}

} // namespace

std::vector<PairAgreement> pairwiseAgreement(const ItemCounts &counts)
{
    const auto k = idx(counts.classCount());
    const auto l = idx(counts.labelerCount());
    // One labeler a at a time: its tables with every later labeler b are filled from the items
    // a labeled, finished into PairAgreements and cleared. Memory is one row of tables (L dense
    // K × K blocks, or each b's non-zero cells beyond kDensePairClasses), not one table per
    // pair: 5,005 labelers have 12.5 million pairs. Each table still sums its items in item
    // order, as one pass over all items would.
    const bool dense = k <= kDensePairClasses && l * k * k <= kDenseRowCells;
    std::vector<std::int64_t> itemStart(l + 1, 0); // labeler → items it labeled (CSR)
    for (std::int32_t i = 0; i < counts.itemCount(); ++i) {
        const auto es = counts.entries(i);
        for (std::size_t e = 0; e < es.size(); ++e)
            if (e == 0 || es[e].labeler != es[e - 1].labeler)
                ++itemStart[idx(es[e].labeler) + 1];
    }
    for (std::size_t a = 0; a < l; ++a)
        itemStart[a + 1] += itemStart[a];
    std::vector<std::int32_t> itemsOf(static_cast<std::size_t>(itemStart[l]));
    {
        std::vector<std::int64_t> fill(itemStart.begin(), itemStart.end() - 1);
        for (std::int32_t i = 0; i < counts.itemCount(); ++i) {
            const auto es = counts.entries(i);
            for (std::size_t e = 0; e < es.size(); ++e)
                if (e == 0 || es[e].labeler != es[e - 1].labeler)
                    itemsOf[static_cast<std::size_t>(fill[idx(es[e].labeler)]++)] = i;
        }
    }

    std::vector<double> tables(dense ? l * k * k : 0, 0.0); // dense: row of a's tables, by b
    std::vector<std::vector<Cell>> cells(dense ? 0 : l);    // sparse: a's cells with each b
    std::vector<char> seen(l, 0);
    std::vector<std::int32_t> partners;
    std::vector<PairAgreement> out;
    std::vector<Group> groups;
    std::vector<double> rows(k, 0.0);
    std::vector<double> cols(k, 0.0);
    std::vector<std::int32_t> touched;
    for (std::size_t a = 0; a < l; ++a) {
        partners.clear();
        for (auto x = itemStart[a]; x < itemStart[a + 1]; ++x) {
            const std::int32_t i = itemsOf[static_cast<std::size_t>(x)];
            const auto es = counts.entries(i);
            groupsOf(es, groups);
            std::size_t ga = 0;
            while (idx(es[groups[ga].begin].labeler) != a)
                ++ga;
            for (std::size_t gb = ga + 1; gb < groups.size(); ++gb) {
                const std::int32_t b = es[groups[gb].begin].labeler;
                if (!seen[idx(b)]) {
                    seen[idx(b)] = 1;
                    partners.push_back(b);
                }
                const double norm = 1.0 / (static_cast<double>(groups[ga].total) * groups[gb].total);
                for (std::size_t ea = groups[ga].begin; ea < groups[ga].end; ++ea) {
                    for (std::size_t eb = groups[gb].begin; eb < groups[gb].end; ++eb) {
                        const double x2 = norm * es[ea].count * es[eb].count;
                        if (dense)
                            tables[idx(b) * k * k + idx(es[ea].cls) * k + idx(es[eb].cls)] += x2;
                        else
                            cells[idx(b)].push_back({es[ea].cls, es[eb].cls, x2});
                    }
                }
            }
        }
        std::sort(partners.begin(), partners.end());
        for (const std::int32_t b : partners) {
            seen[idx(b)] = 0;
            PairAgreement p;
            p.a = static_cast<std::int32_t>(a);
            p.b = b;
            if (dense) {
                double *table = tables.data() + idx(b) * k * k;
                finishPair(
                    p,
                    [&](auto &&fn) {
                        for (std::size_t x = 0; x < k; ++x)
                            for (std::size_t y = 0; y < k; ++y)
                                if (table[x * k + y] != 0.0)
                                    fn(static_cast<std::int32_t>(x), static_cast<std::int32_t>(y), table[x * k + y]);
                    },
                    rows, cols, touched);
                std::fill(table, table + k * k, 0.0);
            } else {
                std::vector<Cell> &c = cells[idx(b)];
                mergeCells(c);
                finishPair(
                    p,
                    [&](auto &&fn) {
                        for (const Cell &cell : c)
                            fn(cell.a, cell.b, cell.weight);
                    },
                    rows, cols, touched);
                std::vector<Cell>().swap(c);
            }
            out.push_back(p);
        }
    }
    return out;
}

std::vector<LabelerAgreement> labelerAgreement(const ItemCounts &counts, const std::vector<PairAgreement> &pairs,
                                               std::optional<std::int32_t> reference, const Consensus *consensusIn)
{
    const bool hasConsensus = consensusIn && !consensusIn->empty();
    const auto k = idx(counts.classCount());
    const auto l = idx(counts.labelerCount());
    std::vector<LabelerAgreement> out(l);
    std::vector<double> agreeing(l, 0.0);
    std::vector<double> majorityAgreeing(l, 0.0);
    const bool denseConfusion = hasConsensus && k <= idx(kConfusionMatrixClassLimit);
    const bool sparseConfusion = hasConsensus && !denseConfusion;
    std::vector<std::vector<Cell>> confusionCells(sparseConfusion ? l : 0);
    for (std::size_t a = 0; a < l; ++a) {
        out[a].labeler = static_cast<std::int32_t>(a);
        if (denseConfusion)
            out[a].confusion.assign(k * k, 0.0);
    }
    for (const PairAgreement &p : pairs) {
        const double agree = p.agreement * p.n;
        for (const std::int32_t who : {p.a, p.b}) {
            agreeing[idx(who)] += agree;
            out[idx(who)].compared += p.n;
        }
        if (reference && (p.a == *reference || p.b == *reference)) {
            const std::int32_t other = p.a == *reference ? p.b : p.a;
            out[idx(other)].hlpVsReference = p.agreement;
            out[idx(other)].referenceShared = p.n;
        }
    }

    std::vector<Group> groups;
    std::vector<std::int32_t> others(k);
    std::vector<Consensus::Share> support; // the item's consensus classes with a non-zero share
    for (std::int32_t i = 0; i < counts.itemCount(); ++i) {
        const auto es = counts.entries(i);
        const auto row = counts.classCounts(i);
        const std::int32_t m = counts.responses(i);
        groupsOf(es, groups);
        support.clear();
        if (hasConsensus)
            consensusIn->forEachShare(idx(i), [&](std::int32_t truth, double p) { support.push_back({truth, p}); });
        for (const Group &g : groups) {
            LabelerAgreement &who = out[idx(es[g.begin].labeler)];
            ++who.items;
            // Zero shares are skipped: they added exactly 0 to a dense cell.
            if (denseConfusion) {
                for (std::size_t e = g.begin; e < g.end; ++e)
                    for (const Consensus::Share &truth : support)
                        who.confusion[idx(truth.cls) * k + idx(es[e].cls)] += truth.p * es[e].count;
            } else if (sparseConfusion) {
                for (std::size_t e = g.begin; e < g.end; ++e)
                    for (const Consensus::Share &truth : support)
                        confusionCells[idx(who.labeler)].push_back({truth.cls, es[e].cls, truth.p * es[e].count});
            }
            if (m == g.total)
                continue; // nobody else labeled this item
            // Majority of the other responses, ties shared uniformly. Over the item's classes
            // only: someone else responded, so the top count is ≥ 1 and no absent class ties.
            for (const ItemCounts::ClassCount &cc : row)
                others[idx(cc.cls)] = cc.count;
            for (std::size_t e = g.begin; e < g.end; ++e)
                others[idx(es[e].cls)] -= es[e].count;
            std::int32_t top = 0;
            for (const ItemCounts::ClassCount &cc : row)
                top = std::max(top, others[idx(cc.cls)]);
            double tied = 0.0;
            for (const ItemCounts::ClassCount &cc : row)
                tied += others[idx(cc.cls)] == top ? 1.0 : 0.0;
            double hit = 0.0;
            for (std::size_t e = g.begin; e < g.end; ++e) {
                if (others[idx(es[e].cls)] == top)
                    hit += static_cast<double>(es[e].count) / g.total;
            }
            majorityAgreeing[idx(who.labeler)] += hit / tied;
            who.majorityCompared += 1.0;
        }
    }
    std::vector<double> rows(sparseConfusion ? k : 0, 0.0);
    std::vector<double> cols(sparseConfusion ? k : 0, 0.0);
    std::vector<std::int32_t> touched;
    for (std::size_t a = 0; a < l; ++a) {
        if (denseConfusion) {
            out[a].kappaVsConsensus = cohenKappa(out[a].confusion, counts.classCount());
        } else if (sparseConfusion) {
            std::vector<Cell> &cells = confusionCells[a];
            mergeCells(cells);
            PairAgreement table;
            finishPair(
                table,
                [&](auto &&fn) {
                    for (const Cell &cell : cells)
                        fn(cell.a, cell.b, cell.weight);
                },
                rows, cols, touched);
            out[a].kappaVsConsensus = table.cohenKappa;
            std::vector<Cell>().swap(cells);
        }
        out[a].hlp = out[a].compared > 0.0 ? agreeing[a] / out[a].compared : kNaN;
        out[a].hlpVsMajority = out[a].majorityCompared > 0.0 ? majorityAgreeing[a] / out[a].majorityCompared : kNaN;
    }
    return out;
}

std::vector<std::int32_t> pairGridLabelers(const std::vector<LabelerAgreement> &labelers, std::size_t limit)
{
    std::vector<std::int32_t> shown;
    shown.reserve(labelers.size());
    for (const LabelerAgreement &l : labelers)
        shown.push_back(l.labeler);
    if (shown.size() <= limit)
        return shown;
    std::stable_sort(shown.begin(), shown.end(),
                     [&](std::int32_t a, std::int32_t b) { return labelers[idx(a)].items > labelers[idx(b)].items; });
    shown.resize(limit);
    std::sort(shown.begin(), shown.end());
    return shown;
}

} // namespace concord::core
