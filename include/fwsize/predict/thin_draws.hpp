// thin_draws — indices of at most `max_draws` posterior draws, evenly spaced over all of them
// (chains are concatenated, so even spacing keeps every chain represented).
#pragma once

#include <cstddef>
#include <vector>

namespace fwsize::predict {
inline namespace v0 {

inline std::vector<std::size_t> thin_draws(std::size_t draws, std::size_t max_draws = 500) {
    std::vector<std::size_t> idx;
    if (draws == 0 || max_draws == 0) return idx;
    const std::size_t n = draws < max_draws ? draws : max_draws;
    idx.reserve(n);
    for (std::size_t i = 0; i < n; ++i) idx.push_back(i * draws / n);
    return idx;
}

} // namespace v0
} // namespace fwsize::predict
