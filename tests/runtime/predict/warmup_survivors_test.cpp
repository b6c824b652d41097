// Warmup survivors and per-user session budgets of the session simulation, against independent
// oracles: a brute-force simulation that draws every warmup arrival one by one (the table at a
// random instant must have the same distribution), closed forms for the survival bound, and the
// closed-form means under shortened and dropped users.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include <fwsize/predict/session_simulation.hpp>

#include "../../catch.hpp"
#include "../../support/pmf_moments.hpp"

using namespace fwsize;

namespace {

// One TCP protocol: a holding-time tail reaching hours (so the warmup spans per-second,
// per-minute and ten-minute blocks), two timer classes, a zero-duration mass.
predict::session_simulation_input long_tail_input() {
    predict::session_simulation_input in;
    predict::protocol_draw tcp;
    tcp.arrivals.alpha = std::log(0.08);
    tcp.arrivals.sigma_machine = 0.4;
    tcp.arrivals.sigma_minute = 0.8;
    tcp.arrivals.phi = 0.7;
    tcp.holding = {0.3, {0.5, 0.3, 0.2}, {std::log(2.0), std::log(200.0), std::log(3000.0)}, {0.8, 1.0, 0.9}};
    in.tcp = tcp;
    in.timers = flow::parse_timer_profile("paloalto,tcp_idle=600");
    in.tcp_ends = {0.6, 0.0, 0.4, 0.0};
    return in;
}

// Brute force: every arrival from `horizon` seconds before the window, one by one (per-second
// NB2 counts in the last 10 minutes, minute totals NB2(60 mu, 60 phi) with uniform instants
// before — the simulation's own convention for old minutes —, class by share, duration + timer);
// returns the occupancy at one uniform instant of the first minute, per independent user.
std::vector<std::int64_t> brute_force_occupancy(const predict::session_simulation_input& in, double horizon, int users,
                                                std::uint64_t seed) {
    const auto& a = in.tcp->arrivals;
    const auto& h = in.tcp->holding;
    const double timer[] = {in.timers.tcp_time_wait_s, in.timers.tcp_idle_s};
    const double share0 = in.tcp_ends.time_wait / (in.tcp_ends.time_wait + in.tcp_ends.idle);
    boost::random::mt19937_64 eng(seed);
    boost::random::uniform_01<double> unif;
    boost::random::normal_distribution<double> normal(0, 1);
    std::vector<std::int64_t> out;
    const int minutes_before = int(std::ceil(horizon / 60));
    for (int u = 0; u < users; ++u) {
        const double z = normal(eng), x = 60 * unif(eng);
        std::int64_t alive = 0;
        for (int m = -minutes_before; m < 1; ++m) {
            const double mu = std::exp(a.alpha + a.sigma_machine * z + a.sigma_minute * normal(eng));
            const stats::nb2 sec(mu, a.phi);
            const bool old = m < -10;
            for (int s = 0; s < (old ? 1 : 60); ++s)
                for (std::uint64_t i = old ? rng(stats::nb2(60 * mu, 60 * a.phi), eng) : rng(sec, eng); i > 0; --i) {
                    const double start = old ? 60.0 * (m + unif(eng)) : 60.0 * m + s + unif(eng);
                    const double t = unif(eng) < share0 ? timer[0] : timer[1];
                    double d = 0;
                    if (!(unif(eng) < h.p_zero)) {
                        const double c = unif(eng);
                        const std::size_t j = c < h.weight[0] ? 0 : c < h.weight[0] + h.weight[1] ? 1 : 2;
                        d = std::exp(h.mu[j] + h.sigma[j] * normal(eng));
                    }
                    if (start <= x && x < start + d + t) ++alive;
                }
        }
        out.push_back(alive);
    }
    return out;
}

} // namespace

TEST_CASE("Warmup survivors: the bound is P(holding > youngest age of the block)") {
    const auto in = long_tail_input();
    const auto& h = in.tcp->holding;
    const std::vector<double> timers{15, 600}, cum{0.6, 1.0};
    const predict::detail::warmup_survivors w(h, timers, cum, 12 * 3600);
    CHECK(w.minutes() == 720);
    const auto survival = [&](double age) {
        return 0.6 * (1 - predict::detail::duration_cdf(h, age - 15)) +
               0.4 * (1 - predict::detail::duration_cdf(h, age - 600));
    };
    CHECK(w.bound(0) == Approx(1.0).epsilon(1e-12)); // age 0: every session is still there
    for (int m : {1, 9, 10, 59, 60, 65, 69, 70, 400})
        CHECK(w.bound(m) == Approx(survival(60.0 * (m < 60 ? m : 60 + (m - 60) / 10 * 10))).epsilon(1e-9));
}

TEST_CASE("Warmup survivors: the table at a random instant matches a one-by-one simulation of every arrival") {
    const auto in = long_tail_input();
    const int users = 2000;
    predict::session_simulation_settings s;
    s.seed = 5, s.users = users, s.minutes = 1, s.instants_per_minute = 1;
    const auto r = predict::simulate_sessions(in, s);
    REQUIRE(r.users_cut == 0);
    REQUIRE(r.warmup_s > 3 * 3600); // ten-minute blocks are exercised
    const auto brute = brute_force_occupancy(in, r.warmup_s, users, 99);
    // Empirical CDFs: two-sample Kolmogorov-Smirnov at alpha = 0.001 (conservative for counts).
    std::vector<double> cdf_sim(r.occupancy_pmf.size()), cdf_bf(r.occupancy_pmf.size(), 0.0);
    double acc = 0;
    for (std::size_t k = 0; k < cdf_sim.size(); ++k) cdf_sim[k] = (acc += r.occupancy_pmf[k]);
    double bf_mean = 0, bf_var = 0;
    for (auto v : brute) {
        for (std::size_t k = std::size_t(v); k < cdf_bf.size(); ++k) cdf_bf[k] += 1.0 / users;
        bf_mean += double(v) / users;
    }
    for (auto v : brute) bf_var += (double(v) - bf_mean) * (double(v) - bf_mean) / (users - 1);
    double d = 0;
    for (std::size_t k = 0; k < cdf_sim.size(); ++k) d = std::max(d, std::abs(cdf_sim[k] - cdf_bf[k]));
    const double sim_mean = fwsize::test::pmf_mean(r.occupancy_pmf);
    INFO("KS D = " << d << ", means " << sim_mean << " vs " << bf_mean << " (sd " << std::sqrt(bf_var)
                   << "), Little within " << r.little_occupancy_within_horizon);
    CHECK(d < 1.95 * std::sqrt(2.0 / users));
    CHECK(std::abs(sim_mean - bf_mean) < 4 * std::sqrt(2 * bf_var / users));
    // Both against the closed form: the oracle's oracle.
    CHECK(std::abs(bf_mean - r.little_occupancy_within_horizon) < 4 * std::sqrt(bf_var / users));
    CHECK(bf_mean > 20); // the comparison has teeth: a table of dozens of sessions
}

TEST_CASE("Per-user budgets: shortened users keep weight 1/users; dropped users count beyond the window") {
    auto in = long_tail_input();
    in.tcp->arrivals.sigma_machine = 1.0; // users' rates spread over an order of magnitude
    // Short sessions: a user's cost is mostly its window, so a budget can shorten without dropping.
    in.tcp->holding = {0.3, {1.0}, {std::log(5.0)}, {0.8}};
    in.tcp_ends = {1.0, 0.0, 0.0, 0.0};
    predict::session_simulation_settings s;
    s.seed = 3, s.users = 400, s.minutes = 30;
    const auto full = predict::simulate_sessions(in, s);
    REQUIRE(full.users_cut == 0);
    REQUIRE(full.users_shortened == 0);
    // A budget that shortens the busy users: the log-line mean stays the closed form.
    s.max_sessions = std::int64_t(0.95 * full.expected_sessions);
    const auto short_r = predict::simulate_sessions(in, s);
    INFO("shortened " << short_r.users_shortened << " cut " << short_r.users_cut << " lines mean "
                      << fwsize::test::pmf_mean(short_r.log_lines_per_minute_pmf) << " +- "
                      << short_r.mean_log_lines_per_minute_se << " vs 60 x rate "
                      << 60 * short_r.arrival_rate_per_second);
    CHECK(short_r.users_shortened > 0);
    CHECK(short_r.users_cut == 0);
    CHECK(short_r.log_lines_neglected == 0);
    CHECK(std::abs(fwsize::test::pmf_mean(short_r.log_lines_per_minute_pmf) - 60 * short_r.arrival_rate_per_second) <
          4 * short_r.mean_log_lines_per_minute_se);
    // The PMF weighs users equally: its mean is the mean of the users' means.
    CHECK(fwsize::test::pmf_mean(short_r.log_lines_per_minute_pmf) ==
          Approx(short_r.mean_log_lines_per_minute).epsilon(1e-9));
    // A budget too small for the busiest users: they are dropped, their weight is the neglected mass.
    s.max_sessions = std::int64_t(0.02 * full.expected_sessions);
    const auto cut_r = predict::simulate_sessions(in, s);
    CHECK(cut_r.users_cut > 0);
    CHECK(cut_r.users_cut < s.users);
    CHECK_FALSE(cut_r.cut);
    CHECK(cut_r.log_lines_neglected == Approx(double(cut_r.users_cut) / s.users).epsilon(1e-12));
    CHECK(cut_r.occupancy_neglected == Approx(double(cut_r.users_cut) / s.users).epsilon(1e-12));
    // The users kept are simulated as they would be alone: same engine per (seed, stream, user).
    double kept_mass = 0;
    for (double p : cut_r.occupancy_pmf) kept_mass += p;
    CHECK(kept_mass == Approx(1 - cut_r.occupancy_neglected).epsilon(1e-12));
}
