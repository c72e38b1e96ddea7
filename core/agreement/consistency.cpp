// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/consistency.h"

#include "core/agreement/coefficients.h"
#include "core/agreement/pairwise.h"
#include "core/common/error.h"

#include <cmath>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace concord::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// The normal quantile of Bland & Altman's 95 % limits of agreement.
constexpr double kLimitZ = 1.96;

std::size_t idx(std::int32_t i)
{
    return static_cast<std::size_t>(i);
}

/// "pairs[3].second", the field an error names.
std::string fieldName(const char *list, std::size_t at, const char *field)
{
    return std::string(list) + "[" + std::to_string(at) + "]." + field;
}

/// Throws unless 0 <= value < count, naming the field `list`[at].`field`.
void checkIndex(std::int32_t value, std::int32_t count, const char *what, const char *whatPlural, const char *list,
                std::size_t at, const char *field)
{
    if (value >= 0 && value < count)
        return;
    std::string range = std::to_string(count) + " " + (count == 1 ? what : whatPlural);
    if (count > 0)
        range += ", 0.." + std::to_string(count - 1);
    throw Error(ErrorCode::Invalid,
                std::string(what) + " index " + std::to_string(value) + " is out of range (" + range + ")", {}, 0,
                fieldName(list, at, field));
}

void checkCounts(std::size_t records, const char *list, std::int32_t labelers, std::int32_t classes)
{
    if (labelers < 0)
        throw Error(ErrorCode::Invalid, "the number of labelers must not be negative", {}, 0, "labelers");
    if (classes < 0)
        throw Error(ErrorCode::Invalid, "the number of classes must not be negative", {}, 0, "classes");
    if (records > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw Error(ErrorCode::Invalid, "more than 2^31 records", {}, 0, list);
}

/// The indices of each labeler's records, in input order (a counting sort: O(records + labelers)).
class ByLabeler
{
public:
    template <typename Record>
    ByLabeler(std::span<const Record> records, std::int32_t labelers)
        : m_start(idx(labelers) + 1, 0)
        , m_order(records.size())
    {
        for (const Record &r : records)
            ++m_start[idx(r.labeler) + 1];
        for (std::size_t l = 1; l < m_start.size(); ++l)
            m_start[l] += m_start[l - 1];
        std::vector<std::size_t> next(m_start.begin(), m_start.end() - 1);
        for (std::size_t i = 0; i < records.size(); ++i)
            m_order[next[idx(records[i].labeler)]++] = i;
    }

    std::span<const std::size_t> of(std::int32_t labeler) const
    {
        const std::size_t l = idx(labeler);
        return std::span<const std::size_t>(m_order).subspan(m_start[l], m_start[l + 1] - m_start[l]);
    }

private:
    std::vector<std::size_t> m_start; ///< labeler l's records are m_order[m_start[l] .. m_start[l+1])
    std::vector<std::size_t> m_order;
};

/// One labeler's answers as a contingency table of (row class, column class), kept as its
/// distinct cells over the classes the labeler used, renumbered in order of first use: m ≤ 2n
/// classes instead of the K declared ones. Answers in the same cell cannot be told apart by
/// any figure here, so the bootstrap weighs cells (its groupOf), not answers.
class AnswerTable
{
public:
    void add(std::int32_t row, std::int32_t col)
    {
        const std::int32_t r = compact(row);
        const std::int32_t c = compact(col);
        const std::uint64_t key =
            (static_cast<std::uint64_t>(static_cast<std::uint32_t>(r)) << 32U) | static_cast<std::uint32_t>(c);
        const auto [it, added] = m_cellIndex.try_emplace(key, static_cast<std::int32_t>(m_cells.size()));
        if (added)
            m_cells.push_back({r, c, 0U});
        ++m_cells[idx(it->second)].count;
        m_cellOf.push_back(it->second);
    }

    std::int32_t answers() const { return static_cast<std::int32_t>(m_cellOf.size()); }
    std::int32_t cells() const { return static_cast<std::int32_t>(m_cells.size()); }
    /// The cell of each answer, in the order added.
    std::span<const std::int32_t> cellOf() const { return m_cellOf; }

    /// Answers per cell: the weights of the point estimate.
    std::vector<std::uint32_t> counts() const
    {
        std::vector<std::uint32_t> w;
        w.reserve(m_cells.size());
        for (const Cell &cell : m_cells)
            w.push_back(cell.count);
        return w;
    }

    /// out[0] = p_o, out[1] = Cohen's κ of the table whose cells carry the weights `w`.
    void figures(ItemWeights w, std::span<double> out) const
    {
        double n = 0.0;
        double diagonal = 0.0;
        for (std::size_t c = 0; c < m_cells.size(); ++c) {
            n += w[c];
            if (m_cells[c].row == m_cells[c].col)
                diagonal += w[c];
        }
        out[0] = n > 0.0 ? diagonal / n : kNaN;
        const std::size_t m = m_classes.size();
        if (m <= idx(kConfusionMatrixClassLimit)) {
            std::vector<double> table(m * m, 0.0);
            for (std::size_t c = 0; c < m_cells.size(); ++c)
                table[idx(m_cells[c].row) * m + idx(m_cells[c].col)] += w[c];
            out[1] = cohenKappa(table, static_cast<std::int32_t>(m));
            return;
        }
        // Too many classes for an m × m block: cohenKappa's formula from the totals.
        std::vector<double> rows(m, 0.0);
        std::vector<double> cols(m, 0.0);
        for (std::size_t c = 0; c < m_cells.size(); ++c) {
            rows[idx(m_cells[c].row)] += w[c];
            cols[idx(m_cells[c].col)] += w[c];
        }
        double pe = 0.0;
        for (std::size_t c = 0; c < m; ++c)
            pe += (rows[c] / n) * (cols[c] / n);
        out[1] = n > 0.0 && pe < 1.0 ? (out[0] - pe) / (1.0 - pe) : kNaN;
    }

    /// Calls fn(row class, column class, count) for every cell, in the classes' own indices.
    template <typename Fn>
    void forEachCell(Fn &&fn) const
    {
        for (const Cell &cell : m_cells)
            fn(m_classes[idx(cell.row)], m_classes[idx(cell.col)], cell.count);
    }

private:
    struct Cell
    {
        std::int32_t row;
        std::int32_t col;
        std::uint32_t count;
    };

    std::int32_t compact(std::int32_t cls)
    {
        const auto [it, added] = m_compact.try_emplace(cls, static_cast<std::int32_t>(m_classes.size()));
        if (added)
            m_classes.push_back(cls);
        return it->second;
    }

    std::unordered_map<std::int32_t, std::int32_t> m_compact; ///< class → renumbered class
    std::vector<std::int32_t> m_classes;                      ///< renumbered class → class
    std::unordered_map<std::uint64_t, std::int32_t> m_cellIndex;
    std::vector<Cell> m_cells;
    std::vector<std::int32_t> m_cellOf;
};

struct TableFigures
{
    double agreement = kNaN;
    double kappa = kNaN;
    ConfidenceInterval agreementCi;
    ConfidenceInterval kappaCi;
};

TableFigures tableFigures(const AnswerTable &table, const BootstrapOptions &options)
{
    TableFigures f;
    if (table.answers() == 0)
        return f;
    const std::vector<std::uint32_t> counts = table.counts();
    double point[2];
    table.figures(counts, point);
    f.agreement = point[0];
    f.kappa = point[1];
    const std::vector<ConfidenceInterval> ci = bootstrapItems(
        table.answers(), 2, [&table](ItemWeights w, std::span<double> out) { table.figures(w, out); }, options,
        table.cellOf(), table.cells());
    f.agreementCi = ci[0];
    f.kappaCi = ci[1];
    return f;
}

Repeatability repeatability(std::span<const MeasurementPair> all, std::span<const std::size_t> mine)
{
    Repeatability r;
    r.pairs = static_cast<std::int32_t>(mine.size());
    if (mine.empty())
        return r;
    const auto n = static_cast<double>(mine.size());
    double sumDiff = 0.0;
    double sumAbsDiff = 0.0;
    double sumValues = 0.0;
    for (const std::size_t i : mine) {
        const double d = all[i].second - all[i].first;
        sumDiff += d;
        sumAbsDiff += std::abs(d);
        sumValues += all[i].first + all[i].second;
    }
    r.bias = sumDiff / n;
    r.meanAbsDiff = sumAbsDiff / n;
    if (mine.size() < 2)
        return r;
    // Second pass over deviations from the means (not sums of squares minus squared sums).
    const double grandMean = sumValues / (2.0 * n);
    double ssDiff = 0.0;    // sum (d_i − d̄)²
    double ssBetween = 0.0; // sum (m_i − M)², times k = 2 below
    double ssWithin = 0.0;  // sum_i sum_j (x_ij − m_i)² = sum d_i² / 2
    for (const std::size_t i : mine) {
        const double d = all[i].second - all[i].first;
        const double pairMean = (all[i].first + all[i].second) / 2.0;
        ssDiff += (d - r.bias) * (d - r.bias);
        ssBetween += (pairMean - grandMean) * (pairMean - grandMean);
        ssWithin += d * d / 2.0;
    }
    r.sdDiff = std::sqrt(ssDiff / (n - 1.0));
    r.limitLo = r.bias - kLimitZ * r.sdDiff;
    r.limitHi = r.bias + kLimitZ * r.sdDiff;
    const double msBetween = 2.0 * ssBetween / (n - 1.0); // df n − 1
    const double msWithin = ssWithin / n;                 // df n (k − 1) = n
    r.icc = msBetween + msWithin > 0.0 ? (msBetween - msWithin) / (msBetween + msWithin) : kNaN;
    return r;
}

} // namespace

std::vector<SelfAgreement> selfAgreement(std::span<const RepeatPair> pairs,
                                         std::span<const MeasurementPair> measurements, std::int32_t labelers,
                                         std::int32_t classes, const BootstrapOptions &options)
{
    checkCounts(pairs.size(), "pairs", labelers, classes);
    checkCounts(measurements.size(), "measurements", labelers, classes);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        checkIndex(pairs[i].labeler, labelers, "labeler", "labelers", "pairs", i, "labeler");
        checkIndex(pairs[i].first, classes, "class", "classes", "pairs", i, "first");
        checkIndex(pairs[i].second, classes, "class", "classes", "pairs", i, "second");
    }
    for (std::size_t i = 0; i < measurements.size(); ++i) {
        checkIndex(measurements[i].labeler, labelers, "labeler", "labelers", "measurements", i, "labeler");
        if (!std::isfinite(measurements[i].first))
            throw Error(ErrorCode::Invalid, "a measurement must be a finite number", {}, 0,
                        fieldName("measurements", i, "first"));
        if (!std::isfinite(measurements[i].second))
            throw Error(ErrorCode::Invalid, "a measurement must be a finite number", {}, 0,
                        fieldName("measurements", i, "second"));
    }

    const ByLabeler pairsOf(pairs, labelers);
    const ByLabeler measurementsOf(measurements, labelers);
    std::vector<SelfAgreement> out(idx(labelers));
    for (std::int32_t l = 0; l < labelers; ++l) {
        SelfAgreement &s = out[idx(l)];
        s.labeler = l;
        AnswerTable table;
        for (const std::size_t i : pairsOf.of(l))
            table.add(pairs[i].first, pairs[i].second);
        s.pairs = table.answers();
        const TableFigures f = tableFigures(table, options);
        s.agreement = f.agreement;
        s.kappa = f.kappa;
        s.agreementCi = f.agreementCi;
        s.kappaCi = f.kappaCi;
        s.measurement = repeatability(measurements, measurementsOf.of(l));
    }
    return out;
}

std::vector<GoldAgreement> goldAgreement(std::span<const GoldAnswer> answers, std::int32_t labelers,
                                         std::int32_t classes, const BootstrapOptions &options)
{
    checkCounts(answers.size(), "answers", labelers, classes);
    for (std::size_t i = 0; i < answers.size(); ++i) {
        checkIndex(answers[i].labeler, labelers, "labeler", "labelers", "answers", i, "labeler");
        checkIndex(answers[i].gold, classes, "class", "classes", "answers", i, "gold");
        checkIndex(answers[i].answer, classes, "class", "classes", "answers", i, "answer");
    }

    const ByLabeler answersOf(answers, labelers);
    const bool dense = classes <= kConfusionMatrixClassLimit;
    const auto k = idx(classes);
    std::vector<GoldAgreement> out(idx(labelers));
    for (std::int32_t l = 0; l < labelers; ++l) {
        GoldAgreement &g = out[idx(l)];
        g.labeler = l;
        AnswerTable table;
        for (const std::size_t i : answersOf.of(l))
            table.add(answers[i].gold, answers[i].answer);
        g.items = table.answers();
        const TableFigures f = tableFigures(table, options);
        g.accuracy = f.agreement;
        g.kappa = f.kappa;
        g.accuracyCi = f.agreementCi;
        g.kappaCi = f.kappaCi;
        if (!dense || g.items == 0)
            continue;
        g.confusion.assign(k * k, 0.0);
        std::vector<double> goldItems(k, 0.0);
        std::vector<double> correct(k, 0.0);
        table.forEachCell([&](std::int32_t gold, std::int32_t answer, std::uint32_t count) {
            g.confusion[idx(gold) * k + idx(answer)] += count;
            goldItems[idx(gold)] += count;
            if (gold == answer)
                correct[idx(gold)] += count;
        });
        g.recall.resize(k);
        for (std::size_t c = 0; c < k; ++c)
            g.recall[c] = goldItems[c] > 0.0 ? correct[c] / goldItems[c] : kNaN;
    }
    return out;
}

} // namespace concord::core
