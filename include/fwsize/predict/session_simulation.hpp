// session_simulation — per posterior draw, the one-user distributions of log lines per minute (a
// minute total of session ends) and of session-table occupancy at a random instant, by simulating
// users' sessions: arrivals from the arrival model, holding = duration from the holding-time model
// + the timer that removes the session (docs/timers.md, "Simulation"). The N-user distributions
// follow by the FFT power of these PMFs, as for new sessions per second.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/seed_seq.hpp>

#include <fwsize/flow/session_table.hpp>
#include <fwsize/flow/timer_profile.hpp>
#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/model/holding_time_draw.hpp>
#include <fwsize/predict/detail/simulation_moments.hpp>
#include <fwsize/predict/detail/simulation_user.hpp>

namespace fwsize::predict {
inline namespace v0 {

/// Which timer removes a TCP session after its active duration, as shares (normalised on use).
/// time_wait: closed by FIN from both sides or RST; half_closed: one FIN and silence; idle: no
/// close, the established idle timer; handshake: a SYN never answered.
struct tcp_end_mix {
    double time_wait = 1, half_closed = 0, idle = 0, handshake = 0;
};

/// The mix observed in a replay: ended TCP sessions by end reason (replaced counts as time-wait).
/// Censored sessions are left out. Falls back to all-time-wait when no TCP session ended.
inline tcp_end_mix observed_tcp_end_mix(const flow::session_replay& r) {
    using R = flow::session_end_reason;
    const auto tcp = io::transport::tcp;
    const double tw = double(r.count(R::fin, tcp) + r.count(R::rst, tcp) + r.count(R::replaced, tcp));
    tcp_end_mix m{tw, double(r.count(R::half_closed, tcp)), double(r.count(R::idle, tcp)),
                  double(r.count(R::handshake, tcp))};
    if (m.time_wait + m.half_closed + m.idle + m.handshake == 0) return {};
    return m;
}

/// One protocol of one posterior draw.
struct protocol_draw {
    model::arrival_draw arrivals;
    model::holding_time_draw holding; ///< active duration (seconds), before the timer
};

struct session_simulation_input {
    std::optional<protocol_draw> tcp, udp; ///< nullopt: the protocol was not captured, not simulated
    flow::timer_profile timers = flow::fortigate_profile();
    tcp_end_mix tcp_ends;
};

struct session_simulation_settings {
    std::uint64_t seed = 42;
    std::uint64_t stream = 0; ///< e.g. the posterior draw index: each (seed, stream, user) has its own engine
    int users = 64;           ///< independent new users (each its own machine effect)
    int minutes = 60;         ///< observed minutes per user, after the warmup
    int instants_per_minute = 1;
    /// Warmup: an arrival is drawn when it is younger than this quantile of the duration plus
    /// the largest timer (at least 60 s, at most max_warmup_s); the neglected mass is reported.
    /// Only its survivors are simulated (detail::warmup_survivors), so a long warmup is cheap.
    double warmup_quantile = 0.999;
    double max_warmup_s = 48 * 3600;
    /// Memory and time bounds, whatever the posterior draw (a draw near its prior can ask for
    /// 10^7 sessions in the table). Counts at or beyond max_pmf_length are not binned but
    /// counted as the PMF's neglected mass. Each user may simulate max_sessions / users
    /// sessions (window arrivals + warmup candidates, expected from its own machine effect): a
    /// user over it is simulated for fewer minutes (`users_shortened`; its minutes weigh more,
    /// so each user keeps weight 1 / users); one that cannot afford a single minute, or that
    /// overdraws 10 x its share as drawn, is dropped (`users_cut`) and its weight counts as
    /// beyond every PMF window. Both are reported, never hidden.
    std::size_t max_pmf_length = std::size_t{1} << 18;
    std::int64_t max_sessions = 100'000'000;
};

struct session_simulation_result {
    std::vector<double> log_lines_per_minute_pmf; ///< minute totals of session ends, index = lines
    /// The seed's recipe, named as such: 60 × the session ends of one second (mass only on
    /// multiples of 60). Kept to show how it misstates the tail; not a prediction.
    std::vector<double> seed_literal_log_lines_per_minute_pmf;
    std::vector<double> occupancy_pmf;  ///< sessions in the table at a random instant
    double arrival_rate_per_second = 0; ///< closed form, both protocols
    double mean_holding_s = 0;          ///< closed form, arrival-weighted over protocols
    double little_occupancy = 0;        ///< Little's law: Σ_protocol rate × mean holding
    /// Little's law for what the simulation represents: arrivals older than a class's warmup
    /// horizon are not drawn, so a session is counted for at most horizon + t at instant t
    /// (rate × E[min(holding, horizon + t)], averaged over the window). With holding-time tails
    /// beyond the horizon (a grid mixture up to days on captures of minutes) it is below
    /// little_occupancy; the simulated mean must match this one within Monte Carlo error.
    double little_occupancy_within_horizon = 0;
    double mean_occupancy = 0, mean_occupancy_se = 0; ///< simulated; s.e. from the spread across users
    /// Simulated minus expected occupancy given each simulated user's own effects (its rate x
    /// the within-horizon holding), averaged over the users simulated, and its s.e.: a sharper
    /// check than little_occupancy_within_horizon, free of the spread between users (heavy when
    /// sigma_machine is large) and of the users dropped.
    double occupancy_residual = 0, occupancy_residual_se = 0;
    double mean_log_lines_per_minute = 0, mean_log_lines_per_minute_se = 0;
    double warmup_s = 0;
    double holding_mass_beyond_warmup = 0; ///< P(duration > horizon - timer), max over classes (bias bound)
    std::int64_t users = 0, minutes_per_user = 0, occupancy_samples = 0;
    /// P(count >= max_pmf_length) of each PMF above (1 for every PMF of a cut draw).
    double log_lines_neglected = 0, seed_literal_neglected = 0, occupancy_neglected = 0;
    /// Users dropped / simulated for fewer minutes than asked (the settings say when).
    std::int64_t users_cut = 0, users_shortened = 0;
    bool cut = false;             ///< every user dropped: nothing simulated
    double expected_sessions = 0; ///< sum over users of their expected window arrivals + warmup candidates
};

namespace detail {

/// E[min(D, c)] of a holding draw's duration D (zero mass + log-normal mixture).
inline double duration_mean_below(const model::holding_time_draw& h, double c) {
    if (!(c > 0)) return 0;
    double m = 0;
    const double lc = std::log(c);
    for (std::size_t j = 0; j < h.weight.size(); ++j) {
        const double mu = h.mu[j], sg = h.sigma[j];
        const double phi_a = 0.5 * std::erfc(-(lc - mu - sg * sg) / (sg * std::sqrt(2.0)));
        const double tail = 0.5 * std::erfc((lc - mu) / (sg * std::sqrt(2.0)));
        m += h.weight[j] * (std::exp(mu + 0.5 * sg * sg) * phi_a + c * tail);
    }
    return (1 - h.p_zero) * m;
}

inline boost::random::mt19937_64 simulation_engine(std::uint64_t seed, std::uint64_t stream, std::uint64_t user) {
    auto mix = [](std::uint64_t x) {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    };
    const std::uint64_t a = mix(seed ^ 0x53455353494f4e53ULL), b = mix(a ^ mix(stream)), c = mix(b ^ mix(~user));
    boost::random::seed_seq seq{std::uint32_t(a),       std::uint32_t(a >> 32), std::uint32_t(b),
                                std::uint32_t(b >> 32), std::uint32_t(c),       std::uint32_t(c >> 32)};
    return boost::random::mt19937_64(seq);
}

inline void require_finite_timer(double s, const char* name, const flow::timer_profile& p) {
    if (!std::isfinite(s))
        throw std::invalid_argument("session simulation: timer profile '" + p.name + "' has no " + name +
                                    " timer, so such sessions never leave the table; choose a firewall profile "
                                    "(fortigate, paloalto) or set the timer");
}

/// A weighted histogram of counts below a cap and the weight of counts at or beyond it (bounded
/// memory). Weights let each simulated user count once whatever its number of minutes.
struct capped_histogram {
    std::vector<double> bins;
    double beyond = 0;
    std::size_t cap = 0;

    void add(std::int64_t value, double weight) {
        if (std::size_t(value) >= cap) return void(beyond += weight);
        if (std::size_t(value) >= bins.size()) bins.resize(std::size_t(value) + 1, 0.0);
        bins[std::size_t(value)] += weight;
    }
    /// The PMF on 0..bins.size()-1 (at least {0}); `neglected` = share of weight at or beyond the cap.
    std::vector<double> normalised(double& neglected) const {
        double total = beyond;
        for (auto h : bins) total += h;
        std::vector<double> p(std::max<std::size_t>(bins.size(), 1), 0.0);
        for (std::size_t i = 0; i < bins.size(); ++i) p[i] = total > 0 ? double(bins[i]) / total : 0.0;
        neglected = total > 0 ? double(beyond) / total : 0.0;
        return p;
    }
};

} // namespace detail

/// Simulates `settings.users` new users of one posterior draw; deterministic given (seed, stream).
inline session_simulation_result simulate_sessions(const session_simulation_input& in,
                                                   const session_simulation_settings& settings = {}) {
    if (settings.users < 2 || settings.minutes < 1 || settings.instants_per_minute < 1)
        throw std::invalid_argument("session simulation: need users >= 2, minutes >= 1, instants_per_minute >= 1");
    const flow::timer_profile& tp = in.timers;
    std::vector<detail::protocol_plan> plans;
    session_simulation_result res;
    double lambda_holding = 0;
    auto add_plan = [&](const protocol_draw& d, bool tcp) {
        detail::validate(d.holding, tcp ? "tcp" : "udp");
        detail::protocol_plan p{d.arrivals, d.holding, {}, {}, 60.0, 0.0, std::nullopt};
        if (tcp) {
            const tcp_end_mix& m = in.tcp_ends;
            const double total = m.time_wait + m.half_closed + m.idle + m.handshake;
            if (!(total > 0) || m.time_wait < 0 || m.half_closed < 0 || m.idle < 0 || m.handshake < 0)
                throw std::invalid_argument("session simulation: TCP end mix needs non-negative shares, not all zero");
            const std::pair<double, double> parts[] = {{m.time_wait, tp.tcp_time_wait_s},
                                                       {m.half_closed, tp.tcp_half_closed_s},
                                                       {m.idle, tp.tcp_idle_s},
                                                       {m.handshake, tp.tcp_handshake_s}};
            const char* names[] = {"TCP time-wait", "TCP half-closed", "TCP idle", "TCP handshake"};
            double acc = 0;
            for (int k = 0; k < 4; ++k) {
                if (parts[k].first <= 0) continue;
                detail::require_finite_timer(parts[k].second, names[k], tp);
                acc += parts[k].first / total;
                p.timer_s.push_back(parts[k].second);
                p.cum_share.push_back(acc);
            }
            p.cum_share.back() = 1.0;
        } else {
            detail::require_finite_timer(tp.udp_idle_s, "UDP idle", tp);
            p.timer_s = {tp.udp_idle_s};
            p.cum_share = {1.0};
        }
        double mean_timer = 0, prev = 0;
        const double q_duration = detail::duration_quantile_s(d.holding, settings.warmup_quantile);
        const double max_timer = *std::max_element(p.timer_s.begin(), p.timer_s.end());
        p.horizon_s = 60.0 * std::ceil(std::min(settings.max_warmup_s, std::max(60.0, q_duration + max_timer)) / 60.0);
        res.warmup_s = std::max(res.warmup_s, p.horizon_s);
        for (std::size_t k = 0; k < p.timer_s.size(); ++k) {
            mean_timer += (p.cum_share[k] - prev) * p.timer_s[k];
            prev = p.cum_share[k];
            // What the horizon misses: P(duration > horizon - timer).
            res.holding_mass_beyond_warmup =
                std::max(res.holding_mass_beyond_warmup,
                         1 - detail::duration_cdf(d.holding, std::max(0.0, p.horizon_s - p.timer_s[k])));
        }
        const double rate = detail::mean_arrival_rate_per_second(d.arrivals);
        res.arrival_rate_per_second += rate;
        lambda_holding += rate * (detail::mean_duration_s(d.holding) + mean_timer);
        // E[min(D + T, horizon + t)] = T + E[min(D, horizon + t - T)] (horizon >= 60 s), t over the window.
        constexpr int nodes = 32;
        const double window_s = 60.0 * settings.minutes;
        double within = 0;
        prev = 0;
        for (std::size_t k = 0; k < p.timer_s.size(); ++k) {
            double e = 0;
            for (int i = 0; i < nodes; ++i) {
                const double c = p.horizon_s + window_s * (i + 0.5) / nodes;
                e += (c <= p.timer_s[k] ? c : p.timer_s[k] + detail::duration_mean_below(d.holding, c - p.timer_s[k])) /
                     nodes;
            }
            within += (p.cum_share[k] - prev) * e;
            prev = p.cum_share[k];
        }
        res.little_occupancy_within_horizon += rate * within;
        p.within_holding_s = within;
        p.warmup.emplace(d.holding, p.timer_s, p.cum_share, p.horizon_s);
        plans.push_back(std::move(p));
    };
    if (in.tcp) add_plan(*in.tcp, true);
    if (in.udp) add_plan(*in.udp, false);
    if (plans.empty()) throw std::invalid_argument("session simulation: neither TCP nor UDP given");

    res.little_occupancy = lambda_holding;
    res.mean_holding_s = res.arrival_rate_per_second > 0 ? lambda_holding / res.arrival_rate_per_second : 0;
    res.users = settings.users;
    res.minutes_per_user = settings.minutes;

    // The seed's 60x recipe needs per-second counts up to max_pmf_length / 60.
    detail::capped_histogram minute_hist{{}, 0, settings.max_pmf_length}, occ_hist{{}, 0, settings.max_pmf_length},
        second_hist{{}, 0, settings.max_pmf_length / 60 + 1};
    std::vector<double> user_occ, user_lines, user_residual, instants;
    std::vector<std::int64_t> diff;
    std::vector<detail::user_effects> effects(plans.size());
    detail::user_tally tally;
    const double share = double(settings.max_sessions) / settings.users; // sessions per user
    for (int u = 0; u < settings.users; ++u) {
        auto eng = detail::simulation_engine(settings.seed, settings.stream, std::uint64_t(u));
        double per_minute = 0, warmup = 0; // expected sessions: per window minute, and of the warmup
        double expected_occupancy = 0;
        for (std::size_t p = 0; p < plans.size(); ++p) {
            effects[p] = detail::draw_user_effects(plans[p].arrivals, eng);
            const double rate = detail::user_rate_per_second(plans[p].arrivals, effects[p]);
            per_minute += 60 * rate;
            expected_occupancy += rate * plans[p].within_holding_s;
            warmup += rate * plans[p].warmup->expected_candidates_per_rate();
        }
        int minutes = settings.minutes;
        if (!(warmup + per_minute * minutes <= share)) {
            const double affordable = (share - warmup) / per_minute;
            minutes = affordable >= 1 ? int(std::min<double>(affordable, settings.minutes)) : 0;
            if (minutes > 0) ++res.users_shortened;
        }
        std::int64_t budget = std::int64_t(std::min(10 * share, 9e18));
        if (minutes > 0) {
            res.expected_sessions += warmup + per_minute * minutes;
            detail::simulate_user(plans, effects, minutes, settings.instants_per_minute, eng, tally, instants, diff,
                                  &budget);
        }
        if (minutes == 0 || budget < 0) {
            ++res.users_cut;
            minute_hist.beyond += 1, occ_hist.beyond += 1, second_hist.beyond += 1;
            continue;
        }
        double lines = 0, occ = 0;
        const double w_minute = 1.0 / minutes, w_second = w_minute / 60,
                     w_instant = 1.0 / double(tally.occupancy.size());
        for (auto v : tally.ends_per_minute) minute_hist.add(v, w_minute), lines += double(v);
        for (auto v : tally.ends_per_second) second_hist.add(v, w_second);
        for (auto v : tally.occupancy) occ_hist.add(v, w_instant), occ += double(v);
        user_lines.push_back(lines / minutes);
        user_occ.push_back(occ / double(tally.occupancy.size()));
        user_residual.push_back(user_occ.back() - expected_occupancy);
        res.occupancy_samples += std::int64_t(tally.occupancy.size());
    }
    if (res.users_cut == settings.users) {
        res.cut = true;
        res.log_lines_neglected = res.seed_literal_neglected = res.occupancy_neglected = 1;
        return res;
    }
    auto mean_se = [](const std::vector<double>& x, double& mean, double& se) {
        double m = 0, v = 0;
        for (double xi : x) m += xi;
        m /= double(x.size());
        for (double xi : x) v += (xi - m) * (xi - m);
        mean = m;
        se = x.size() > 1 ? std::sqrt(v / double(x.size() - 1) / double(x.size())) : INFINITY;
    };
    mean_se(user_occ, res.mean_occupancy, res.mean_occupancy_se);
    mean_se(user_residual, res.occupancy_residual, res.occupancy_residual_se);
    mean_se(user_lines, res.mean_log_lines_per_minute, res.mean_log_lines_per_minute_se);

    res.log_lines_per_minute_pmf = minute_hist.normalised(res.log_lines_neglected);
    res.occupancy_pmf = occ_hist.normalised(res.occupancy_neglected);
    const auto per_second = second_hist.normalised(res.seed_literal_neglected);
    res.seed_literal_log_lines_per_minute_pmf.assign(per_second.empty() ? 0 : 60 * (per_second.size() - 1) + 1, 0.0);
    for (std::size_t k = 0; k < per_second.size(); ++k)
        res.seed_literal_log_lines_per_minute_pmf[60 * k] = per_second[k];
    return res;
}

} // namespace v0
} // namespace fwsize::predict
