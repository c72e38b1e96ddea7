// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace concord::core {

class RatingTable;

/// The ratings of a RatingTable grouped by item, in flat arrays: what every metric reads.
///
/// Why this layout: all chance-corrected coefficients (Fleiss, Krippendorff, Gwet) depend on
/// the data only through per-item class counts, and the bootstrap resamples items. Keeping each
/// item's class counts (plus two precomputed pair counts) lets a metric be evaluated for any
/// item weighting in one linear pass, so a bootstrap resample costs O(labels) instead of a
/// rebuild from the raw triples.
///
/// The class counts are sparse: per item only the classes it received, in class order. A dense
/// N × K matrix was 800 MB for 1,000 items of a 200,000-class taxonomy; the sparse rows cost
/// 8 bytes per (item, class) that occurs, whatever K is (docs/RELIABILITY.md, "Limits").
///
/// Two views are kept:
/// - response counts n_ic: every response counts, repeats included (Fleiss, Krippendorff,
///   Gwet, majority vote, Dawid–Skene);
/// - labeler entries: per item, (labeler, class, count) sorted by labeler then class, for the
///   metrics that compare labelers (pairwise, HLP). A labeler who rated an item r times with
///   c of them class k is taken to say k with weight c / r, so each (item, labeler) weighs 1.
class ItemCounts
{
public:
    /// One (item, labeler, class) cell with its number of responses.
    struct Entry
    {
        std::int32_t labeler = 0;
        std::int32_t cls = 0;
        std::int32_t count = 0;
    };

    ItemCounts() = default;
    explicit ItemCounts(const RatingTable &table);

    std::int32_t itemCount() const noexcept { return m_items; }
    std::int32_t classCount() const noexcept { return m_classes; }
    std::int32_t labelerCount() const noexcept { return m_labelers; }
    /// Total number of responses (repeats included).
    std::int64_t responseCount() const noexcept { return m_responseTotal; }
    /// True when some labeler rated some item more than once.
    bool hasRepeats() const noexcept { return m_hasRepeats; }

    /// One class of an item with its number of responses (never 0).
    struct ClassCount
    {
        std::int32_t cls = 0;
        std::int32_t count = 0;
    };
    /// The classes item i received with their response counts, in class order; a class
    /// missing from the list has count 0.
    std::span<const ClassCount> classCounts(std::int32_t i) const noexcept
    {
        const auto b = static_cast<std::size_t>(m_classOffsets[static_cast<std::size_t>(i)]);
        const auto e = static_cast<std::size_t>(m_classOffsets[static_cast<std::size_t>(i) + 1]);
        return {m_classCounts.data() + b, e - b};
    }
    /// Response count of class `cls` on item i (a binary search of its classes).
    std::int32_t count(std::int32_t i, std::int32_t cls) const noexcept;
    /// Stored (item, class) cells: the size of the sparse count table.
    std::size_t classCellCount() const noexcept { return m_classCounts.size(); }
    /// m_i: responses on item i.
    std::int32_t responses(std::int32_t i) const noexcept { return m_responses[static_cast<std::size_t>(i)]; }
    /// Distinct labelers on item i.
    std::int32_t labelersOn(std::int32_t i) const noexcept { return m_labelersOn[static_cast<std::size_t>(i)]; }
    /// Agreeing labeler pairs on item i: sum over pairs of distinct labelers {a, b} of
    /// sum_k f_a(k) f_b(k), where f_a is a's class distribution on the item (one-hot unless a
    /// rated the item more than once).
    double agreeingPairs(std::int32_t i) const noexcept { return m_agreeing[static_cast<std::size_t>(i)]; }
    /// Pairs of distinct labelers on item i: L_i (L_i − 1) / 2.
    double comparablePairs(std::int32_t i) const noexcept
    {
        const double l = labelersOn(i);
        return l * (l - 1.0) / 2.0;
    }
    /// Labeler entries of item i (sorted by labeler, then class).
    std::span<const Entry> entries(std::int32_t i) const noexcept
    {
        const auto b = static_cast<std::size_t>(m_offsets[static_cast<std::size_t>(i)]);
        const auto e = static_cast<std::size_t>(m_offsets[static_cast<std::size_t>(i) + 1]);
        return {m_entries.data() + b, e - b};
    }

    /// The same data with two classes, `cls` (index 0) against all others (index 1): the
    /// one-vs-rest view behind every per-class metric, built in one linear pass. It serves the
    /// coefficients only: it has no labeler entries (entries() is empty).
    ItemCounts oneVsRest(std::int32_t cls) const;

    /// Items that are alike for every coefficient (same counts, labelers and agreeing pairs)
    /// collapsed into one row each: `distinct` holds one row per profile (no labeler entries)
    /// and `profileOf[i]` names item i's row. With 5 labelers and 4 classes there are at most
    /// 56 profiles however many items there are, which is what makes a 1000-resample
    /// bootstrap of 200,000 items cheap: a resample only has to count profiles.
    struct Profiles;
    Profiles profiles() const;

private:
    void finish();

    std::int32_t m_items = 0;
    std::int32_t m_classes = 0;
    std::int32_t m_labelers = 0;
    std::int64_t m_responseTotal = 0;
    bool m_hasRepeats = false;
    std::vector<std::int64_t> m_classOffsets;
    std::vector<ClassCount> m_classCounts;
    std::vector<std::int32_t> m_responses;
    std::vector<std::int32_t> m_labelersOn;
    std::vector<double> m_agreeing;
    std::vector<std::int64_t> m_offsets;
    std::vector<Entry> m_entries;
};

struct ItemCounts::Profiles
{
    ItemCounts distinct;
    std::vector<std::int32_t> profileOf;
};

} // namespace concord::core
