// From per-draw N-user PMFs to sizing rows: per-draw quantiles against Boost.Math's NB2 quantile
// (sigma = 0: NB2(N mu, N phi) exactly), pooled means exactly additive in N, the pooled quantiles
// against an independent pooling, the reported FFT lengths and neglected masses; and the xtensor
// subset the FFT power uses, under C++20 with Debian's 0.24.
#include <fwsize/detail/xtensor.hpp>
#include <fwsize/predict/n_user_pmf.hpp>
#include <fwsize/predict/one_user_pmf.hpp>
#include <fwsize/predict/predict_new_sessions.hpp>

#include <boost/math/distributions/negative_binomial.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <complex>
#include <cstdint>
#include <vector>

#include "../../catch.hpp"

using fwsize::model::arrival_draw;
namespace pr = fwsize::predict;

namespace {

/// Smallest k with P(X <= k) >= q, by Boost.Math's NB2 CDF.
double nb2_quantile(double mu, double phi, double q) {
    const boost::math::negative_binomial nb(phi, phi / (mu + phi));
    double k = 0;
    while (boost::math::cdf(nb, k) < q) k += 1;
    return k;
}

/// R's type-7 quantile.
double type7(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const double h = (static_cast<double>(v.size()) - 1) * p;
    const auto lo = static_cast<std::size_t>(h);
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

} // namespace

TEST_CASE("predict_new_sessions: per-draw quantiles are NB2(N mu, N phi)'s when sigma = 0") {
    std::vector<arrival_draw> draws;
    for (double a : {0.2, 0.9, 0.5, 1.4, 0.0, 1.1, 0.7}) {
        arrival_draw d;
        d.alpha = a;
        d.phi = 1.5 + a;
        draws.push_back(d);
    }
    pr::prediction_options opt;
    opt.users = {1, 10, 50, 100};
    const auto q = pr::predict_new_sessions(draws, opt);
    REQUIRE(q.rows.size() == opt.users.size());
    CHECK(q.draws == draws.size());
    for (std::size_t i = 0; i < opt.users.size(); ++i) {
        const double n = static_cast<double>(opt.users[i]);
        std::vector<double> p95, p99, peak;
        double pooled_mean = 0;
        for (const auto& d : draws) {
            p95.push_back(nb2_quantile(n * std::exp(d.alpha), n * d.phi, 0.95));
            p99.push_back(nb2_quantile(n * std::exp(d.alpha), n * d.phi, 0.99));
            peak.push_back(nb2_quantile(n * std::exp(d.alpha), n * d.phi, 1 - 1.0 / 3600));
            pooled_mean += n * std::exp(d.alpha) / static_cast<double>(draws.size());
        }
        const auto& r = q.rows[i];
        INFO("N " << opt.users[i]);
        CHECK(r.users == opt.users[i]);
        CHECK(r.at_least.empty()); // every window reached its tolerance: nothing is only a lower bound
        CHECK(r.p95_median == Approx(type7(p95, 0.5)).epsilon(1e-11));        // rounded to 12 digits
        CHECK(r.p95_lo == Approx(type7(p95, 0.05)).epsilon(1e-11));           // rounded to 12 digits
        CHECK(r.p95_hi == Approx(type7(p95, 0.95)).epsilon(1e-11));           // rounded to 12 digits
        CHECK(r.p99_median == Approx(type7(p99, 0.5)).epsilon(1e-11));        // rounded to 12 digits
        CHECK(r.peak_hour_median == Approx(type7(peak, 0.5)).epsilon(1e-11)); // rounded to 12 digits
        CHECK(r.peak_hour_hi == Approx(type7(peak, 0.95)).epsilon(1e-11));    // rounded to 12 digits
        CHECK(r.pooled_mean == Approx(pooled_mean).epsilon(1e-10));
        // Exactly additive in N: the pooled mean of N users is N times that of one.
        CHECK(r.pooled_mean == n * q.rows[0].pooled_mean);
        // Reported accuracy: within the 1e-9 target (1e-6 of the p99.9 tail), power-of-two windows.
        CHECK(q.neglected_max[i] <= 1e-9);
        CHECK(std::has_single_bit(q.length_max[i]));
        CHECK(static_cast<double>(q.length_max[i]) > r.peak_hour_hi);
    }
}

TEST_CASE("predict_quantity: pooled quantiles equal an independent pooling of the per-draw PMFs") {
    std::vector<arrival_draw> draws;
    for (double s : {0.3, 0.8, 1.2, 0.5, 1.0}) {
        arrival_draw d;
        d.alpha = -1.0 + s;
        d.sigma_machine = s;
        d.sigma_minute = 1.5 - s / 2;
        d.phi = 2.0;
        draws.push_back(d);
    }
    pr::prediction_options opt;
    opt.users = {1, 20, 200};
    const auto q = pr::predict_quantity(
        "new_per_second", draws.size(), [&](std::size_t i) { return pr::one_user_pmf(draws[i], opt.one_user); }, opt);
    // Independent pooling: N-fold convolution of each draw's one-user PMF by the FFT power, averaged
    // with plain cumulative sums from the bottom (the library sums survival from the top).
    for (std::size_t i = 0; i < opt.users.size(); ++i) {
        std::vector<double> pooled;
        double mean = 0;
        for (const auto& d : draws) {
            const auto one = pr::one_user_pmf(d, opt.one_user);
            const auto r = pr::n_user_pmf(one, std::vector<std::int64_t>{opt.users[i]});
            if (pooled.size() < r.fft_length) pooled.resize(r.fft_length, 0.0);
            for (std::size_t k = 0; k < r.fft_length; ++k) pooled[k] += r.pmf(0, k) / 5.0;
            mean += static_cast<double>(opt.users[i]) * pr::mean(one) / 5.0;
        }
        auto quantile = [&](double p) {
            double c = 0;
            for (std::size_t k = 0; k < pooled.size(); ++k)
                if ((c += pooled[k]) >= p) return static_cast<double>(k);
            return static_cast<double>(pooled.size());
        };
        const auto& r = q.rows[i];
        INFO("N " << opt.users[i]);
        CHECK(r.pooled_p50 == quantile(0.5));
        CHECK(r.pooled_p95 == quantile(0.95));
        CHECK(r.pooled_p99 == quantile(0.99));
        CHECK(std::abs(r.pooled_p999 - quantile(0.999)) <= 1); // top vs bottom sums may straddle a step
        CHECK(r.pooled_mean == Approx(mean).epsilon(1e-9));
        double fft_mean = 0;
        for (std::size_t k = 0; k < pooled.size(); ++k) fft_mean += static_cast<double>(k) * pooled[k];
        CHECK(fft_mean == Approx(r.pooled_mean).epsilon(1e-6)); // the FFT PMF's own mean
        CHECK(r.pooled_mean == static_cast<double>(opt.users[i]) * q.rows[0].pooled_mean);
    }
    // The credible band brackets its median at every exceedance level.
    for (const auto& c : q.curves)
        for (std::size_t l = 0; l < c.exceedance.size(); ++l) {
            CHECK(c.lo[l] <= c.median[l]);
            CHECK(c.median[l] <= c.hi[l]);
        }
}

TEST_CASE("predict_quantity: closed-form means give the pooled mean, whatever lies beyond the window") {
    // Two draws: a Poisson(3) PMF cut at 8 (mass beyond it reported), and a draw wholly beyond its
    // window (a dropped simulation). Their exact means are known: 3 and 500.
    std::vector<double> p(8);
    double lost = 1;
    for (std::size_t k = 0; k < p.size(); ++k)
        lost -= (p[k] = std::exp(-3.0 + double(k) * std::log(3.0) - std::lgamma(k + 1.0)));
    pr::prediction_options opt;
    opt.users = {1, 7};
    opt.n_user.max_length = 64;
    const auto with_exact = pr::predict_quantity(
        "log_lines_per_minute", 2,
        [&](std::size_t i) {
            return i == 0 ? pr::truncated_pmf{p, lost, 3.0} : pr::truncated_pmf{{0.0}, 1.0, 500.0};
        },
        opt);
    for (const auto& r : with_exact.rows) {
        CHECK(r.pooled_mean == Approx(double(r.users) * (3.0 + 500.0) / 2).epsilon(1e-12));
        CHECK(std::find(r.at_least.begin(), r.at_least.end(), "pooled_mean") == r.at_least.end());
    }
    // Without closed forms: the represented part only, marked as a lower bound.
    const auto without = pr::predict_quantity(
        "log_lines_per_minute", 2,
        [&](std::size_t i) {
            return i == 0 ? pr::truncated_pmf{p, lost} : pr::truncated_pmf{{0.0}, 1.0};
        },
        opt);
    double represented = 0;
    for (std::size_t k = 0; k < p.size(); ++k) represented += double(k) * p[k];
    CHECK(without.rows[0].pooled_mean == Approx(represented / 2).epsilon(1e-12));
    CHECK(std::find(without.rows[0].at_least.begin(), without.rows[0].at_least.end(), "pooled_mean") !=
          without.rows[0].at_least.end());
}

TEST_CASE("xtensor subset of the FFT power: complex exp over a broadcast outer product, views") {
    xt::xtensor<double, 1> n = xt::xtensor<double, 1>::from_shape({3});
    n(0) = 1, n(1) = 2, n(2) = 10;
    xt::xtensor<std::complex<double>, 1> z = xt::xtensor<std::complex<double>, 1>::from_shape({4});
    for (std::size_t j = 0; j < 4; ++j)
        z(j) = std::polar(0.9 - 0.1 * static_cast<double>(j), 0.7 * static_cast<double>(j));
    xt::xtensor<std::complex<double>, 1> logz = xt::log(z);
    xt::xtensor<std::complex<double>, 2> powered =
        xt::exp(xt::view(n, xt::all(), xt::newaxis()) * xt::view(logz, xt::newaxis(), xt::all()));
    REQUIRE(powered.shape()[0] == 3);
    REQUIRE(powered.shape()[1] == 4);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 4; ++j) {
            const auto expect = std::pow(z(j), static_cast<int>(n(i)));
            CHECK(std::abs(powered(i, j) - expect) < 1e-14);
        }
    // Row pointers are contiguous (row-major), as the inverse FFT reads them.
    CHECK(&powered(1, 0) == &powered(0, 0) + 4);
    // Growing an accumulator through a range view, as the shock mixture does.
    xt::xtensor<double, 2> acc = xt::zeros<double>({2, 3});
    xt::xtensor<double, 2> src = {{1, 2}, {3, 4}};
    xt::view(acc, xt::all(), xt::range(0, 2)) += 0.5 * src;
    CHECK(acc(0, 0) == 0.5);
    CHECK(acc(1, 1) == 2.0);
    CHECK(acc(1, 2) == 0.0);
}

TEST_CASE("n_user_pmf_batch: draws share one window and give n_user_pmf's PMFs") {
    std::vector<pr::truncated_pmf> ones;
    for (double s : {0.2, 1.0, 0.6}) {
        arrival_draw d;
        d.alpha = 0.5 - s;
        d.sigma_machine = s;
        d.sigma_minute = 1.0;
        d.phi = 1.0 + s;
        ones.push_back(pr::one_user_pmf(d));
    }
    const std::vector<std::int64_t> users{1, 7, 60};
    const auto batch = pr::n_user_pmf_batch(ones, users);
    REQUIRE(batch.size() == ones.size());
    for (std::size_t d = 0; d < ones.size(); ++d) {
        const auto single = pr::n_user_pmf(ones[d], users);
        CHECK(batch[d].fft_length == batch[0].fft_length);
        CHECK(batch[d].fft_length >= single.fft_length);
        CHECK(batch[d].one_user_mean == Approx(single.one_user_mean).epsilon(1e-14));
        for (std::size_t i = 0; i < users.size(); ++i) {
            double diff = 0;
            for (std::size_t k = 0; k < batch[d].fft_length; ++k)
                diff += std::abs(batch[d].pmf(i, k) - (k < single.fft_length ? single.pmf(i, k) : 0.0));
            INFO("draw " << d << " N " << users[i]);
            CHECK(diff < 1e-12);
            CHECK(batch[d].neglected[i] <= 1e-9);
        }
    }
}
