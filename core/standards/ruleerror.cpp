// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/ruleerror.h"

#include <algorithm>

namespace concord::core {

RuleError::RuleError(ErrorCode code, int column, int length, const std::string &message, std::string expected,
                     std::string name)
    : Error(code, message, {}, column, name)
    , m_column(column)
    , m_length(std::max(length, 1))
    , m_expected(std::move(expected))
    , m_name(std::move(name))
    , m_text("rule: " + message)
{
}

} // namespace concord::core
