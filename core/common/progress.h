// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace concord::core {

/// Progress report for long work (import, clustering, export). Called from worker threads,
/// possibly concurrently: the callee must be thread-safe (the ui marshals to the GUI thread).
/// Returning false asks the operation to stop; it then throws Error(ErrorCode::Cancelled) after
/// leaving the project unchanged.
using ProgressFn = std::function<bool(std::size_t done, std::size_t total, std::string_view what)>;

/// Helper: call `fn` when set, otherwise keep going.
inline bool reportProgress(const ProgressFn &fn, std::size_t done, std::size_t total, std::string_view what = {})
{
    return fn ? fn(done, total, what) : true;
}

} // namespace concord::core
