// One simulated user of the session simulation: arrivals per protocol from the arrival model,
// holding = duration from the holding-time model + the timer that removes the session; tallies of
// ends per second and per minute and occupancy at random instants over the observation window.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/model/holding_time_draw.hpp>
#include <fwsize/predict/detail/simulation_moments.hpp>
#include <fwsize/stats/nb2.hpp>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

/// One protocol of one posterior draw, ready to sample: its arrival and duration models and the
/// timers that can end its sessions, with their shares and horizons.
struct protocol_plan {
    model::arrival_draw arrivals;
    model::holding_time_draw holding;
    std::vector<double> timer_s;   ///< timer added after the duration
    std::vector<double> cum_share; ///< cumulative shares of those timers (last = 1)
    /// How far back an arrival of each timer class can still be in the table at time 0 (duration
    /// quantile + timer, capped): older ones are not drawn. Defines the warmup.
    std::vector<double> horizon_s;
};

/// Tallies of one user over the observation window [0, 60·minutes) seconds.
struct user_tally {
    std::vector<std::int64_t> ends_per_second;
    std::vector<std::int64_t> ends_per_minute;
    std::vector<std::int64_t> occupancy; ///< at the sampled instants
};

template <class Engine>
double draw_duration_s(const model::holding_time_draw& h, Engine& eng) {
    boost::random::uniform_01<double> unif;
    if (unif(eng) < h.p_zero) return 0.0;
    double u = unif(eng), acc = 0;
    std::size_t j = 0;
    for (; j + 1 < h.weight.size(); ++j) {
        acc += h.weight[j];
        if (u < acc) break;
    }
    return std::exp(h.mu[j] + h.sigma[j] * boost::random::normal_distribution<double>(0, 1)(eng));
}

/// Simulates one user. Arrivals start `warmup_minutes` before the window so that the sessions in
/// the table at time 0 are there (stationarity). Minutes wholly older than every horizon are drawn
/// as minute totals, NB2(60 mu, 60 phi) — exact for the count — with instants uniform in the
/// minute: only whether such an old session survives to time 0 matters, and that moves by < 1 s.
/// `instants`/`diff` are scratch buffers. `budget` (optional) is the number of sessions still
/// allowed: each drawn arrival takes one; when a minute or second would overdraw it the user
/// stops, *budget becomes -1 and the tallies are incomplete (the caller reports the draw as cut).
template <class Engine>
void simulate_user(const std::vector<protocol_plan>& plans, int warmup_minutes, int minutes, int instants_per_minute,
                   Engine& eng, user_tally& out, std::vector<double>& instants, std::vector<std::int64_t>& diff,
                   std::int64_t* budget = nullptr) {
    const auto take = [budget](std::uint64_t y) {
        if (!budget) return true;
        if (*budget < 0 || y > std::uint64_t(*budget)) return *budget = -1, false;
        *budget -= std::int64_t(y);
        return true;
    };
    const std::int64_t window_s = 60LL * minutes;
    out.ends_per_second.assign(std::size_t(window_s), 0);
    out.ends_per_minute.assign(std::size_t(minutes), 0);
    boost::random::uniform_01<double> unif;
    boost::random::normal_distribution<double> normal(0, 1);

    // The occupancy instants first: each session then adds itself to the instants it covers
    // (a difference array), so no session list is kept or sorted.
    instants.clear();
    for (int m = 0; m < minutes; ++m)
        for (int k = 0; k < instants_per_minute; ++k) instants.push_back(60.0 * (m + unif(eng)));
    std::sort(instants.begin(), instants.end());
    diff.assign(instants.size() + 1, 0);

    for (const protocol_plan& p : plans) {
        const model::arrival_draw& a = p.arrivals;
        const double min_horizon = *std::min_element(p.horizon_s.begin(), p.horizon_s.end());
        auto arrive = [&](double start) {
            std::size_t k = 0;
            if (p.timer_s.size() > 1) {
                const double u = unif(eng);
                while (k + 1 < p.cum_share.size() && u >= p.cum_share[k]) ++k;
            }
            if (start + p.horizon_s[k] < 0) return; // beyond this class's horizon: gone by time 0
            const double end = start + draw_duration_s(p.holding, eng) + p.timer_s[k];
            if (end < 0) return;
            if (end < double(window_s)) {
                const auto sec = std::size_t(end);
                ++out.ends_per_second[sec];
                ++out.ends_per_minute[sec / 60];
            }
            // Live at x when start <= x < end.
            const auto i0 = std::lower_bound(instants.begin(), instants.end(), start) - instants.begin();
            const auto i1 = std::lower_bound(instants.begin(), instants.end(), end) - instants.begin();
            ++diff[std::size_t(i0)];
            --diff[std::size_t(i1)];
        };
        // A new user: its own machine effect and, in the two-state model, idle probability.
        const double z = normal(eng);
        const double idle_p = a.two_state ? logistic(a.idle_logit_mean + a.idle_logit_sd * normal(eng)) : 0.0;
        for (int m = -warmup_minutes; m < minutes; ++m) {
            double eta = 0;
            const double e = normal(eng);
            if (a.two_state && unif(eng) < idle_p) eta = a.alpha_idle;
            else eta = a.alpha + a.sigma_machine * z + a.sigma_minute * e;
            const double mu = std::exp(eta);
            if (!std::isfinite(mu) || mu > 1e12) {
                if (budget) return void(*budget = -1); // a cut draw, reported by the caller
                throw std::invalid_argument("session simulation: arrival rate exp(" + std::to_string(eta) + ") per second is absurd");
            }
            if (!(mu > 1e-300)) continue;
            if (60.0 * (m + 1) + min_horizon < 0) {
                const std::uint64_t y = rng(stats::nb2(60 * mu, 60 * a.phi), eng);
                if (!take(y)) return;
                for (std::uint64_t i = 0; i < y; ++i) arrive(60.0 * (m + unif(eng)));
                continue;
            }
            const stats::nb2 per_second(mu, a.phi);
            for (int s = 0; s < 60; ++s) {
                const std::uint64_t y = rng(per_second, eng);
                if (!take(y)) return;
                for (std::uint64_t i = 0; i < y; ++i) arrive(60.0 * m + s + unif(eng));
            }
        }
    }
    out.occupancy.assign(instants.size(), 0);
    std::int64_t level = 0;
    for (std::size_t i = 0; i < instants.size(); ++i) out.occupancy[i] = (level += diff[i]);
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
