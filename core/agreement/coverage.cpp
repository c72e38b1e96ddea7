// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/coverage.h"

#include <limits>

namespace concord::core {

double Coverage::share() const noexcept
{
    return total > 0 ? static_cast<double>(compared) / static_cast<double>(total)
                     : std::numeric_limits<double>::quiet_NaN();
}

Coverage assessCoverage(std::int64_t compared, std::int64_t total)
{
    Coverage c;
    c.compared = compared;
    c.total = total;
    c.fewerThanMinimum = compared < kMinComparedItems;
    // "Under 10 %" in integers, so 30 of 300 is enough and 30 of 301 is not, with no rounding.
    c.underMinimumShare = compared * 100 < total * kMinComparedPercent;
    return c;
}

std::string coverageWarning(const Coverage &c, const std::string &noun)
{
    if (!c.tooFew())
        return {};
    std::string why;
    if (c.fewerThanMinimum)
        why = "fewer than " + std::to_string(kMinComparedItems);
    if (c.underMinimumShare) {
        const std::int64_t permille = c.sharePermille();
        const std::string share = std::to_string(permille / 10) + "." + std::to_string(permille % 10) + " %";
        why +=
            (why.empty() ? "" : ", ") + share + " of the project, under " + std::to_string(kMinComparedPercent) + " %";
    }
    return "only " + std::to_string(c.compared) + " of " + std::to_string(c.total) + " " + noun + " compared (" + why +
           "): too few for these figures to mean much";
}

} // namespace concord::core
