// Memory and time bounds of `fwsize size` whatever the posterior: a draw with an enormous rate
// (sigma_machine near its prior) is cut and counted, a draw whose occupancy reaches the PMF window
// keeps the window and reports the mass beyond it, and pooling draws stays within the window.
// The oracle for "reported" is the mass itself: represented + neglected = 1 and the neglected
// share equals the share of simulated instants at or beyond the cap, counted independently.
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "../../catch.hpp"

#include <fwsize/predict/detail/size_job_curves.hpp>
#include <fwsize/predict/predict_quantity.hpp>
#include <fwsize/predict/session_simulation.hpp>

using namespace fwsize;

namespace {
predict::session_simulation_input udp_only(double rate_per_second, double sigma_machine) {
    predict::session_simulation_input in;
    predict::protocol_draw udp;
    udp.arrivals.alpha = std::log(rate_per_second);
    udp.arrivals.sigma_machine = sigma_machine;
    udp.arrivals.sigma_minute = 0.3;
    udp.arrivals.phi = 5;
    udp.holding = {0.0, {1.0}, {std::log(5.0)}, {0.5}}; // ~5 s of traffic, then the 180 s UDP timer
    in.udp = udp;
    in.timers = flow::fortigate_profile();
    return in;
}
double sum(const std::vector<double>& p) {
    return std::accumulate(p.begin(), p.end(), 0.0);
}
} // namespace

TEST_CASE("size bounds: a draw with an enormous rate is cut, not simulated, and says so") {
    // 10^6 new sessions per second per user: 10^10 sessions per draw; the cap is 10^6.
    predict::session_simulation_settings s;
    s.users = 4, s.minutes = 10, s.max_sessions = 1'000'000, s.max_pmf_length = 4096;
    const auto r = predict::simulate_sessions(udp_only(1e6, 0.1), s);
    CHECK(r.cut);
    CHECK(r.users_cut == 4);         // each user's expected 6 x 10^8 sessions exceed its share, 2.5 x 10^5
    CHECK(r.expected_sessions == 0); // nothing was simulated
    CHECK(r.occupancy_pmf.empty());
    CHECK(r.log_lines_per_minute_pmf.empty());
    CHECK(r.occupancy_neglected == 1.0);
    CHECK(r.log_lines_neglected == 1.0);
    // The closed forms are kept: Little's law still reads 10^6/s x (5 s e^(0.125) + 180 s).
    CHECK(r.little_occupancy == Approx(1e6 * std::exp(0.05) * (5 * std::exp(0.125) + 180)).epsilon(1e-6));
}

TEST_CASE("size bounds: a user whose drawn rates overdraw the session budget stops and is cut") {
    // The closed-form mean cannot bound a draw near its prior (a log-normal machine effect with
    // sigma ~ 3 is dominated by rare users), so the budget is also checked as sessions are drawn.
    const auto in = udp_only(10, 0.0);
    std::vector<predict::detail::protocol_plan> plans{
        {in.udp->arrivals, in.udp->holding, {180.0}, {1.0}, 300.0, 0.0, std::nullopt}};
    plans[0].warmup.emplace(in.udp->holding, std::vector<double>{180.0}, std::vector<double>{1.0}, 300.0);
    const std::vector<predict::detail::user_effects> effects(1);
    predict::detail::user_tally tally;
    std::vector<double> instants;
    std::vector<std::int64_t> diff;
    auto eng = predict::detail::simulation_engine(1, 2, 3);
    std::int64_t budget = 1000; // 10/s for 10 minutes and the warmup survivors: ~9 000 sessions
    predict::detail::simulate_user(plans, effects, 10, 1, eng, tally, instants, diff, &budget);
    CHECK(budget == -1);
    // With room: the budget taken is the window's arrivals, ~10/s x 600 s, plus the warmup's
    // candidates, 10/s x sum over its minutes of 60 s x P(holding > the minute's youngest age)
    // (NB2 with phi = 5 per second, sigma_minute = 0.3: sd of the total well under 5 %).
    budget = 1'000'000;
    predict::detail::simulate_user(plans, effects, 10, 1, eng, tally, instants, diff, &budget);
    REQUIRE(budget >= 0);
    const double candidates = plans[0].warmup->expected_candidates_per_rate();
    CHECK(candidates ==
          Approx(60 * (1 + 1 + 1 + 1)).epsilon(0.01)); // ages 0-240 s < 180 s + ~5 s; 240-300 s: P(D > 60 s) ~ 0
    const double taken = double(1'000'000 - budget), expected = 10 * std::exp(0.045) * (600 + candidates);
    CHECK(taken == Approx(expected).epsilon(0.15));

    // An absurd per-minute rate (exp(eta) > 1e12): a cut with a budget, an exception without.
    auto absurd = plans;
    absurd[0].arrivals.alpha = 30;
    budget = std::numeric_limits<std::int64_t>::max() / 2;
    predict::detail::simulate_user(absurd, effects, 10, 1, eng, tally, instants, diff, &budget);
    CHECK(budget == -1);
    CHECK_THROWS_AS(predict::detail::simulate_user(absurd, effects, 10, 1, eng, tally, instants, diff),
                    std::invalid_argument);
    // And simulate_sessions turns it into a cut draw (its closed-form mean is infinite here).
    auto huge = udp_only(1e-3, 0.0);
    huge.udp->arrivals.sigma_minute = 40;
    predict::session_simulation_settings s;
    s.users = 2, s.minutes = 5;
    CHECK(predict::simulate_sessions(huge, s).cut);
}

TEST_CASE("size bounds: occupancy beyond the PMF window is counted as neglected mass") {
    // 11 sessions/s x ~186 s holding: ~2 000 sessions in the table, spread by the users' machine
    // effects (sigma 0.5) across the 2 048 window.
    predict::session_simulation_settings s;
    s.seed = 2; // a seed whose 4 users straddle the window
    s.users = 4, s.minutes = 20, s.max_pmf_length = 2048;
    const auto r = predict::simulate_sessions(udp_only(11, 0.5), s);
    REQUIRE_FALSE(r.cut);
    CHECK(r.occupancy_pmf.size() <= 2048);
    CHECK(r.occupancy_neglected > 0.05);
    CHECK(r.occupancy_neglected < 0.95);
    CHECK(sum(r.occupancy_pmf) + r.occupancy_neglected == Approx(1.0).epsilon(1e-12));
    // Independent count from the same simulation without the cap: the share of instants >= 2048.
    s.max_pmf_length = std::size_t{1} << 20;
    const auto full = predict::simulate_sessions(udp_only(11, 0.5), s);
    REQUIRE(full.occupancy_pmf.size() > 2048);
    const double beyond = std::accumulate(full.occupancy_pmf.begin() + 2048, full.occupancy_pmf.end(), 0.0);
    CHECK(r.occupancy_neglected == Approx(beyond).epsilon(1e-12));
    for (std::size_t k = 0; k < r.occupancy_pmf.size(); ++k) REQUIRE(r.occupancy_pmf[k] == full.occupancy_pmf[k]);

    // Pooling 100 such draws and a cut one stays within the window; the band is per bin.
    std::vector<predict::session_simulation_result> sims(100, r);
    predict::session_simulation_settings tiny = s;
    tiny.max_sessions = 1000;
    sims.push_back(predict::simulate_sessions(udp_only(11, 0.5), tiny));
    REQUIRE(sims.back().cut);
    const auto pooled = predict::detail::pool_occupancy(sims, 64);
    CHECK(pooled.pmf.size() <= 2048);
    CHECK(pooled.survival_lo.size() == pooled.pmf.size());
    CHECK(sum(pooled.pmf) + pooled.neglected == Approx(1.0).epsilon(1e-12));
    CHECK(pooled.mean == Approx(r.mean_occupancy)); // the cut draw has no simulated mean
    for (std::size_t k = 0; k < pooled.pmf.size(); ++k) REQUIRE(pooled.survival_lo[k] <= pooled.survival_hi[k]);

    // The N-user step takes a cut draw as mass beyond the window: quantiles it reaches are the
    // window length, and the reported neglected mass is 1 for that draw.
    predict::prediction_options po;
    po.users = {1, 10};
    po.n_user.max_length = 4096;
    const auto q = predict::predict_quantity(
        "concurrent_sessions", 2,
        [&](std::size_t i) {
            return i == 0 ? predict::truncated_pmf{r.occupancy_pmf, r.occupancy_neglected}
                          : predict::truncated_pmf{{0.0}, 1.0};
        },
        po);
    REQUIRE(q.neglected_max.size() == 2);
    CHECK(q.neglected_max[0] == Approx(1.0));
    for (auto l : q.length_max) CHECK(l <= 4096);
}
