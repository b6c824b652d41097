// parallel_for_ordered — parallel_for whose items also have an in-order step: body(i) runs on any
// worker, then in_order(i) runs for i = 0, 1, ... in turn, each as soon as body(0..i) are done,
// never two at once. The in-order steps (merging chunk scans, writing formatted blocks) overlap
// the bodies of later items instead of waiting for all of them, whichever worker finds the next
// item ready taking the step.
//
// When body(i) throws, in_order runs for no item from i on, and the exception is rethrown after
// all workers finish (parallel_for's rule: the lowest failing index). When in_order(i) throws, no
// later in_order runs and its exception is rethrown, after any of a body's.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <vector>

#include <fwsize/detail/parallel_for.hpp>

namespace fwsize::detail {

template <class Body, class InOrder>
void parallel_for_ordered(std::size_t n, unsigned threads, Body&& body, InOrder&& in_order) {
    std::vector<std::atomic<bool>> done(n);
    std::atomic<std::size_t> next{0}; // the next item for in_order; n when stopped
    std::mutex stepping;
    std::exception_ptr step_error;
    const auto ready = [&] {
        const std::size_t m = next;
        return m < n && done[m];
    };
    const auto step_ready = [&] { // holding `stepping`
        while (ready()) {
            const std::size_t m = next;
            try {
                in_order(m);
                next = m + 1;
            } catch (...) {
                step_error = std::current_exception();
                next = n;
            }
        }
    };
    parallel_for(n, threads, [&](std::size_t i) {
        body(i);
        done[i] = true;
        while (ready() && stepping.try_lock()) {
            const std::lock_guard<std::mutex> held(stepping, std::adopt_lock);
            step_ready();
        }
    });
    // What a worker left between its last look and its return (all workers have joined).
    step_ready();
    if (step_error) std::rethrow_exception(step_error);
}

} // namespace fwsize::detail
