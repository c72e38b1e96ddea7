// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/pairwise.h"

#include "core/agreement/coefficients.h"
#include "core/agreement/itemcounts.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace concord::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::size_t idx(std::int32_t i)
{
    return static_cast<std::size_t>(i);
}

/// Maps a labeler pair to a slot: a dense L × L array while that stays small (the common case,
/// a handful of labelers, looked up a million times), a hash map for crowds of thousands.
class PairSlots
{
public:
    explicit PairSlots(std::int32_t labelers)
        : m_labelers(labelers)
    {
        const auto l = static_cast<std::int64_t>(labelers);
        if (l * l <= kDenseLimit)
            m_dense.assign(static_cast<std::size_t>(l * l), -1);
    }

    /// Slot of (a, b); `created` tells whether it is new.
    std::int32_t slot(std::int32_t a, std::int32_t b, bool &created)
    {
        const std::int64_t key = static_cast<std::int64_t>(a) * m_labelers + b;
        created = false;
        if (!m_dense.empty()) {
            std::int32_t &s = m_dense[static_cast<std::size_t>(key)];
            if (s < 0) {
                s = m_next++;
                created = true;
            }
            return s;
        }
        auto [it, inserted] = m_sparse.try_emplace(key, m_next);
        if (inserted) {
            ++m_next;
            created = true;
        }
        return it->second;
    }

private:
    static constexpr std::int64_t kDenseLimit = std::int64_t{1} << 22; // 16 MB of slots
    std::int32_t m_labelers;
    std::int32_t m_next = 0;
    std::vector<std::int32_t> m_dense;
    std::unordered_map<std::int64_t, std::int32_t> m_sparse;
};

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
    PairSlots slots(counts.labelerCount());
    std::vector<std::pair<std::int32_t, std::int32_t>> labelersOfSlot;
    std::vector<double> tables; // slot-major K × K tables
    std::vector<Group> groups;
    for (std::int32_t i = 0; i < counts.itemCount(); ++i) {
        const auto es = counts.entries(i);
        groupsOf(es, groups);
        for (std::size_t ga = 0; ga < groups.size(); ++ga) {
            for (std::size_t gb = ga + 1; gb < groups.size(); ++gb) {
                const std::int32_t a = es[groups[ga].begin].labeler;
                const std::int32_t b = es[groups[gb].begin].labeler;
                bool created = false;
                const auto s = idx(slots.slot(a, b, created));
                if (created) {
                    labelersOfSlot.emplace_back(a, b);
                    tables.resize(tables.size() + k * k, 0.0);
                }
                double *table = tables.data() + s * k * k;
                const double norm = 1.0 / (static_cast<double>(groups[ga].total) * groups[gb].total);
                for (std::size_t ea = groups[ga].begin; ea < groups[ga].end; ++ea) {
                    for (std::size_t eb = groups[gb].begin; eb < groups[gb].end; ++eb)
                        table[idx(es[ea].cls) * k + idx(es[eb].cls)]
                            += norm * es[ea].count * es[eb].count;
                }
            }
        }
    }
    std::vector<std::size_t> order(labelersOfSlot.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return labelersOfSlot[x] < labelersOfSlot[y]; });
    std::vector<PairAgreement> out;
    out.reserve(order.size());
    for (const std::size_t s : order) {
        PairAgreement p;
        p.a = labelersOfSlot[s].first;
        p.b = labelersOfSlot[s].second;
        p.table.assign(tables.begin() + static_cast<std::ptrdiff_t>(s * k * k),
                       tables.begin() + static_cast<std::ptrdiff_t>((s + 1) * k * k));
        double diagonal = 0.0;
        for (std::size_t c = 0; c < k; ++c)
            diagonal += p.table[c * k + c];
        p.n = std::accumulate(p.table.begin(), p.table.end(), 0.0);
        p.agreement = diagonal / p.n;
        p.cohenKappa = cohenKappa(p.table, counts.classCount());
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<LabelerAgreement> labelerAgreement(const ItemCounts &counts,
                                               const std::vector<PairAgreement> &pairs,
                                               std::optional<std::int32_t> reference,
                                               std::span<const double> consensus)
{
    const auto k = idx(counts.classCount());
    const auto l = idx(counts.labelerCount());
    std::vector<LabelerAgreement> out(l);
    std::vector<double> agreeing(l, 0.0);
    std::vector<double> majorityAgreeing(l, 0.0);
    for (std::size_t a = 0; a < l; ++a) {
        out[a].labeler = static_cast<std::int32_t>(a);
        if (!consensus.empty())
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
    for (std::int32_t i = 0; i < counts.itemCount(); ++i) {
        const auto es = counts.entries(i);
        const auto row = counts.counts(i);
        const std::int32_t m = counts.responses(i);
        groupsOf(es, groups);
        for (const Group &g : groups) {
            LabelerAgreement &who = out[idx(es[g.begin].labeler)];
            ++who.items;
            if (!consensus.empty()) {
                const double *c = consensus.data() + idx(i) * k;
                for (std::size_t e = g.begin; e < g.end; ++e) {
                    for (std::size_t truth = 0; truth < k; ++truth)
                        who.confusion[truth * k + idx(es[e].cls)] += c[truth] * es[e].count;
                }
            }
            if (m == g.total)
                continue; // nobody else labeled this item
            // Majority of the other responses, ties shared uniformly.
            std::copy(row.begin(), row.end(), others.begin());
            for (std::size_t e = g.begin; e < g.end; ++e)
                others[idx(es[e].cls)] -= es[e].count;
            const std::int32_t top = *std::max_element(others.begin(), others.end());
            const auto tied = static_cast<double>(std::count(others.begin(), others.end(), top));
            double hit = 0.0;
            for (std::size_t e = g.begin; e < g.end; ++e) {
                if (others[idx(es[e].cls)] == top)
                    hit += static_cast<double>(es[e].count) / g.total;
            }
            majorityAgreeing[idx(who.labeler)] += hit / tied;
            who.majorityCompared += 1.0;
        }
    }
    for (std::size_t a = 0; a < l; ++a) {
        out[a].hlp = out[a].compared > 0.0 ? agreeing[a] / out[a].compared : kNaN;
        out[a].hlpVsMajority
            = out[a].majorityCompared > 0.0 ? majorityAgreeing[a] / out[a].majorityCompared : kNaN;
    }
    return out;
}

} // namespace concord::core
