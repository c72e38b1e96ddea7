// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/itemagreement.h"

#include "core/agreement/itemcounts.h"

#include <cmath>
#include <limits>

namespace concord::core {

std::vector<ItemAgreement> itemAgreement(const ItemCounts &counts)
{
    std::vector<ItemAgreement> out(static_cast<std::size_t>(counts.itemCount()));
    for (std::int32_t i = 0; i < counts.itemCount(); ++i) {
        ItemAgreement &a = out[static_cast<std::size_t>(i)];
        const auto row = counts.classCounts(i);
        const std::int32_t m = counts.responses(i);
        a.responses = m;
        if (m == 0) {
            a.agreement = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        std::int32_t top = -1;
        std::int32_t second = -1;
        std::int64_t pairs = 0;
        // Over the classes the item received only: a class without responses can neither be
        // the majority (m ≥ 1) nor change the margin (second < 0 counts as 0).
        for (const ItemCounts::ClassCount &c : row) {
            const std::int32_t x = c.count;
            pairs += static_cast<std::int64_t>(x) * (x - 1);
            if (x > 0) {
                const double p = static_cast<double>(x) / m;
                a.entropyBits -= p * std::log2(p);
            }
            if (x > top) {
                second = top;
                top = x;
                a.majorityClass = c.cls;
                a.tiedClasses = 1;
            } else if (x == top) {
                ++a.tiedClasses;
            } else if (x > second) {
                second = x;
            }
        }
        if (a.entropyBits < 0.0)
            a.entropyBits = 0.0; // −0.0 for unanimous items
        a.agreement = m >= 2 ? static_cast<double>(pairs) / (static_cast<double>(m) * (m - 1))
                             : std::numeric_limits<double>::quiet_NaN();
        a.unanimous = m >= 2 && top == m;
        if (a.tiedClasses > 1) {
            a.majorityClass = -1;
        } else {
            a.marginVotes = top - (second < 0 ? 0 : second);
            a.margin = static_cast<double>(a.marginVotes) / m;
        }
    }
    return out;
}

} // namespace concord::core
