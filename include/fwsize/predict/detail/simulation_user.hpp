// One simulated user of the session simulation: arrivals per protocol from the arrival model,
// holding = duration from the holding-time model + the timer that removes the session; tallies of
// ends per second and per minute and occupancy at random instants over the observation window.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/model/holding_time_draw.hpp>
#include <fwsize/predict/detail/simulation_moments.hpp>
#include <fwsize/predict/detail/warmup_survivors.hpp>
#include <fwsize/stats/nb2.hpp>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

/// One protocol of one posterior draw, ready to sample: its arrival and duration models, the
/// timers that can end its sessions with their shares, and the survivors of its warmup.
struct protocol_plan {
    model::arrival_draw arrivals;
    model::holding_time_draw holding;
    std::vector<double> timer_s;   ///< timer added after the duration
    std::vector<double> cum_share; ///< cumulative shares of those timers (last = 1)
    /// How far back an arrival can still be in the table at time 0 (duration quantile + largest
    /// timer, capped, whole minutes): older ones are not drawn. Defines the warmup.
    double horizon_s = 60;
    /// E[min(holding, horizon + t)] over window instants t: a session's expected time in the
    /// simulated table (Little's law within the horizon is rate x this).
    double within_holding_s = 0;
    std::optional<warmup_survivors> warmup; ///< built once timers and horizon are set
};

/// Tallies of one user over the observation window [0, 60·minutes) seconds.
struct user_tally {
    std::vector<std::int64_t> ends_per_second;
    std::vector<std::int64_t> ends_per_minute;
    std::vector<std::int64_t> occupancy; ///< at the sampled instants
};

/// A new user's own effects for one protocol: machine effect z and, in the two-state model, the
/// probability that a minute is idle.
struct user_effects {
    double z = 0, idle_p = 0;
};

template <class Engine>
user_effects draw_user_effects(const model::arrival_draw& a, Engine& eng) {
    boost::random::normal_distribution<double> normal(0, 1);
    user_effects u;
    u.z = normal(eng);
    if (a.two_state) u.idle_p = logistic(a.idle_logit_mean + a.idle_logit_sd * normal(eng));
    return u;
}

/// This user's mean arrivals per second (its machine effect fixed, minute effects integrated out).
inline double user_rate_per_second(const model::arrival_draw& a, const user_effects& u) {
    const double active = std::exp(a.alpha + a.sigma_machine * u.z + 0.5 * a.sigma_minute * a.sigma_minute);
    return a.two_state ? u.idle_p * std::exp(a.alpha_idle) + (1 - u.idle_p) * active : active;
}

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

/// Simulates one user whose effects are `effects[p]` for plans[p]. Window arrivals are drawn per
/// second, NB2(mu, phi); the table at time 0 is filled by the warmup survivors (warmup_survivors:
/// per second for ages under 10 minutes, per minute beyond, where totals are NB2(60 mu, 60 phi)
/// and an arrival's instant is uniform in its minute — its survival moves by < 1 s of age).
/// `instants`/`diff` are scratch buffers. `budget` (optional) is the number of sessions still
/// allowed: each window arrival and warmup candidate takes one; when a draw would overdraw it the
/// user stops, *budget becomes -1 and the tallies are incomplete (the caller drops the user).
template <class Engine>
void simulate_user(const std::vector<protocol_plan>& plans, const std::vector<user_effects>& effects, int minutes,
                   int instants_per_minute, Engine& eng, user_tally& out, std::vector<double>& instants,
                   std::vector<std::int64_t>& diff, std::int64_t* budget = nullptr) {
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
    // A session live on [start, end): its end in the window is a log line.
    const auto record = [&](double start, double end) {
        if (end < 0) return;
        if (end < double(window_s)) {
            const auto sec = std::size_t(end);
            ++out.ends_per_second[sec];
            ++out.ends_per_minute[sec / 60];
        }
        const auto i0 = std::lower_bound(instants.begin(), instants.end(), start) - instants.begin();
        const auto i1 = std::lower_bound(instants.begin(), instants.end(), end) - instants.begin();
        ++diff[std::size_t(i0)];
        --diff[std::size_t(i1)];
    };

    for (std::size_t pi = 0; pi < plans.size(); ++pi) {
        const protocol_plan& p = plans[pi];
        const model::arrival_draw& a = p.arrivals;
        const user_effects& ue = effects[pi];
        const auto draw_class = [&] {
            std::size_t k = 0;
            if (p.timer_s.size() > 1) {
                const double u = unif(eng);
                while (k + 1 < p.cum_share.size() && u >= p.cum_share[k]) ++k;
            }
            return k;
        };
        const auto minute_mu = [&](double& mu) {
            const double e = normal(eng);
            const double eta = a.two_state && unif(eng) < ue.idle_p
                                   ? a.alpha_idle
                                   : a.alpha + a.sigma_machine * ue.z + a.sigma_minute * e;
            mu = std::exp(eta);
            if (std::isfinite(mu) && mu <= 1e12) return true;
            if (budget) return *budget = -1, false; // dropped by the caller
            throw std::invalid_argument("session simulation: arrival rate exp(" + std::to_string(eta) +
                                        ") per second is absurd");
        };
        // Warmup: the survivors of each minute of ages, oldest first.
        const warmup_survivors& w = *p.warmup;
        for (int am = w.minutes() - 1; am >= 0; --am) {
            double mu = 0;
            if (!minute_mu(mu)) return;
            if (!(mu > 1e-300)) continue;
            const double bound = w.bound(am);
            const auto candidates_of = [&](std::uint64_t y, double age0, double width) {
                if (y == 0 || !(bound > 0)) return true;
                const auto c = boost::random::binomial_distribution<std::int64_t, double>(std::int64_t(y),
                                                                                          std::min(bound, 1.0))(eng);
                if (!take(std::uint64_t(c))) return false;
                for (std::int64_t i = 0; i < c; ++i) {
                    const double age = age0 + width * unif(eng);
                    const double h = w.draw_candidate(am, age, eng);
                    if (h > 0) record(-age, h - age);
                }
                return true;
            };
            if (am < 10) {
                const stats::nb2 per_second(mu, a.phi);
                for (int s = 0; s < 60; ++s)
                    if (!candidates_of(rng(per_second, eng), 60.0 * am + s, 1.0)) return;
            } else if (!candidates_of(rng(stats::nb2(60 * mu, 60 * a.phi), eng), 60.0 * am, 60.0)) {
                return;
            }
        }
        // The window, second by second.
        for (int m = 0; m < minutes; ++m) {
            double mu = 0;
            if (!minute_mu(mu)) return;
            if (!(mu > 1e-300)) continue;
            const stats::nb2 per_second(mu, a.phi);
            for (int s = 0; s < 60; ++s) {
                const std::uint64_t y = rng(per_second, eng);
                if (!take(y)) return;
                for (std::uint64_t i = 0; i < y; ++i) {
                    const double start = 60.0 * m + s + unif(eng);
                    const std::size_t k = draw_class();
                    record(start, start + draw_duration_s(p.holding, eng) + p.timer_s[k]);
                }
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
