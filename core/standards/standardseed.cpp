// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/standardseed.h"

#include "core/standards/rule.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

namespace concord::core {

namespace {

/// "length_mm" → {"length", "mm"}: how an instruction names an attribute and its unit.
struct AttributeWords
{
    std::string name;
    std::string unit;
};

AttributeWords attributeWords(const std::string &attribute)
{
    AttributeWords w{attribute, {}};
    for (const auto &[suffix, unit] :
         {std::pair<std::string, std::string>{"_mm2", "mm²"}, {"_mm", "mm"}, {"_px", "px"}}) {
        if (attribute.size() > suffix.size() && attribute.ends_with(suffix)) {
            w.name = attribute.substr(0, attribute.size() - suffix.size());
            w.unit = unit;
            break;
        }
    }
    for (char &c : w.name)
        if (c == '_')
            c = ' ';
    return w;
}

/// "its length is 2 mm" ("its length is more than 2 mm" with `more`), the value as the rule
/// writes it.
std::string itsValue(const std::string &attribute, const std::string &value, bool more = false)
{
    const AttributeWords w = attributeWords(attribute);
    return "its " + w.name + " is " + (more ? "more than " : "") + value + (w.unit.empty() ? "" : " " + w.unit);
}

/// A band's bound as suggestedObjectRule() writes it: two decimals, more when rounding would
/// move a member out of the band or the nearest object outside into it.
std::string objectBandBound(const ObjectBand &band)
{
    const bool low = band.end == ObjectBand::End::Low;
    const double bound = low ? band.hi : band.lo;
    // Two decimals, unless rounding would leave a member of the band out (a band of square
    // boxes, aspect 1.00 to 1.0025) or take in the first object outside it (2 × bound − the
    // member nearest it): then up to six, else the bound as it is.
    const double inner = low ? band.last : band.first;
    const double outer = 2.0 * bound - inner;
    std::string text = formatRuleThreshold(bound);
    for (int decimals = 3;; ++decimals) {
        const double rounded = std::stod(text);
        if (low ? rounded > inner && rounded <= outer : rounded < inner && rounded >= outer)
            return text;
        if (decimals > 6)
            return formatRuleNumber(bound);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", decimals, bound);
        text = buf;
        while (text.back() == '0')
            text.pop_back();
    }
}

bool objectBandHasRule(const ObjectBand &band)
{
    return band.end != ObjectBand::End::Middle && isBareRuleName(band.attribute) && !band.className.empty() &&
           std::isfinite(band.end == ObjectBand::End::Low ? band.hi : band.lo);
}

} // namespace

StandardSeed standardSeedFor(const ClusterInput &input, const Cluster &cluster)
{
    StandardSeed seed;
    const std::string &attribute = cluster.attribute;
    const std::string &positive = cluster.positiveClass;
    seed.body = cluster.description;
    for (const std::size_t i : cluster.members)
        seed.candidates.push_back(input.items[i].image);
    switch (cluster.kind) {
    case ClusterKind::Band:
        seed.attribute = attribute;
        seed.threshold = cluster.suggestedThreshold;
        seed.positiveClass = positive;
        seed.title = positive.empty() ? attribute + " threshold" : positive + ": " + attribute + " threshold";
        break;
    case ClusterKind::Categorical: seed.title = attribute + " = " + cluster.value; break;
    case ClusterKind::Visual: seed.title = "Look-alike images (" + cluster.value + ")"; break;
    }
    const std::string &a = cluster.confusionA;
    const std::string &b = cluster.confusionB;
    if (cluster.kind != ClusterKind::Band || !cluster.suggestedThreshold ||
        !std::isfinite(*cluster.suggestedThreshold) || positive.empty())
        return seed;
    const std::string threshold = formatRuleThreshold(*cluster.suggestedThreshold);
    const bool pair = (positive == a || positive == b) && !a.empty() && !b.empty() && a != b;
    const std::string negative = pair ? (positive == a ? b : a) : std::string();
    // The instruction the band suggests, in the rule's own number.
    seed.body = "An image is **" + positive + "** when " + itsValue(attribute, threshold) + " or more" +
                (pair ? ", **" + negative + "** when it is less." : ".");
    if (!isBareRuleName(attribute))
        return seed;
    if (pair)
        seed.rule = "when label in {" + quoteRuleClass(negative) + ", " + quoteRuleClass(positive) + "} and " +
                    attribute + " is known: " + quoteRuleClass(positive) + " if " + attribute + " >= " + threshold +
                    " else " + quoteRuleClass(negative);
    else // a start the lead completes: the other side is theirs to choose
        seed.rule = "when " + attribute + " is known: " + quoteRuleClass(positive) + " if " + attribute +
                    " >= " + threshold + " else keep";
    return seed;
}

StandardSeed standardSeedFor(const ObjectClusterInput &input, const ObjectBand &band, const std::vector<Id> &itemImages)
{
    StandardSeed seed;
    seed.attribute = band.attribute;
    seed.body = band.description;
    std::set<Id> seen;
    for (const std::size_t i : band.members) {
        const auto item = static_cast<std::size_t>(input.objects.at(i).item);
        const Id image = item < itemImages.size() ? itemImages[item] : 0;
        if (image != 0 && seen.insert(image).second)
            seed.candidates.push_back(image);
    }
    const std::string &cls = band.className;
    if (!objectBandHasRule(band)) {
        seed.title = cls + " objects: " + band.attribute + " band";
        return seed;
    }
    const bool low = band.end == ObjectBand::End::Low;
    const std::string bound = objectBandBound(band);
    seed.title = cls + " objects: " + band.attribute + " threshold";
    seed.threshold = low ? band.hi : band.lo;
    seed.body = low ? "Draw a **" + cls + "** only when " + itsValue(band.attribute, bound) +
                          " or more; below that, do not draw it."
                    : "Do not draw a **" + cls + "** when " + itsValue(band.attribute, bound, true) + ".";
    seed.rule = suggestedObjectRule(band);
    return seed;
}

std::string suggestedObjectRule(const ObjectBand &band)
{
    if (!objectBandHasRule(band))
        return {};
    const bool low = band.end == ObjectBand::End::Low;
    return "for objects of class " + quoteRuleClass(band.className) + ": drop if " + band.attribute +
           (low ? " < " : " > ") + objectBandBound(band);
}

} // namespace concord::core
