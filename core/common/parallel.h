// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"

#include <cstddef>
#include <functional>
#include <string_view>

namespace concord::core {

/// How parallelFor runs its work.
struct ParallelOptions
{
    /// Threads, the calling thread included; 0 means std::thread::hardware_concurrency().
    /// Never more than there are items.
    unsigned threads = 0;
    /// Called after each item that finished without throwing, with done = 1, 2, … total in
    /// that order: the calls are serialised (one at a time), but they come from the worker
    /// threads. Returning false cancels, as everywhere (progress.h); it is not called again
    /// after that.
    ProgressFn progress;
    /// The `what` passed to progress...
    std::string_view what;
    /// …or, when set, the `what` of the item that just finished (an image's path).
    std::function<std::string_view(std::size_t index)> whatOf;
};

/// The number of workers parallelFor uses for `count` items: the requested threads (0: the
/// hardware's), at least 1, at most `count`. Size per-worker scratch space with it.
std::size_t parallelWorkers(unsigned threads, std::size_t count);

/// The body of a parallel loop: item `index` in [0, count), run by worker `worker` in
/// [0, parallelWorkers()). A worker runs one item at a time, so per-worker scratch space
/// indexed by `worker` needs no lock.
using ParallelBody = std::function<void(std::size_t index, std::size_t worker)>;

/// Runs body(i, worker) once for every i in [0, count) on parallelWorkers(options.threads,
/// count) threads: the calling thread and std::jthreads started for the call, which take the
/// next index from a shared counter (items start in index order, finish in any order).
/// Results written by index do not depend on the number of threads.
///
/// When a body (or the progress callback) throws anything, whatever its type, no further item
/// is started, the items already running finish, every thread is joined and the first
/// exception is rethrown on the calling thread. When progress returns false, the same happens
/// without an exception and parallelFor returns false (the caller throws
/// Error(ErrorCode::Cancelled) with its own words). Returns true when every item ran.
/// An exception wins over a cancel. Threads that cannot be started leave their share to the
/// others.
[[nodiscard]] bool parallelFor(std::size_t count, const ParallelBody &body, const ParallelOptions &options = {});

} // namespace concord::core
