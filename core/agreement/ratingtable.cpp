// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/ratingtable.h"

#include "core/common/error.h"

#include <algorithm>
#include <limits>
#include <functional>
#include <numeric>

namespace concord::core {

namespace {
std::size_t hashOf(std::string_view name)
{
    return std::hash<std::string_view>{}(name);
}
} // namespace

std::int32_t NameIndex::find(const std::vector<std::string> &names, std::string_view name) const
{
    if (m_slots.empty())
        return -1;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t s = hashOf(name) & mask;; s = (s + 1) & mask) {
        const std::int32_t at = m_slots[s];
        if (at < 0)
            return -1;
        if (names[static_cast<std::size_t>(at)] == name)
            return at;
    }
}

std::int32_t NameIndex::intern(std::vector<std::string> &names, std::string_view name)
{
    if (const std::int32_t at = find(names, name); at >= 0)
        return at;
    if (names.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw Error(ErrorCode::Invalid, "more than 2^31 distinct names");
    const auto index = static_cast<std::int32_t>(names.size());
    names.emplace_back(name);
    if (2 * names.size() > m_slots.size()) // keep the load at most 1/2
        grow(names);
    else {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t s = hashOf(name) & mask;
        while (m_slots[s] >= 0)
            s = (s + 1) & mask;
        m_slots[s] = index;
    }
    return index;
}

void NameIndex::grow(const std::vector<std::string> &names)
{
    std::size_t size = 16;
    while (size < 2 * names.size())
        size *= 2;
    m_slots.assign(size, -1);
    const std::size_t mask = size - 1;
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::size_t s = hashOf(names[i]) & mask;
        while (m_slots[s] >= 0)
            s = (s + 1) & mask;
        m_slots[s] = static_cast<std::int32_t>(i);
    }
}

void NameIndex::rebuild(const std::vector<std::string> &names)
{
    m_slots.clear();
    grow(names);
}

std::int32_t RatingTable::item(std::string_view name)
{
    return m_itemIndex.intern(m_items, name);
}

std::int32_t RatingTable::labeler(std::string_view name)
{
    return m_labelerIndex.intern(m_labelers, name);
}

std::int32_t RatingTable::cls(std::string_view name)
{
    if (m_ordered && m_classIndex.find(m_classes, name) < 0)
        throw Error(ErrorCode::Invalid, "class '" + std::string(name) + "' is not on the ordered class scale", {}, 0,
                    "label");
    const std::size_t before = m_classes.size();
    const std::int32_t index = m_classIndex.intern(m_classes, name);
    if (m_classes.size() != before)
        m_classValues.push_back(static_cast<double>(index));
    return index;
}

namespace {
std::optional<std::int32_t> found(std::int32_t at)
{
    return at < 0 ? std::nullopt : std::optional<std::int32_t>(at);
}
} // namespace

std::optional<std::int32_t> RatingTable::findItem(std::string_view name) const
{
    return found(m_itemIndex.find(m_items, name));
}

std::optional<std::int32_t> RatingTable::findLabeler(std::string_view name) const
{
    return found(m_labelerIndex.find(m_labelers, name));
}

std::optional<std::int32_t> RatingTable::findClass(std::string_view name) const
{
    return found(m_classIndex.find(m_classes, name));
}

void RatingTable::add(std::string_view itemName, std::string_view labelerName, std::string_view className)
{
    m_ratings.push_back({item(itemName), labeler(labelerName), cls(className)});
}

void RatingTable::add(std::int32_t itemIndex, std::int32_t labelerIndex, std::int32_t classIndex)
{
    if (itemIndex < 0 || itemIndex >= itemCount())
        throw Error(ErrorCode::Invalid, "item index out of range", {}, 0, "item");
    if (labelerIndex < 0 || labelerIndex >= labelerCount())
        throw Error(ErrorCode::Invalid, "labeler index out of range", {}, 0, "labeler");
    if (classIndex < 0 || classIndex >= classCount())
        throw Error(ErrorCode::Invalid, "class index out of range", {}, 0, "label");
    m_ratings.push_back({itemIndex, labelerIndex, classIndex});
}

void RatingTable::setOrdered(std::vector<double> values)
{
    if (values.size() != m_classes.size())
        throw Error(ErrorCode::Invalid, "one value per class is needed to order the classes");
    for (std::size_t i = 1; i < values.size(); ++i) {
        if (!(values[i - 1] < values[i]))
            throw Error(ErrorCode::Invalid, "class values must increase in class order", {}, 0, m_classes[i]);
    }
    m_classValues = std::move(values);
    m_ordered = true;
}

void RatingTable::orderClassesByValue(const std::vector<double> &valuesInCurrentOrder)
{
    if (valuesInCurrentOrder.size() != m_classes.size())
        throw Error(ErrorCode::Invalid, "one value per class is needed to order the classes");
    std::vector<std::int32_t> order(m_classes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return valuesInCurrentOrder[static_cast<std::size_t>(a)] < valuesInCurrentOrder[static_cast<std::size_t>(b)];
    });
    std::vector<std::int32_t> newIndex(m_classes.size());
    std::vector<std::string> names;
    std::vector<double> values;
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const auto old = static_cast<std::size_t>(order[rank]);
        newIndex[old] = static_cast<std::int32_t>(rank);
        names.push_back(m_classes[old]);
        values.push_back(valuesInCurrentOrder[old]);
    }
    for (Rating &r : m_ratings)
        r.cls = newIndex[static_cast<std::size_t>(r.cls)];
    m_classes = std::move(names);
    m_classIndex.rebuild(m_classes);
    m_ordered = false;
    setOrdered(std::move(values));
}

bool RatingTable::hasRepeats() const
{
    std::vector<std::int64_t> keys;
    keys.reserve(m_ratings.size());
    for (const Rating &r : m_ratings)
        keys.push_back(static_cast<std::int64_t>(r.item) * (std::int64_t{1} << 31) + r.labeler);
    std::sort(keys.begin(), keys.end());
    return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
}

} // namespace concord::core
