// posterior_predictive — checks of a fitted arrival model per machine: replicate each machine's
// capture (same length) from posterior draws with *fresh* minute effects (and, two-state, fresh
// idle/active states) — so the check tests the minute model, not just the fitted minutes — and
// compare the observed statistic with its predictive 90 % interval.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fwsize/mcmc/chain_rng.hpp>
#include <fwsize/model/arrival_draws.hpp>
#include <fwsize/model/count_data.hpp>
#include <fwsize/model/simulate_arrivals.hpp>

namespace fwsize::model {
inline namespace v0 {

/// Statistics compared, in output order.
inline const std::vector<std::string>& ppc_statistics() {
    static const std::vector<std::string> s{"mean", "variance",        "zero_share",
                                            "p99",  "minute_total_sd", "minute_total_max"};
    return s;
}

struct ppc_row {
    std::string series, machine, statistic;
    double observed = 0, predicted_mean = 0, q05 = 0, q50 = 0, q95 = 0;
    bool inside = false; ///< q05 <= observed <= q95
};

namespace detail {
inline double quantile_sorted(const std::vector<double>& s, double p) { // type 7
    const double h = (static_cast<double>(s.size()) - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, s.size() - 1);
    return s[lo] + (h - static_cast<double>(lo)) * (s[hi] - s[lo]);
}
/// The statistics of ppc_statistics() of one machine's per-second counts.
inline std::vector<double> count_statistics(const std::vector<std::uint32_t>& y, std::uint32_t block) {
    const double n = static_cast<double>(y.size());
    double s = 0, s2 = 0, zeros = 0;
    for (auto v : y) {
        s += v;
        s2 += double(v) * v;
        zeros += v == 0;
    }
    const double mean = s / n, var = y.size() > 1 ? (s2 - n * mean * mean) / (n - 1) : 0;
    std::vector<std::uint32_t> sorted = y;
    const auto r = static_cast<std::size_t>(std::ceil(0.99 * n)) - 1; // nearest rank
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(r), sorted.end());
    std::vector<double> tot;
    for (std::size_t t0 = 0; t0 < y.size(); t0 += block) {
        double m = 0;
        for (std::size_t t = t0; t < std::min(y.size(), t0 + block); ++t) m += y[t];
        tot.push_back(m);
    }
    double tm = 0, tv = 0;
    for (double v : tot) tm += v;
    tm /= static_cast<double>(tot.size());
    for (double v : tot) tv += (v - tm) * (v - tm);
    const double tsd = tot.size() > 1 ? std::sqrt(tv / static_cast<double>(tot.size() - 1)) : 0;
    return {mean, var, zeros / n, double(sorted[r]), tsd, *std::max_element(tot.begin(), tot.end())};
}
} // namespace detail

/// Posterior predictive checks of every machine of `data` under the fitted draws (one per draw).
inline std::vector<ppc_row> posterior_predictive(const count_data& data, const std::vector<fitted_draw>& draws,
                                                 std::uint64_t seed) {
    std::vector<ppc_row> rows;
    const auto& names = ppc_statistics();
    for (std::size_t k = 0; k < data.counts.size(); ++k) {
        // a stream per machine, from (seed, machine) only
        auto eng = mcmc::make_chain_rng(seed, 10000 + static_cast<int>(k));
        const auto obs = detail::count_statistics(data.counts[k], data.seconds_per_block);
        std::vector<std::vector<double>> rep(names.size());
        for (const auto& d : draws) {
            if (k >= d.machines.size()) break;
            const auto y = simulate_machine(d.hyper, d.machines[k], data.counts[k].size(), data.seconds_per_block, eng);
            const auto st = detail::count_statistics(y, data.seconds_per_block);
            for (std::size_t s = 0; s < names.size(); ++s) rep[s].push_back(st[s]);
        }
        for (std::size_t s = 0; s < names.size(); ++s) {
            auto& v = rep[s];
            if (v.empty()) continue;
            std::sort(v.begin(), v.end());
            ppc_row r;
            r.series = data.series;
            r.machine = data.machine_ids[k];
            r.statistic = names[s];
            r.observed = obs[s];
            for (double x : v) r.predicted_mean += x / static_cast<double>(v.size());
            r.q05 = detail::quantile_sorted(v, 0.05);
            r.q50 = detail::quantile_sorted(v, 0.5);
            r.q95 = detail::quantile_sorted(v, 0.95);
            r.inside = r.q05 <= r.observed && r.observed <= r.q95;
            rows.push_back(std::move(r));
        }
    }
    return rows;
}

} // namespace v0
} // namespace fwsize::model
