// validation_blocks — what the held-out checks compare against: a machine's minute totals (full
// minutes only), and the totals of K machines superposed as K users of one office.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

/// Totals of the complete `block_seconds` blocks of one machine's per-second counts, in order. A
/// last, partial block is left out: its total is over fewer seconds, so a different quantity.
inline std::vector<std::uint64_t> block_totals(const std::vector<std::uint32_t>& per_second,
                                               std::size_t block_seconds) {
    std::vector<std::uint64_t> out(per_second.size() / block_seconds, 0);
    for (std::size_t b = 0; b < out.size(); ++b)
        for (std::size_t s = b * block_seconds; s < (b + 1) * block_seconds; ++s) out[b] += per_second[s];
    return out;
}

/// The machines (indices into `per_machine`) with the most complete blocks, longest first (ties in
/// input order): superposing the K longest captures keeps the longest common span.
inline std::vector<std::size_t> longest_first(const std::vector<std::vector<std::uint32_t>>& per_machine) {
    std::vector<std::size_t> idx(per_machine.size());
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t a, std::size_t b) { return per_machine[a].size() > per_machine[b].size(); });
    return idx;
}

/// Superposition of `machines` as users of one office: each capture's clock is taken relative to
/// its own first second (captures of different days and hours cannot be aligned on the wall clock),
/// and block b of the office is the sum of block b of every machine, over the blocks all of them
/// have complete.
inline std::vector<std::uint64_t> superposed_totals(const std::vector<std::vector<std::uint32_t>>& per_machine,
                                                    const std::vector<std::size_t>& machines,
                                                    std::size_t block_seconds) {
    std::size_t common = SIZE_MAX;
    for (auto k : machines) common = std::min(common, per_machine[k].size() / block_seconds);
    if (machines.empty()) common = 0;
    std::vector<std::uint64_t> out(common, 0);
    for (auto k : machines) {
        const auto t = block_totals(per_machine[k], block_seconds);
        for (std::size_t b = 0; b < common; ++b) out[b] += t[b];
    }
    return out;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
