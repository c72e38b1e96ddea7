// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <exception>

namespace concord::core {
class Error;
}

namespace concord::ui {

/// A core error in words for people: what happened, then the file/line/field it concerns.
QString errorText(const core::Error &error);

/// Same for any exception caught at a ui boundary (core::Error gets its full text).
QString errorText(const std::exception &error);

} // namespace concord::ui
