// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace concord::core {

class ItemCounts;

/// How contested one item is: what the lead sorts by to find the items worth a standard.
struct ItemAgreement
{
    std::int32_t responses = 0; ///< m_i, repeats included
    /// Fleiss' P_i: share of agreeing response pairs; NaN with fewer than two responses.
    double agreement = 0.0;
    bool unanimous = false;          ///< ≥ 2 responses, all in one class
    std::int32_t majorityClass = -1; ///< −1 when the top count is tied or there is no response
    std::int32_t tiedClasses = 0;    ///< classes sharing the top count (1 = a clear winner)
    std::int32_t marginVotes = 0;    ///< top count − runner-up count (0 on a tie)
    double margin = 0.0;             ///< marginVotes / m_i
    double entropyBits = 0.0;        ///< −sum_k p_k log2 p_k of the vote shares
};

/// One ItemAgreement per item.
std::vector<ItemAgreement> itemAgreement(const ItemCounts &counts);

} // namespace concord::core
