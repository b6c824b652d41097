// Session simulation: Little's law and the ends-per-minute mean against closed forms (within Monte
// Carlo error from the spread across simulated users), determinism, and the seed's literal recipe.
#include <cmath>
#include <iostream>
#include <limits>

#include <fwsize/predict/session_simulation.hpp>

#include "../../catch.hpp"
#include "../../support/pmf_moments.hpp"

using namespace fwsize;

namespace {

predict::session_simulation_input example_input(bool two_state = false) {
    predict::session_simulation_input in;
    predict::protocol_draw tcp;
    tcp.arrivals.alpha = std::log(0.3);
    tcp.arrivals.sigma_machine = 0.5;
    tcp.arrivals.sigma_minute = 0.7;
    tcp.arrivals.phi = 2.0;
    if (two_state) {
        tcp.arrivals.two_state = true;
        tcp.arrivals.alpha_idle = std::log(0.01);
        tcp.arrivals.idle_logit_mean = 0.5;
        tcp.arrivals.idle_logit_sd = 1.0;
    }
    tcp.holding = {0.2, {0.6, 0.4}, {0.0, 2.0}, {0.5, 1.0}};
    predict::protocol_draw udp;
    udp.arrivals.alpha = std::log(0.2);
    udp.arrivals.sigma_machine = 0.3;
    udp.arrivals.sigma_minute = 0.5;
    udp.arrivals.phi = std::numeric_limits<double>::infinity(); // Poisson seconds
    udp.holding = {0.5, {1.0}, {0.5}, {0.8}};
    in.tcp = tcp;
    in.udp = udp;
    in.timers = flow::parse_timer_profile("paloalto,tcp_idle=120");
    in.tcp_ends = {0.7, 0.1, 0.2, 0.0};
    return in;
}

std::size_t pmf_quantile(const std::vector<double>& p, double q) {
    double c = 0;
    for (std::size_t k = 0; k < p.size(); ++k)
        if ((c += p[k]) >= q) return k;
    return p.size() - 1;
}

} // namespace

TEST_CASE("Closed forms: arrival rate and mean holding") {
    const auto in = example_input();
    // lambda_tcp = 0.3 exp((0.25 + 0.49)/2), lambda_udp = 0.2 exp((0.09 + 0.25)/2)
    const double lt = 0.3 * std::exp(0.37), lu = 0.2 * std::exp(0.17);
    CHECK(predict::detail::mean_arrival_rate_per_second(in.tcp->arrivals) == Approx(lt).epsilon(1e-12));
    CHECK(predict::detail::mean_arrival_rate_per_second(in.udp->arrivals) == Approx(lu).epsilon(1e-12));
    // E[D_tcp] = 0.8 (0.6 e^{0.125} + 0.4 e^{2.5}); E[D_udp] = 0.5 e^{0.5 + 0.32}
    CHECK(predict::detail::mean_duration_s(in.tcp->holding) ==
          Approx(0.8 * (0.6 * std::exp(0.125) + 0.4 * std::exp(2.5))).epsilon(1e-12));
    CHECK(predict::detail::mean_duration_s(in.udp->holding) == Approx(0.5 * std::exp(0.82)).epsilon(1e-12));
    // The quantile inverts the CDF.
    const double q = predict::detail::duration_quantile_s(in.tcp->holding, 0.95);
    CHECK(predict::detail::duration_cdf(in.tcp->holding, q) == Approx(0.95).epsilon(1e-9));
    // Two-state: E[pi] by quadrature against a Monte Carlo-free check at sd = 0.
    auto a = in.tcp->arrivals;
    a.two_state = true, a.idle_logit_mean = 0.3, a.idle_logit_sd = 0;
    CHECK(predict::detail::mean_idle_probability(a) == Approx(1 / (1 + std::exp(-0.3))).epsilon(1e-12));
    a.idle_logit_sd = 1.5; // symmetric about 0 when the mean is 0
    a.idle_logit_mean = 0;
    CHECK(predict::detail::mean_idle_probability(a) == Approx(0.5).epsilon(1e-9));
}

TEST_CASE("Little's law: mean occupancy = arrival rate x mean holding, within Monte Carlo error") {
    for (bool two_state : {false, true}) {
        const auto in = example_input(two_state);
        const auto r = predict::simulate_sessions(in, {.seed = 7, .stream = 3, .users = 400, .minutes = 30});
        INFO("two_state=" << two_state << " simulated " << r.mean_occupancy << " +- " << r.mean_occupancy_se
                          << " Little " << r.little_occupancy << " warmup " << r.warmup_s);
        CHECK(r.holding_mass_beyond_warmup < 1e-3);
        CHECK(std::abs(r.mean_occupancy - r.little_occupancy) < 4 * r.mean_occupancy_se);
        CHECK(r.mean_occupancy_se < 0.05 * r.little_occupancy); // the check has teeth
        // The PMF is the pooled sample behind the mean.
        CHECK(fwsize::test::pmf_mean(r.occupancy_pmf) == Approx(r.mean_occupancy).epsilon(1e-9));
    }
}

TEST_CASE("Steady state: mean log lines per minute = 60 x arrival rate, within Monte Carlo error") {
    for (bool two_state : {false, true}) {
        const auto r = predict::simulate_sessions(example_input(two_state), {.seed = 11, .users = 400, .minutes = 30});
        INFO("two_state=" << two_state << " " << r.mean_log_lines_per_minute << " +- " << r.mean_log_lines_per_minute_se
                          << " vs " << 60 * r.arrival_rate_per_second);
        CHECK(std::abs(r.mean_log_lines_per_minute - 60 * r.arrival_rate_per_second) <
              4 * r.mean_log_lines_per_minute_se);
        CHECK(r.mean_log_lines_per_minute_se < 0.05 * 60 * r.arrival_rate_per_second);
        CHECK(fwsize::test::pmf_mean(r.log_lines_per_minute_pmf) == Approx(r.mean_log_lines_per_minute).epsilon(1e-9));
        // The seed's recipe has the same mean (same ends, counted per second x 60) ...
        CHECK(fwsize::test::pmf_mean(r.seed_literal_log_lines_per_minute_pmf) ==
              Approx(r.mean_log_lines_per_minute).epsilon(1e-9));
        // ... but lives on multiples of 60 only.
        double off_grid = 0;
        for (std::size_t k = 0; k < r.seed_literal_log_lines_per_minute_pmf.size(); ++k)
            if (k % 60 != 0) off_grid += r.seed_literal_log_lines_per_minute_pmf[k];
        CHECK(off_grid == 0);
    }
}

TEST_CASE("Deterministic for a fixed seed; streams differ") {
    const auto in = example_input(true);
    const predict::session_simulation_settings s{.seed = 42, .stream = 5, .users = 20, .minutes = 10};
    const auto a = predict::simulate_sessions(in, s), b = predict::simulate_sessions(in, s);
    CHECK(a.log_lines_per_minute_pmf == b.log_lines_per_minute_pmf);
    CHECK(a.occupancy_pmf == b.occupancy_pmf);
    CHECK(a.seed_literal_log_lines_per_minute_pmf == b.seed_literal_log_lines_per_minute_pmf);
    auto s2 = s;
    s2.stream = 6;
    CHECK(predict::simulate_sessions(in, s2).occupancy_pmf != a.occupancy_pmf);
}

TEST_CASE("Timers: longer UDP idle timer, more occupancy, same log lines") {
    auto in = example_input();
    in.tcp.reset();
    const auto short_t = predict::simulate_sessions(in, {.seed = 1, .users = 200, .minutes = 20});
    in.timers.udp_idle_s = 180;
    const auto long_t = predict::simulate_sessions(in, {.seed = 1, .users = 200, .minutes = 20});
    // Little: lambda (E[D] + 30) vs lambda (E[D] + 180)
    CHECK(long_t.little_occupancy / short_t.little_occupancy ==
          Approx((0.5 * std::exp(0.82) + 180) / (0.5 * std::exp(0.82) + 30)).epsilon(1e-12));
    CHECK(long_t.mean_occupancy > 3 * short_t.mean_occupancy);
    CHECK(std::abs(long_t.mean_occupancy - long_t.little_occupancy) < 4 * long_t.mean_occupancy_se);
}

TEST_CASE("Profiles without timers cannot be simulated; bad holding models are rejected") {
    auto in = example_input();
    in.timers = flow::none_profile();
    CHECK_THROWS_AS(predict::simulate_sessions(in), std::invalid_argument);
    in = example_input();
    in.udp->holding.weight = {0.5};
    CHECK_THROWS_AS(predict::simulate_sessions(in), std::invalid_argument);
}

// Measurement behind docs/timers.md: how the seed's "60 x per-second ends" misstates the tail of
// log lines per minute, for a bursty user like the real captures (sigma_minute ~ 2).
// Run: build-h6/tests/test_predict "[measure]"
TEST_CASE("Seed literal vs minute totals: tail quantiles", "[.][measure]") {
    for (double sigma_minute : {0.5, 1.0, 2.0}) {
        auto in = example_input();
        in.tcp->arrivals.sigma_minute = sigma_minute;
        in.udp->arrivals.sigma_minute = sigma_minute;
        in.timers = flow::fortigate_profile();
        in.tcp_ends = {};
        const auto r = predict::simulate_sessions(in, {.seed = 42, .users = 500, .minutes = 60});
        std::cout << "sigma_minute=" << sigma_minute << " mean=" << r.mean_log_lines_per_minute;
        for (double q : {0.5, 0.95, 0.99, 0.999})
            std::cout << " | p" << q * 100 << ": minute_total=" << pmf_quantile(r.log_lines_per_minute_pmf, q)
                      << " seed_literal=" << pmf_quantile(r.seed_literal_log_lines_per_minute_pmf, q);
        std::cout << "\n";
    }
}
