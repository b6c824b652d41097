// validation_predictive — the pooled posterior predictive of a block total (a minute's count) of
// N new users, on the window of counts the held-out data needs.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/predict/eta_mixture.hpp>
#include <fwsize/predict/mixed_nb2_pmf.hpp>
#include <fwsize/predict/n_user_pmf.hpp>
#include <fwsize/predict/truncated_pmf.hpp>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

/// A new user's total over one block of `seconds` seconds, for one draw. The model's seconds of a
/// block share mu = exp(eta) and are iid NB2(mu, phi) given it, and a sum of n iid NB2(mu, phi) is
/// NB2(n mu, n phi); so the block total is the same eta mixture shifted by log n, with shape n phi.
/// In the two-state model the idle/active state is a block's, so its weights carry over unchanged.
inline eta_mixture block_total_mixture(const model::arrival_draw& d, std::uint32_t seconds) {
    if (seconds == 0) throw std::invalid_argument("block_total_mixture: a block has at least one second");
    auto m = new_user_mixture(d);
    const double n = static_cast<double>(seconds);
    for (auto& part : m.parts) part.mean += std::log(n);
    m.phi *= n; // +inf (Poisson) stays +inf
    return m;
}

/// Mean over `draws` of the PMF of the block total of `users` iid new users, on 0..window-1; the
/// mass beyond (the pooled `neglected`) is what lies above every observed count. Exact on the
/// window: a sum of users' counts is <= window - 1 only if every term is, so truncating the
/// one-user PMF at the window loses nothing there.
inline truncated_pmf pooled_block_pmf(const std::vector<model::arrival_draw>& draws, std::size_t window,
                                      std::uint32_t seconds, std::int64_t users) {
    if (draws.empty()) throw std::invalid_argument("pooled_block_pmf: no posterior draws");
    if (window == 0 || users < 1) throw std::invalid_argument("pooled_block_pmf: empty window or no users");
    truncated_pmf pooled;
    pooled.p.assign(window, 0.0);
    mixed_pmf_options opt;
    opt.tail_tolerance = 1e-12;
    opt.max_length = window;
    const double w = 1.0 / static_cast<double>(draws.size());
    const std::int64_t n_users[] = {users};
    for (const auto& d : draws) {
        const truncated_pmf one = mixed_nb2_pmf(block_total_mixture(d, seconds), opt);
        if (users == 1) {
            for (std::size_t k = 0; k < std::min(window, one.p.size()); ++k) pooled.p[k] += w * one.p[k];
            continue;
        }
        const n_user_pmfs many = n_user_pmf(one, n_users);
        const std::size_t top = std::min(window, many.fft_length);
        for (std::size_t k = 0; k < top; ++k) pooled.p[k] += w * many.pmf(0, k);
    }
    double sum = 0;
    for (std::size_t k = pooled.p.size(); k-- > 0;) sum += pooled.p[k];
    pooled.neglected = std::max(0.0, 1.0 - sum);
    return pooled;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
