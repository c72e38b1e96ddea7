// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stop_token>
#include <system_error>
#include <thread>
#include <vector>

namespace concord::core {

std::size_t parallelWorkers(unsigned threads, std::size_t count)
{
    const std::size_t wanted = threads > 0 ? threads : std::max(1U, std::thread::hardware_concurrency());
    return std::clamp<std::size_t>(wanted, 1, std::max<std::size_t>(count, 1));
}

bool parallelFor(std::size_t count, const ParallelBody &body, const ParallelOptions &options)
{
    if (count == 0)
        return true;
    std::atomic<std::size_t> next{0};
    std::stop_source stop;  // shared by every worker: set on the first error or on cancel
    bool cancelled = false; // guarded by progressMutex, read after the joins
    std::mutex failureMutex;
    std::exception_ptr failure;
    std::mutex progressMutex;
    std::size_t done = 0; // guarded by progressMutex

    // Nothing may leave a worker: an exception escaping a thread's function calls
    // std::terminate. catch (...) keeps every type, including ones that are not std::exception.
    const auto work = [&](std::size_t worker) noexcept {
        while (!stop.stop_requested()) {
            const std::size_t i = next.fetch_add(1);
            if (i >= count)
                return;
            try {
                body(i, worker);
                if (options.progress) {
                    const std::lock_guard lock(progressMutex);
                    if (!cancelled) { // no call after the one that said stop
                        ++done;
                        const std::string_view what = options.whatOf ? options.whatOf(i) : options.what;
                        if (!options.progress(done, count, what)) {
                            cancelled = true;
                            stop.request_stop();
                        }
                    }
                }
            } catch (...) {
                const std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                stop.request_stop();
            }
        }
    };

    const std::size_t workers = parallelWorkers(options.threads, count);
    {
        std::vector<std::jthread> pool; // joined when the block ends, whatever happens in it
        pool.reserve(workers - 1);
        for (std::size_t w = 1; w < workers; ++w) {
            try {
                pool.emplace_back(work, w);
            } catch (const std::system_error &) {
                break; // out of threads: the ones running and this one share the work
            } catch (...) {
                stop.request_stop(); // the pool's destructor joins the ones started
                throw;
            }
        }
        work(0);
    }
    if (failure)
        std::rethrow_exception(failure);
    return !cancelled;
}

} // namespace concord::core
