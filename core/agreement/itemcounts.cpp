// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/itemcounts.h"

#include "core/agreement/ratingtable.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace concord::core {

namespace {
std::size_t idx(std::int32_t i)
{
    return static_cast<std::size_t>(i);
}
} // namespace

ItemCounts::ItemCounts(const RatingTable &table)
    : m_items(table.itemCount())
    , m_classes(table.classCount())
    , m_labelers(table.labelerCount())
{
    // Counting sort of the ratings by item: O(n), no comparison sort over a million ratings.
    const auto &ratings = table.ratings();
    m_offsets.assign(idx(m_items) + 1, 0);
    for (const Rating &r : ratings)
        ++m_offsets[idx(r.item) + 1];
    for (std::size_t i = 0; i < idx(m_items); ++i)
        m_offsets[i + 1] += m_offsets[i];
    std::vector<Entry> raw(ratings.size());
    {
        std::vector<std::int64_t> fill(m_offsets.begin(), m_offsets.end() - 1);
        for (const Rating &r : ratings)
            raw[static_cast<std::size_t>(fill[idx(r.item)]++)] = {r.labeler, r.cls, 1};
    }
    // Within each item: sort by (labeler, class) and merge repeats into counts.
    m_entries.reserve(raw.size());
    std::vector<std::int64_t> offsets(idx(m_items) + 1, 0);
    for (std::int32_t i = 0; i < m_items; ++i) {
        auto first = raw.begin() + m_offsets[idx(i)];
        auto last = raw.begin() + m_offsets[idx(i) + 1];
        const auto before = [](const Entry &a, const Entry &b) {
            return a.labeler != b.labeler ? a.labeler < b.labeler : a.cls < b.cls;
        };
        if (!std::is_sorted(first, last, before)) // ratings usually arrive in order
            std::sort(first, last, before);
        for (auto it = first; it != last; ++it) {
            if (!m_entries.empty() && static_cast<std::int64_t>(m_entries.size()) > offsets[idx(i)] &&
                m_entries.back().labeler == it->labeler && m_entries.back().cls == it->cls)
                ++m_entries.back().count;
            else
                m_entries.push_back(*it);
        }
        offsets[idx(i) + 1] = static_cast<std::int64_t>(m_entries.size());
    }
    m_offsets = std::move(offsets);
    finish();
}

std::int32_t ItemCounts::count(std::int32_t i, std::int32_t cls) const noexcept
{
    const auto row = classCounts(i);
    const auto it =
        std::lower_bound(row.begin(), row.end(), cls, [](const ClassCount &c, std::int32_t x) { return c.cls < x; });
    return it != row.end() && it->cls == cls ? it->count : 0;
}

void ItemCounts::finish()
{
    const auto n = idx(m_items);
    const auto k = idx(m_classes);
    m_responses.assign(n, 0);
    m_labelersOn.assign(n, 0);
    m_agreeing.assign(n, 0.0);
    m_responseTotal = 0;
    m_hasRepeats = false;
    // Class counts: each item's entries folded by class, in class order.
    m_classOffsets.assign(n + 1, 0);
    m_classCounts.clear();
    m_classCounts.reserve(m_entries.size());
    std::vector<std::int32_t> scratch(k, 0);
    std::vector<std::int32_t> used;
    for (std::size_t i = 0; i < n; ++i) {
        used.clear();
        for (const Entry &e : entries(static_cast<std::int32_t>(i))) {
            if (scratch[idx(e.cls)] == 0)
                used.push_back(e.cls);
            scratch[idx(e.cls)] += e.count;
        }
        std::sort(used.begin(), used.end());
        for (const std::int32_t c : used) {
            m_classCounts.push_back({c, scratch[idx(c)]});
            scratch[idx(c)] = 0;
        }
        m_classOffsets[i + 1] = static_cast<std::int64_t>(m_classCounts.size());
    }
    m_classCounts.shrink_to_fit();
    std::vector<double> labelerSum(k, 0.0); // F_k = sum over labelers of f_a(k)
    for (std::size_t i = 0; i < n; ++i) {
        const auto row = classCounts(static_cast<std::int32_t>(i));
        const auto es = entries(static_cast<std::int32_t>(i));
        bool repeats = false;
        std::int32_t labelers = 0;
        for (std::size_t e = 0; e < es.size(); ++e) {
            m_responses[i] += es[e].count;
            if (e == 0 || es[e].labeler != es[e - 1].labeler)
                ++labelers;
            else
                repeats = true;
            if (es[e].count > 1)
                repeats = true;
        }
        m_labelersOn[i] = labelers;
        m_responseTotal += m_responses[i];
        if (!repeats) {
            // One response per labeler: agreeing pairs = sum_k C(n_k, 2), exact in integers.
            std::int64_t pairs = 0;
            for (const ClassCount &c : row)
                pairs += static_cast<std::int64_t>(c.count) * (c.count - 1) / 2;
            m_agreeing[i] = static_cast<double>(pairs);
            continue;
        }
        m_hasRepeats = true;
        // sum_{a<b} sum_k f_a(k) f_b(k) = ( sum_k F_k^2 − sum_a sum_k f_a(k)^2 ) / 2
        double own = 0.0;
        for (std::size_t e = 0; e < es.size();) {
            std::size_t end = e;
            std::int32_t total = 0;
            while (end < es.size() && es[end].labeler == es[e].labeler)
                total += es[end++].count;
            for (; e < end; ++e) {
                const double f = static_cast<double>(es[e].count) / total;
                labelerSum[idx(es[e].cls)] += f;
                own += f * f;
            }
        }
        double all = 0.0;
        for (const Entry &entry : es) {
            double &f = labelerSum[idx(entry.cls)];
            all += f * f;
            f = 0.0; // reset only what this item touched
        }
        m_agreeing[i] = (all - own) / 2.0;
    }
}

ItemCounts ItemCounts::oneVsRest(std::int32_t cls) const
{
    const auto n = idx(m_items);
    ItemCounts out;
    out.m_items = m_items;
    out.m_classes = 2;
    out.m_labelers = m_labelers;
    out.m_responseTotal = m_responseTotal;
    out.m_hasRepeats = m_hasRepeats;
    out.m_responses = m_responses;
    out.m_labelersOn = m_labelersOn;
    out.m_offsets.assign(n + 1, 0);
    out.m_classOffsets.assign(n + 1, 0);
    out.m_classCounts.reserve(n);
    out.m_agreeing.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int32_t in = count(static_cast<std::int32_t>(i), cls);
        const std::int32_t rest = m_responses[i] - in;
        if (in > 0)
            out.m_classCounts.push_back({0, in});
        if (rest > 0)
            out.m_classCounts.push_back({1, rest});
        out.m_classOffsets[i + 1] = static_cast<std::int64_t>(out.m_classCounts.size());
        if (m_labelersOn[i] == m_responses[i]) {
            // One response per labeler: agreeing pairs = C(in, 2) + C(rest, 2).
            // n (n − 1) is even, so the integer halves are exact.
            const std::int64_t agreeing =
                static_cast<std::int64_t>(in) * (in - 1) / 2 + static_cast<std::int64_t>(rest) * (rest - 1) / 2;
            out.m_agreeing[i] = static_cast<double>(agreeing);
            continue;
        }
        // Repeats: fold each labeler's entries into (share in cls, share elsewhere).
        const auto es = entries(static_cast<std::int32_t>(i));
        double sumIn = 0.0;
        double sumRest = 0.0;
        double own = 0.0;
        for (std::size_t e = 0; e < es.size();) {
            std::int32_t labelerIn = 0;
            std::int32_t labelerRest = 0;
            const std::int32_t labeler = es[e].labeler;
            for (; e < es.size() && es[e].labeler == labeler; ++e)
                (es[e].cls == cls ? labelerIn : labelerRest) += es[e].count;
            const double total = labelerIn + labelerRest;
            const double fIn = labelerIn / total;
            const double fRest = labelerRest / total;
            sumIn += fIn;
            sumRest += fRest;
            own += fIn * fIn + fRest * fRest;
        }
        out.m_agreeing[i] = (sumIn * sumIn + sumRest * sumRest - own) / 2.0;
    }
    return out;
}

ItemCounts::Profiles ItemCounts::profiles() const
{
    const auto n = idx(m_items);
    Profiles p;
    ItemCounts &d = p.distinct;
    d.m_classes = m_classes;
    d.m_labelers = m_labelers;
    d.m_hasRepeats = m_hasRepeats;
    p.profileOf.resize(n);
    d.m_classOffsets.push_back(0);
    std::unordered_map<std::string, std::int32_t> index;
    std::string key;
    for (std::size_t i = 0; i < n; ++i) {
        // The bytes of everything a coefficient reads about the item.
        const auto row = classCounts(static_cast<std::int32_t>(i));
        key.assign(reinterpret_cast<const char *>(row.data()), row.size_bytes());
        key.append(reinterpret_cast<const char *>(&m_labelersOn[i]), sizeof(std::int32_t));
        key.append(reinterpret_cast<const char *>(&m_agreeing[i]), sizeof(double));
        const auto [it, inserted] = index.try_emplace(key, d.m_items);
        if (inserted) {
            d.m_classCounts.insert(d.m_classCounts.end(), row.begin(), row.end());
            d.m_classOffsets.push_back(static_cast<std::int64_t>(d.m_classCounts.size()));
            d.m_responses.push_back(m_responses[i]);
            d.m_labelersOn.push_back(m_labelersOn[i]);
            d.m_agreeing.push_back(m_agreeing[i]);
            d.m_responseTotal += m_responses[i];
            ++d.m_items;
        }
        p.profileOf[i] = it->second;
    }
    d.m_offsets.assign(idx(d.m_items) + 1, 0);
    return p;
}

} // namespace concord::core
