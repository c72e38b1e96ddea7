// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/ratingtable.h"

#include "core/common/error.h"

#include <algorithm>
#include <numeric>

namespace concord::core {

std::int32_t RatingTable::intern(std::vector<std::string> &names,
                                 std::unordered_map<std::string, std::int32_t> &map,
                                 std::string_view name)
{
    auto [it, inserted] = map.try_emplace(std::string(name), static_cast<std::int32_t>(names.size()));
    if (inserted)
        names.emplace_back(name);
    return it->second;
}

std::int32_t RatingTable::item(std::string_view name)
{
    return intern(m_items, m_itemIndex, name);
}

std::int32_t RatingTable::labeler(std::string_view name)
{
    return intern(m_labelers, m_labelerIndex, name);
}

std::int32_t RatingTable::cls(std::string_view name)
{
    if (m_ordered && !m_classIndex.contains(std::string(name)))
        throw Error(ErrorCode::Invalid,
                    "class '" + std::string(name) + "' is not on the ordered class scale", {}, 0,
                    "label");
    const std::size_t before = m_classes.size();
    const std::int32_t index = intern(m_classes, m_classIndex, name);
    if (m_classes.size() != before)
        m_classValues.push_back(static_cast<double>(index));
    return index;
}

namespace {
std::optional<std::int32_t> find(const std::unordered_map<std::string, std::int32_t> &map,
                                 std::string_view name)
{
    const auto it = map.find(std::string(name));
    if (it == map.end())
        return std::nullopt;
    return it->second;
}
} // namespace

std::optional<std::int32_t> RatingTable::findItem(std::string_view name) const
{
    return find(m_itemIndex, name);
}

std::optional<std::int32_t> RatingTable::findLabeler(std::string_view name) const
{
    return find(m_labelerIndex, name);
}

std::optional<std::int32_t> RatingTable::findClass(std::string_view name) const
{
    return find(m_classIndex, name);
}

void RatingTable::add(std::string_view itemName, std::string_view labelerName,
                      std::string_view className)
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
            throw Error(ErrorCode::Invalid, "class values must increase in class order", {}, 0,
                        m_classes[i]);
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
        return valuesInCurrentOrder[static_cast<std::size_t>(a)]
               < valuesInCurrentOrder[static_cast<std::size_t>(b)];
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
    m_classIndex.clear();
    for (std::size_t i = 0; i < m_classes.size(); ++i)
        m_classIndex.emplace(m_classes[i], static_cast<std::int32_t>(i));
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
