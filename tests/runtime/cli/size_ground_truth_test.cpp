// size_job against its ground truth on the bundled captures: for N = 1 the predicted means sit near
// the observed per-machine means of the session-table replay (pooled over machines), and the
// simulated mean occupancy obeys Little's law within Monte Carlo error. Short chains keep it fast;
// the tolerances are stated (and argued) beside each check.
#include <cmath>
#include <string>

#include "../../catch.hpp"
#include "../../support/shared_data.hpp"

#include <fwsize/predict/size_job.hpp>

using namespace fwsize;

namespace {
const predict::size_job_result& bundled_run() {
    static const predict::size_job_result r = [] {
        predict::size_job_options o;
        o.inputs = {test::bundled_data() / "vpn-vm.pcap", test::bundled_data() / "http-browsing-2011.pcap"};
        o.users = {1, 10};
        // Lean: seconds and well under 1 GB (short chains; 24 simulated draws of 8 users x 30 min;
        // a 4096 window). What is checked are means and Little's law, not tails.
        o.sampler.chains = 2, o.sampler.warmup = 200, o.sampler.draws = 200;
        o.max_draws = 100;
        o.simulation_draws = 24;
        o.simulation_users = 8, o.simulation_minutes = 30;
        o.pmf_max_length = 4096;
        o.max_simulated_sessions = 1'000'000;
        o.sensitivity_rhos.clear();
        o.threads = 2;
        return predict::run_size_job(o);
    }();
    return r;
}

const predict::sizing_row& row(const predict::size_job_result& r, const std::string& q, std::int64_t users) {
    for (const auto& x : r.report.rows)
        if (x.quantity == q && x.users == users) return x;
    FAIL("no row " << q << " N=" << users);
    throw 0;
}
} // namespace

TEST_CASE("size_job: the replay's observed figures are the ground truth of each machine") {
    const auto& r = bundled_run();
    REQUIRE(r.observed.size() == 2);
    for (const auto& o : r.observed) {
        INFO(o.machine);
        CHECK(o.sessions > 50);
        CHECK(o.new_per_second_mean > 0);
        CHECK(o.occupancy_mean > 0);
        double mass = 0;
        for (double p : o.occupancy_pmf) mass += p;
        CHECK(mass == Approx(1.0).epsilon(1e-12));
    }
    CHECK(r.report.rows.size() == 3 * 2);
    CHECK(r.report.settings.machines == 2);
    CHECK(r.report.occupancy.size() == 2);
}

// The N = 1 prediction is for a *new* machine drawn from the population the two captures inform:
// its mean is exp(alpha + (sigma_machine² + sigma_minute²)/2) per posterior draw, and with K = 2
// sigma_machine is still mostly prior, under which E exp(sigma_machine²/2) is barely finite: the
// pooled mean (their average, a closed form per draw) is dominated by a few draws and moves with
// the seed (47/s vs 0.47 observed in one run). The robust figure is the posterior median of the
// per-draw means; it must lie within a factor 4 of the observed mean of machine means (a wrong
// unit — per minute vs per second, 60x — or a lost protocol, ~2-3x with the model's own spread,
// would fail). And the pooled mean's instability must be reported.
TEST_CASE("size_job: for one user the predicted means are near the observed per-machine means") {
    const auto& r = bundled_run();
    const double factor = 4.0;
    const auto median_mean = [&](const char* quantity) {
        for (const auto& q : r.report.predictions)
            if (q.quantity == quantity) return q.one_user_mean_median;
        FAIL("no prediction " << quantity);
        return 0.0;
    };
    const auto near = [&](double predicted, double observed) {
        INFO("predicted " << predicted << ", observed " << observed);
        CHECK(predicted > observed / factor);
        CHECK(predicted < observed * factor);
    };
    INFO("new/s " << median_mean("new_per_second") << " (pooled " << row(r, "new_per_second", 1).pooled_mean << ") vs "
                  << r.observed_new_per_second << "; log lines/min " << median_mean("log_lines_per_minute")
                  << " (pooled " << row(r, "log_lines_per_minute", 1).pooled_mean << ") vs "
                  << r.observed_log_lines_per_minute);
    near(median_mean("new_per_second"), r.observed_new_per_second);
    // Log lines: the observed minute mean is a transient *under*estimate (sessions still open when
    // 130 s and 548 s captures end never log), and the prediction comes from tcp_new (K = 2) +
    // udp_new (K = 1) with independent new-user effects: docs/sizing.md measures 7x at full
    // settings. So: not below half the observed (a lost protocol would be), not above 8x (a
    // per-second vs per-minute slip, 60x, would be).
    const double lines = median_mean("log_lines_per_minute");
    CHECK(lines > r.observed_log_lines_per_minute / 2);
    CHECK(lines < r.observed_log_lines_per_minute * 8);
    for (const auto& q : r.report.predictions) {
        bool warned = q.one_user_mean_largest_share <= 0.1;
        for (const auto& w : r.report.warnings)
            warned = warned || w.find("The pooled mean of " + q.quantity + " is dominated") != std::string::npos;
        CHECK(warned);
    }
    // Occupancy is one-sided: a replay starts with an empty table and the bundled captures (130 s,
    // 548 s) are shorter than the timers (UDP 180 s, TCP idle 3600 s), so the observed mean is a
    // transient below the stationary one the model predicts (measured: ~40 observed vs ~350
    // predicted, docs/sizing.md). Wrong units or a lost protocol would still fall below.
    const double occ = median_mean("concurrent_sessions");
    INFO("occupancy predicted " << occ << ", observed " << r.observed_occupancy);
    CHECK(occ > r.observed_occupancy / factor);
    // Means are additive in N.
    CHECK(row(r, "new_per_second", 10).pooled_mean ==
          Approx(10 * row(r, "new_per_second", 1).pooled_mean).epsilon(1e-12));
}

// Little's law per posterior draw: simulated mean occupancy = rate x E[holding], where the
// simulation only draws arrivals younger than its warmup horizon, so holding is min(holding,
// horizon + t) (session_simulation_result::little_occupancy_within_horizon, an independent closed
// form). Per draw, z compares each simulated user with its own expectation (its rate given its
// machine effect x that holding: occupancy_residual), so the spread between users — heavy when
// sigma_machine is near its prior — does not enter; its s.e. is the spread of the users'
// residuals / sqrt(n), estimated from 16 values: z is about t with 15 degrees of freedom with
// heavier tails. Tolerances: the posterior medians within 4 s.e., |z| < 4 for 90 % of draws, and
// the mean z within 4 / sqrt(draws).
TEST_CASE("size_job: the simulated occupancy obeys Little's law within Monte Carlo error") {
    const auto& r = bundled_run();
    const auto& l = r.report.little;
    REQUIRE(l.computed);
    INFO("little (within the horizon) " << r.little_within_horizon << ", stationary " << l.little_occupancy
                                        << ", simulated " << l.simulated_occupancy << " (se " << l.simulated_se << ")");
    CHECK(std::abs(l.simulated_occupancy - r.little_within_horizon) < 4 * l.simulated_se);
    // A simulation that forgot the timers (holding too short by 180 s for UDP) would put every z
    // far below -4; one that kept sessions forever, far above.
    REQUIRE(r.little_z.size() >= 16);
    std::size_t inside = 0;
    double mean_z = 0;
    for (double z : r.little_z) inside += std::abs(z) < 4, mean_z += z / double(r.little_z.size());
    CHECK(double(inside) >= 0.9 * double(r.little_z.size()));
    CHECK(std::abs(mean_z) < 4 / std::sqrt(double(r.little_z.size())));
    // The gap to the stationary law is reported, never hidden.
    bool warned = r.little_share_within_horizon >= 0.95;
    for (const auto& w : r.report.warnings)
        warned = warned || w.find("outlive the simulation's warmup") != std::string::npos;
    CHECK(warned);
}
