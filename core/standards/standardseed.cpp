// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/standardseed.h"

#include "core/standards/rule.h"

#include <cmath>
#include <cstdio>

namespace concord::core {

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
    if (cluster.kind == ClusterKind::Band && cluster.suggestedThreshold && std::isfinite(*cluster.suggestedThreshold) &&
        !positive.empty() && (positive == a || positive == b) && !a.empty() && !b.empty() && a != b &&
        isBareRuleName(attribute)) {
        const std::string negative = positive == a ? b : a;
        seed.rule = "when label in {" + quoteRuleClass(negative) + ", " + quoteRuleClass(positive) + "} and " +
                    attribute + " is known: " + quoteRuleClass(positive) + " if " + attribute +
                    " >= " + formatRuleThreshold(*cluster.suggestedThreshold) + " else " + quoteRuleClass(negative);
    }
    return seed;
}

std::string suggestedObjectRule(const ObjectBand &band)
{
    if (band.end == ObjectBand::End::Middle || !isBareRuleName(band.attribute) || band.className.empty())
        return {};
    const bool low = band.end == ObjectBand::End::Low;
    const double bound = low ? band.hi : band.lo;
    if (!std::isfinite(bound))
        return {};
    // Two decimals, unless rounding would leave a member of the band out (a band of square
    // boxes, aspect 1.00 to 1.0025) or take in the first object outside it (2 × bound − the
    // member nearest it): then up to six, else the bound as it is.
    const double inner = low ? band.last : band.first;
    const double outer = 2.0 * bound - inner;
    std::string text = formatRuleThreshold(bound);
    for (int decimals = 3;; ++decimals) {
        const double rounded = std::stod(text);
        if (low ? rounded > inner && rounded <= outer : rounded < inner && rounded >= outer)
            break;
        if (decimals > 6) {
            text = formatRuleNumber(bound);
            break;
        }
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", decimals, bound);
        text = buf;
        while (text.back() == '0')
            text.pop_back();
    }
    return "for objects of class " + quoteRuleClass(band.className) + ": drop if " + band.attribute +
           (low ? " < " : " > ") + text;
}

} // namespace concord::core
