// size_job_curves — the report's comparison curves: Kaplan–Meier of observed session durations
// against the holding-time model's survival (posterior median and band), and a machine's observed
// session-table occupancy against the simulated one-user occupancy.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fwsize/model/holding_time_draw.hpp>
#include <fwsize/model/holding_time_fit.hpp>
#include <fwsize/predict/detail/size_job_replay.hpp>
#include <fwsize/predict/posterior_interval.hpp>
#include <fwsize/predict/session_simulation.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

/// P(duration > t) of one draw: the zero mass never exceeds t > 0.
inline double duration_survival(const model::holding_time_draw& h, double t) {
    if (t <= 0) return 1.0;
    double s = 0;
    for (std::size_t k = 0; k < h.weight.size(); ++k)
        s += h.weight[k] * 0.5 * std::erfc((std::log(t) - h.mu[k]) / (h.sigma[k] * std::sqrt(2.0)));
    return (1 - h.p_zero) * s;
}

inline report::holding_time_curves holding_curves(const model::holding_time_data& data,
                                                  const std::vector<model::holding_time_draw>& draws) {
    report::holding_time_curves c;
    c.protocol = data.protocol;
    c.sessions = data.sessions.size();
    auto obs = data.sessions;
    // Events before censorings at equal times (a censored session was at risk at that time).
    std::sort(obs.begin(), obs.end(), [](const auto& a, const auto& b) {
        return a.seconds < b.seconds || (a.seconds == b.seconds && !a.censored && b.censored);
    });
    double s = 1, longest = 1;
    std::size_t at_risk = obs.size();
    c.km_time_s.push_back(0);
    c.km_survival.push_back(1);
    for (std::size_t i = 0; i < obs.size();) {
        const double t = obs[i].seconds;
        std::size_t events = 0, leaving = 0;
        for (; i < obs.size() && obs[i].seconds == t; ++i, ++leaving) events += !obs[i].censored;
        c.censored += leaving - events;
        if (events > 0 && at_risk > 0) {
            s *= 1.0 - double(events) / double(at_risk);
            if (t == c.km_time_s.back()) c.km_survival.back() = s;
            else c.km_time_s.push_back(t), c.km_survival.push_back(s);
        }
        at_risk -= leaving;
        longest = std::max(longest, t);
    }
    if (draws.empty()) return c;
    constexpr int points = 60;
    const double lo = 0.01, hi = 2 * longest;
    for (int i = 0; i < points; ++i) {
        const double t = lo * std::pow(hi / lo, double(i) / (points - 1));
        std::vector<double> v;
        v.reserve(draws.size());
        for (const auto& d : draws) v.push_back(duration_survival(d, t));
        const auto ci = summarise_draws(std::move(v), c.credible_level);
        c.model_time_s.push_back(t);
        c.model_median.push_back(ci.median);
        c.model_lo.push_back(ci.lo);
        c.model_hi.push_back(ci.hi);
    }
    return c;
}

/// The pooled one-user occupancy PMF over the simulated draws (mass beyond the window in
/// `neglected`), and a pointwise 90 % band of its survival P(occupancy > x) over draws. Memory is
/// bounded whatever the draws: the PMFs are already capped (session_simulation_settings), and
/// the band's quantiles are taken on at most `grid_points` values of x (one vector of draws at a
/// time), then held constant up to the next grid point.
struct pooled_occupancy {
    std::vector<double> pmf, survival_lo, survival_hi;
    double mean = 0, neglected = 0;
};

inline pooled_occupancy pool_occupancy(const std::vector<session_simulation_result>& sims,
                                       std::size_t grid_points = 256) {
    pooled_occupancy out;
    if (sims.empty()) return out;
    std::size_t len = 0, simulated = 0;
    for (const auto& s : sims) len = std::max(len, s.occupancy_pmf.size()), simulated += !s.cut;
    const double nd = double(sims.size());
    out.pmf.assign(len, 0.0);
    for (const auto& s : sims) {
        for (std::size_t k = 0; k < s.occupancy_pmf.size(); ++k) out.pmf[k] += s.occupancy_pmf[k] / nd;
        out.neglected += s.occupancy_neglected / nd;
        if (!s.cut) out.mean += s.mean_occupancy / double(simulated); // cut draws have no simulated mean
    }
    if (len == 0) return out;
    std::vector<std::size_t> grid; // x values, increasing, the first 0
    const std::size_t step = std::max<std::size_t>(1, (len + grid_points - 1) / std::max<std::size_t>(grid_points, 1));
    for (std::size_t k = 0; k < len; k += step) grid.push_back(k);
    // Per draw, survival at the grid points: one cumulative pass per draw, draws x grid doubles.
    std::vector<double> at(grid.size() * sims.size());
    for (std::size_t d = 0; d < sims.size(); ++d) {
        const auto& p = sims[d].occupancy_pmf;
        double below = 0; // P(occupancy <= k)
        std::size_t k = 0;
        for (std::size_t g = 0; g < grid.size(); ++g) {
            for (; k <= grid[g]; ++k) below += k < p.size() ? p[k] : 0.0;
            at[g * sims.size() + d] = std::max(0.0, 1.0 - below);
        }
    }
    out.survival_lo.resize(len), out.survival_hi.resize(len);
    for (std::size_t g = 0; g < grid.size(); ++g) {
        const auto ci = summarise_draws(std::vector<double>(at.begin() + std::ptrdiff_t(g * sims.size()),
                                                            at.begin() + std::ptrdiff_t((g + 1) * sims.size())),
                                        0.9);
        for (std::size_t k = grid[g]; k < std::min(len, grid[g] + step); ++k)
            out.survival_lo[k] = ci.lo, out.survival_hi[k] = ci.hi;
    }
    return out;
}

inline report::occupancy_comparison compare_occupancy(const observed_machine& m, const pooled_occupancy& p) {
    report::occupancy_comparison c;
    c.machine = m.machine;
    c.observed_pmf = m.occupancy_pmf;
    c.observed_mean = m.occupancy_mean;
    c.predicted_pmf = p.pmf;
    c.predicted_lo = p.survival_lo;
    c.predicted_hi = p.survival_hi;
    c.predicted_mean = p.mean;
    return c;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
