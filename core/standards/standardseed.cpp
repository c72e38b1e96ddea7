// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/standardseed.h"

#include "core/standards/rule.h"

#include <cmath>

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
    // boxes, aspect 1.00 to 1.0025): then the bound as it is.
    std::string text = formatRuleThreshold(bound);
    const double rounded = std::stod(text);
    if (low ? rounded <= band.last : rounded >= band.first)
        text = formatRuleNumber(bound);
    return "for objects of class " + quoteRuleClass(band.className) + ": drop if " + band.attribute +
           (low ? " < " : " > ") + text;
}

} // namespace concord::core
