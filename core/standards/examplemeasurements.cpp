// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/examplemeasurements.h"

#include "core/clusters/imageattributes.h"
#include "core/common/numbertext.h"
#include "core/standards/rule.h"
#include "core/common/error.h"

#include <algorithm>
#include <set>
#include <variant>

namespace concord::core {

std::vector<std::string> exampleMeasurementKeys(const std::string &rule)
{
    std::vector<std::string> keys;
    try {
        if (rule.find_first_not_of(" \t\r\n") != std::string::npos)
            for (const auto &name : parseRule(rule).attributes())
                if (std::find(keys.begin(), keys.end(), name.text) == keys.end())
                    keys.push_back(name.text);
    } catch (const Error &) {
        keys.clear(); // the lead is still typing: show what a line measures meanwhile
    }
    if (keys.empty())
        keys.emplace_back(kAttrLengthMm);
    return keys;
}

std::map<Id, std::vector<ExampleMeasurement>> exampleMeasurements(const Store &store, const std::vector<Id> &images,
                                                                  const std::vector<std::string> &keys)
{
    // Only these images' labels and lines are read: the picker and the examples show a few
    // images of a project that may have 10^5.
    std::map<Id, std::vector<ExampleMeasurement>> out;
    for (const auto &key : keys)
        for (const auto &a : attributeValuesOf(store, key, images))
            if (const double *number = std::get_if<double>(&a.value))
                out[a.image].push_back({key, *number});
    return out;
}

std::string measurementText(const ExampleMeasurement &m)
{
    constexpr std::string_view kMm = "_mm";
    const bool mm = m.key.size() > kMm.size() && m.key.compare(m.key.size() - kMm.size(), kMm.size(), kMm) == 0;
    if (m.key == kAttrLengthMm)
        return formatFixed(m.value, 2) + " mm";
    if (mm)
        return m.key.substr(0, m.key.size() - kMm.size()) + " " + formatFixed(m.value, 2) + " mm";
    return m.key + " " + formatFixed(m.value, 2);
}

std::optional<std::string> ruleClassFor(const std::string &rule, const std::string &labelClass,
                                        const AttributeValues &attributes)
{
    if (rule.find_first_not_of(" \t\r\n") == std::string::npos)
        return std::nullopt;
    try {
        const Rule parsed = parseRule(rule);
        if (parsed.forObjects)
            return std::nullopt;
        const RuleOutcome outcome = evaluateRule(parsed, labelClass, attributes);
        if (outcome.verdict == RuleVerdict::Decided && !outcome.resultClass.empty())
            return outcome.resultClass;
    } catch (const Error &) {
        // A rule that does not parse teaches nothing: the vote stands.
    }
    return std::nullopt;
}

} // namespace concord::core
