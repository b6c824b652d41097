// The per-draw work of predict_new_sessions, shock_sensitivity, predict_quantity and
// n_user_pmf_batch runs on a thread pool; each draw lands in its own slot and the slots are
// combined in draw order. These tests hold them to the serial definition *exactly* (==, not
// Approx): a loop over the thinned draws that adds each draw's N-user PMFs in order, and the same
// call with 1, 2 and 3 threads.
#include <fwsize/predict/n_user_pmf_batch.hpp>
#include <fwsize/predict/office_shock_pmf.hpp>
#include <fwsize/predict/one_user_pmf.hpp>
#include <fwsize/predict/predict_new_sessions.hpp>
#include <fwsize/predict/predict_quantity.hpp>
#include <fwsize/predict/thin_draws.hpp>

#include <cstdint>
#include <vector>

#include "../../catch.hpp"

using fwsize::model::arrival_draw;
namespace pr = fwsize::predict;

namespace {

/// Draws with the spread of a posterior from few short captures: sigmas near 1-2, phi below 1,
/// some two-state, so windows and shock node counts differ from draw to draw (uneven work).
std::vector<arrival_draw> spread_draws(int n) {
    std::vector<arrival_draw> out;
    for (int i = 0; i < n; ++i) {
        arrival_draw d;
        const double u = static_cast<double>(i % 7) / 6.0, v = static_cast<double>(i % 5) / 4.0;
        d.alpha = -1.0 + 1.5 * u;
        d.sigma_machine = 0.3 + 1.2 * v;
        d.sigma_minute = 0.5 + 1.0 * u;
        d.phi = 0.4 + 2.0 * v;
        if (i % 3 == 0) {
            d.two_state = true;
            d.alpha_idle = -3;
            d.idle_logit_mean = 0.5 - u;
            d.idle_logit_sd = 0.8;
        }
        out.push_back(d);
    }
    return out;
}

pr::prediction_options small_options(unsigned threads) {
    pr::prediction_options o;
    o.users = {1, 10, 100};
    o.max_draws = 17; // thinning skips draws: the slots must follow the thinned order
    o.one_user.tail_tolerance = 1e-9;
    o.one_user.max_length = 4096;
    o.n_user.tolerance = 1e-9;
    o.n_user.max_length = 4096;
    o.threads = threads;
    return o;
}

void require_identical(const pr::quantity_prediction& a, const pr::quantity_prediction& b) {
    REQUIRE(a.quantity == b.quantity);
    REQUIRE(a.draws == b.draws);
    REQUIRE(a.neglected_max == b.neglected_max);
    REQUIRE(a.length_max == b.length_max);
    REQUIRE(a.rows.size() == b.rows.size());
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
        const auto &x = a.rows[i], &y = b.rows[i];
        INFO("row " << i);
        CHECK(x.users == y.users);
        CHECK(x.pooled_mean == y.pooled_mean);
        CHECK(x.pooled_p50 == y.pooled_p50);
        CHECK(x.pooled_p95 == y.pooled_p95);
        CHECK(x.pooled_p99 == y.pooled_p99);
        CHECK(x.pooled_p999 == y.pooled_p999);
        CHECK(x.p95_median == y.p95_median);
        CHECK(x.p95_lo == y.p95_lo);
        CHECK(x.p95_hi == y.p95_hi);
        CHECK(x.p99_median == y.p99_median);
        CHECK(x.p99_lo == y.p99_lo);
        CHECK(x.p99_hi == y.p99_hi);
        CHECK(x.peak_hour_median == y.peak_hour_median);
        CHECK(x.peak_hour_lo == y.peak_hour_lo);
        CHECK(x.peak_hour_hi == y.peak_hour_hi);
    }
    REQUIRE(a.curves.size() == b.curves.size());
    for (std::size_t i = 0; i < a.curves.size(); ++i) {
        CHECK(a.curves[i].pooled == b.curves[i].pooled);
        CHECK(a.curves[i].median == b.curves[i].median);
        CHECK(a.curves[i].lo == b.curves[i].lo);
        CHECK(a.curves[i].hi == b.curves[i].hi);
    }
}

/// The serial definition: thinned draws in order, each draw's N-user PMFs added as computed.
pr::quantity_prediction serial_new_sessions(const std::vector<arrival_draw>& draws, pr::prediction_options opt,
                                            double rho, const pr::office_shock_options& shock) {
    opt.periods_per_hour = 3600;
    pr::detail::quantity_accumulator acc(opt);
    for (std::size_t i : pr::thin_draws(draws.size(), opt.max_draws))
        acc.add(pr::n_user_pmf_with_shock(draws[i], opt.users, rho, opt.one_user, opt.n_user, shock));
    return acc.finish("new_per_second");
}

} // namespace

TEST_CASE("parallel predict_new_sessions equals the serial loop exactly, for 1, 2 and 3 threads") {
    const auto draws = spread_draws(40);
    const pr::office_shock_options shock{.max_nodes = 35};
    for (double rho : {0.0, 0.3}) {
        const auto serial = serial_new_sessions(draws, small_options(1), rho, shock);
        REQUIRE(serial.draws == 17);
        for (unsigned t : {1u, 2u, 3u}) {
            INFO("rho " << rho << ", threads " << t);
            require_identical(pr::predict_new_sessions(draws, small_options(t), rho, shock), serial);
        }
    }
}

TEST_CASE("parallel shock_sensitivity equals the serial loop exactly") {
    const auto draws = spread_draws(12);
    auto opt = small_options(2);
    opt.max_draws = 6;
    const pr::office_shock_options shock{.max_nodes = 35};
    const auto par = pr::shock_sensitivity(draws, opt, {0.1, 0.3}, shock);
    REQUIRE(par.size() == 2);
    for (const auto& s : par) {
        INFO("rho " << s.rho);
        auto o1 = opt;
        o1.threads = 1;
        require_identical(s.prediction, serial_new_sessions(draws, o1, s.rho, shock));
    }
}

TEST_CASE("parallel n_user_pmf_batch gives the same bits as one thread") {
    std::vector<pr::truncated_pmf> ones;
    for (const auto& d : spread_draws(9))
        ones.push_back(pr::one_user_pmf(d, {.tail_tolerance = 1e-9, .max_length = 4096}));
    const std::vector<std::int64_t> users{1, 7, 60};
    const auto one = pr::n_user_pmf_batch(ones, users, {.tolerance = 1e-9, .max_length = 1 << 15}, 1);
    for (unsigned t : {2u, 3u, 0u}) {
        const auto many = pr::n_user_pmf_batch(ones, users, {.tolerance = 1e-9, .max_length = 1 << 15}, t);
        REQUIRE(many.size() == one.size());
        for (std::size_t d = 0; d < one.size(); ++d) {
            INFO("threads " << t << ", draw " << d);
            REQUIRE(many[d].fft_length == one[d].fft_length);
            CHECK(many[d].neglected == one[d].neglected);
            CHECK(many[d].one_user_mean == one[d].one_user_mean);
            CHECK(many[d].pmf == one[d].pmf);
        }
    }
}

TEST_CASE("parallel predict_quantity equals the serial batch-by-batch definition exactly") {
    std::vector<pr::truncated_pmf> ones;
    for (const auto& d : spread_draws(30))
        ones.push_back(pr::one_user_pmf(d, {.tail_tolerance = 1e-9, .max_length = 4096}));
    const auto of = [&](std::size_t i) { return ones[i]; };
    auto opt = small_options(1);
    opt.max_draws = 30;
    opt.periods_per_hour = 60;
    const auto serial = pr::predict_quantity("log_lines_per_minute", ones.size(), of, opt);
    for (unsigned t : {2u, 3u}) {
        opt.threads = t;
        INFO("threads " << t);
        require_identical(pr::predict_quantity("log_lines_per_minute", ones.size(), of, opt), serial);
    }
    // And the batch itself against n_user_pmf_batch of all draws at once, added in order (one batch
    // here: 30 draws x 3 N x half a 4096-8192 window is far under the spectrum budget).
    pr::detail::quantity_accumulator acc(opt);
    for (const auto& r : pr::n_user_pmf_batch(ones, opt.users, opt.n_user, 1)) acc.add(r);
    require_identical(acc.finish("log_lines_per_minute"), serial);
}
