// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord::core {

/// Index of a list of distinct names: open addressing over indices into the caller's name
/// vector, looked up by string_view. Why not unordered_map<string, int>: that stores every name
/// a second time in a separately allocated node (about 70 bytes per name before the text), which
/// for a ratings CSV of ten million items was more than the ratings themselves. Here a name
/// costs its std::string plus two 4-byte slots.
class NameIndex
{
public:
    /// Index of `name` in `names`, or −1.
    std::int32_t find(const std::vector<std::string> &names, std::string_view name) const;
    /// Index of `name`, appending it to `names` when new.
    std::int32_t intern(std::vector<std::string> &names, std::string_view name);
    /// Rebuilds the index for `names` (after they were reordered).
    void rebuild(const std::vector<std::string> &names);

private:
    void grow(const std::vector<std::string> &names);
    std::vector<std::int32_t> m_slots; // −1 = empty; size a power of two
};

/// One label given by one labeler to one item, as dense indices into a RatingTable.
struct Rating
{
    std::int32_t item = 0;
    std::int32_t labeler = 0;
    std::int32_t cls = 0;
};

/// The input of every agreement computation: (item, labeler, class) triples with dense index
/// maps for the three name spaces.
///
/// Why a list of triples and not an item × labeler matrix: labels may be missing (a labeler saw
/// only part of the items) and one labeler may label the same item more than once (the
/// Dawid–Skene 1979 data has observer 1 rating every patient three times). A list represents
/// both without a sentinel value and without losing a repeat. The metrics that need one label
/// per (item, labeler) say in their documentation how they treat repeats (docs/AGREEMENT.md).
///
/// Classes keep the order in which they were declared. When the classes are *ordered*, each
/// carries a numeric value (for Krippendorff's interval alpha) and their declaration order is
/// the rank order (for ordinal alpha).
class RatingTable
{
public:
    /// Index of the item with this name, creating it when new.
    std::int32_t item(std::string_view name);
    /// Index of the labeler with this name, creating it when new.
    std::int32_t labeler(std::string_view name);
    /// Index of the class with this name, creating it when new (its value is its index).
    /// Throws Error(Invalid) for a new name once the classes are ordered: a new class on an
    /// ordered scale would need a value and a rank, which only setOrdered() can give.
    std::int32_t cls(std::string_view name);

    /// Existing indices, or nullopt; never creates.
    std::optional<std::int32_t> findItem(std::string_view name) const;
    std::optional<std::int32_t> findLabeler(std::string_view name) const;
    std::optional<std::int32_t> findClass(std::string_view name) const;

    /// Adds a rating by names (creating names on first use).
    void add(std::string_view item, std::string_view labeler, std::string_view cls);
    /// Adds a rating by dense indices; throws Error(Invalid) when an index is out of range, so
    /// a caller that builds indices itself cannot corrupt the table.
    void add(std::int32_t item, std::int32_t labeler, std::int32_t cls);

    /// Declares that the classes, in their current order, are ordered, with these numeric
    /// values (one per class, strictly increasing). Enables ordinal and interval alpha.
    /// Throws Error(Invalid) on a size mismatch or non-increasing values.
    void setOrdered(std::vector<double> values);
    /// Reorders the classes so that their values increase and declares them ordered; the
    /// ratings are remapped. Used by the CSV loader for numeric labels.
    void orderClassesByValue(const std::vector<double> &valuesInCurrentOrder);

    bool isOrdered() const noexcept { return m_ordered; }
    /// Numeric value of each class: the declared value when ordered, else the class index.
    const std::vector<double> &classValues() const noexcept { return m_classValues; }

    const std::vector<Rating> &ratings() const noexcept { return m_ratings; }
    const std::vector<std::string> &itemNames() const noexcept { return m_items; }
    const std::vector<std::string> &labelerNames() const noexcept { return m_labelers; }
    const std::vector<std::string> &classNames() const noexcept { return m_classes; }

    std::int32_t itemCount() const noexcept { return static_cast<std::int32_t>(m_items.size()); }
    std::int32_t labelerCount() const noexcept { return static_cast<std::int32_t>(m_labelers.size()); }
    std::int32_t classCount() const noexcept { return static_cast<std::int32_t>(m_classes.size()); }

    /// True when some labeler rated some item more than once (computed on demand, O(n log n)).
    bool hasRepeats() const;

    void reserve(std::size_t ratings) { m_ratings.reserve(ratings); }

private:
    std::vector<Rating> m_ratings;
    std::vector<std::string> m_items;
    std::vector<std::string> m_labelers;
    std::vector<std::string> m_classes;
    NameIndex m_itemIndex;
    NameIndex m_labelerIndex;
    NameIndex m_classIndex;
    std::vector<double> m_classValues;
    bool m_ordered = false;
};

} // namespace concord::core
