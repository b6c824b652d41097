// parallel_for — run body(i) for i in [0, n) on a few threads, each index exactly once. Results
// never depend on the thread count as long as body(i) writes only its own slot i and draws its
// randomness from a stream named by i (the way every parallel stage of fwsize is written).
// An exception thrown by body(i) is rethrown after all threads finish: the one of the lowest i.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace fwsize::detail {

/// Worker count for `requested` threads (0 = all cores), never more than the `n` work items.
inline unsigned worker_count(unsigned requested, std::size_t n) {
    const unsigned all = std::max(1u, std::thread::hardware_concurrency());
    const unsigned t = requested != 0 ? requested : all;
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(t, n)));
}

template <class Body>
void parallel_for(std::size_t n, unsigned threads, Body&& body) {
    std::vector<std::exception_ptr> errors(n);
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                body(i);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    const unsigned t = worker_count(threads, n);
    if (t <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(t);
        for (unsigned k = 0; k < t; ++k) pool.emplace_back(work);
        for (auto& th : pool) th.join();
    }
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

} // namespace fwsize::detail
