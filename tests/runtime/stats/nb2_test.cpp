// NB2: values and partials against sampler-reference.md §4 (mpmath, 40 digits), finite
// differences over the whole accuracy range, and the moments of rng by Monte Carlo.
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include <boost/random/mersenne_twister.hpp>

#include "../../catch.hpp"

#include <fwsize/stats/nb2.hpp>

using fwsize::stats::nb2;

namespace {

bool close_rel_strict(double a, double b, double tol) {
    return std::abs(a - b) <= tol * std::abs(b) + 1e-300;
}

struct ref_row {
    std::uint64_t y;
    double mu, phi, lpmf, d_eta, d_tau;
};

} // namespace

TEST_CASE("nb2 matches the 40-digit reference table to 1e-12 relative", "[stats][nb2]") {
    // sampler-reference.md §4 (the table gives 15 significant digits)
    const std::vector<ref_row> rows{
        {0, 2.5, 1.7, -1.53757566618616, -1.01190476190476, -0.525670904281397},
        {3, 2.5, 1.7, -2.05350367193708, 0.202380952380952, 0.349132470521978},
        {17, 4, 0.5, -5.09724739194087, 1.44444444444444, -0.1446230039875},
        {0, 1e-3, 10, -9.99950003333083e-4, -9.99900009999e-4, -4.99933340832533e-8},
        {5, 3, 1e8, -2.2944303044415, 1.99999994, 5.00000029999997e-9},
        {2, 0.2, 0.01, -5.41639258841097, 0.0857142857142857, 0.89374148000749},
    };
    for (const auto& r : rows) {
        INFO("y=" << r.y << " mu=" << r.mu << " phi=" << r.phi);
        const auto g = lpmf_gradient(nb2(r.mu, r.phi), r.y);
        // The table itself carries 15 digits: 1e-12 relative is well above its rounding.
        CHECK(close_rel_strict(g.value, r.lpmf, 1e-12));
        CHECK(close_rel_strict(g.d_log_mu, r.d_eta, 1e-12));
        CHECK(close_rel_strict(g.d_log_phi, r.d_tau, 1e-12));
    }
}

TEST_CASE("nb2 sufficient statistics reproduce the grouped reference", "[stats][nb2]") {
    fwsize::stats::nb2_suffstats s;
    for (std::uint64_t y : {0, 0, 1, 3, 0, 2, 7, 1, 0, 4}) s.add(y);
    CHECK(s.n == 10);
    CHECK(s.sum == 18);
    CHECK(s.exceed == std::vector<std::uint64_t>{6, 4, 3, 2, 1, 1, 1});
    const auto g = lpmf_gradient(nb2(1.8, 0.9), s);
    CHECK(close_rel_strict(g.value, -18.2269576495387, 1e-12));
    CHECK(std::abs(g.d_log_mu) < 1e-14);
    CHECK(close_rel_strict(g.d_log_phi, -0.133550186732835, 1e-12));
    // and it equals the sum of single-count lpmfs
    double sum = 0;
    for (std::uint64_t y : {0, 0, 1, 3, 0, 2, 7, 1, 0, 4}) sum += lpmf(nb2(1.8, 0.9), y);
    CHECK(close_rel_strict(g.value, sum, 1e-13));
}

TEST_CASE("nb2 aggregation: sum of 3 iid NB2(1.8,0.9) at 4", "[stats][nb2]") {
    CHECK(close_rel_strict(std::exp(lpmf(nb2(5.4, 2.7), 4)), 0.11343172488002, 1e-12));
}

TEST_CASE("nb2 partials agree with central finite differences over mu 1e-8..1e6, phi 1e-3..1e8", "[stats][nb2]") {
    for (double mu : {1e-8, 1e-4, 0.3, 2.5, 40.0, 1e3, 1e6})
        for (double phi : {1e-3, 0.05, 1.0, 30.0, 1e4, 1e8})
            for (std::uint64_t y : {0ULL, 1ULL, 4ULL, 25ULL}) {
                INFO("y=" << y << " mu=" << mu << " phi=" << phi);
                const double eta = std::log(mu), tau = std::log(phi), h = 1e-5;
                const auto f = [&](double e, double t) { return lpmf(nb2(std::exp(e), std::exp(t)), y); };
                const auto g = lpmf_gradient(nb2(mu, phi), y);
                const double fd_eta = (f(eta + h, tau) - f(eta - h, tau)) / (2 * h);
                const double fd_tau = (f(eta, tau + h) - f(eta, tau - h)) / (2 * h);
                // mixed tolerance: the differences carry roundoff ~ |f| * 1e-16 / h
                const double tol = 1e-6 * std::max(1.0, std::abs(g.value) * 1e-4);
                CHECK(std::abs(g.d_log_mu - fd_eta) <= tol * std::max(1.0, std::abs(fd_eta)));
                CHECK(std::abs(g.d_log_phi - fd_tau) <= tol * std::max(1.0, std::abs(fd_tau)));
                CHECK(std::isfinite(g.value));
            }
}

TEST_CASE("nb2 stays exact toward the Poisson limit: no floor on 1/sqrt(phi) needed", "[stats][nb2]") {
    // Poisson(5 | 3) = 5 log 3 - 3 - log 120; NB2 differs by O(1/phi) and must approach it smoothly
    const double poisson = 5 * std::log(3.0) - 3 - std::log(120.0);
    double prev_gap = 1;
    for (double phi : {1e8, 1e10, 1e12, 1e14, 1e16, 1e20, 1e30}) {
        INFO("phi=" << phi);
        const auto g = lpmf_gradient(nb2(3, phi), 5);
        const double gap = g.value - poisson;
        // leading term of the gap: ((y-mu)^2 - y)/(2 phi) = (4 - 5)/(2 phi)
        // roundoff of a value near -2.3 is a few 1e-16
        CHECK(std::abs(gap - (-0.5 / phi)) <= 1e-14 + 1e-6 * 0.5 / phi);
        CHECK(std::abs(gap) <= prev_gap + 1e-14);
        prev_gap = std::abs(gap);
        // d/dlog phi -> ((y-mu)^2 - y)/(2 phi) * (-1) = 0.5/phi, positive and tiny, never noise
        CHECK(std::abs(g.d_log_phi - 0.5 / phi) <= 1e-6 * 0.5 / phi);
    }
    const auto inf = lpmf_gradient(nb2(3, std::numeric_limits<double>::infinity()), 5);
    CHECK(std::abs(inf.value - poisson) < 1e-15);
    CHECK(inf.d_log_phi == 0);
}

TEST_CASE("nb2 rng reproduces mean and variance", "[stats][nb2]") {
    boost::random::mt19937_64 eng(20261122);
    for (auto [mu, phi] : {std::pair{2.5, 1.7}, std::pair{0.2, 0.05}, std::pair{40.0, 1e9}}) {
        const nb2 d(mu, phi);
        const int n = 200000;
        double s = 0, s2 = 0;
        for (int i = 0; i < n; ++i) {
            const double y = static_cast<double>(rng(d, eng));
            s += y;
            s2 += y * y;
        }
        const double m = s / n, v = s2 / n - m * m;
        INFO("mu=" << mu << " phi=" << phi << " mean=" << m << " var=" << v);
        CHECK(std::abs(m - mean(d)) < 5 * std::sqrt(variance(d) / n));
        CHECK(std::abs(v / variance(d) - 1) < 0.1);
    }
    CHECK_THROWS(nb2(-1, 1));
    CHECK_THROWS(nb2(1, 0));
}

TEST_CASE("nb2 shape term: closed-form runs equal the plain sum for huge counts", "[stats][nb2]") {
    // counts 0, 3, 5000, 20000: long runs of equal G between the distinct values
    std::vector<std::uint64_t> exceed(20000, 0);
    for (std::size_t k = 0; k < exceed.size(); ++k) exceed[k] = (k < 3) + (k < 5000) + 1;
    for (double phi : {0.01, 1.0, 40.0, 3000.0, 1e5, 1e9}) {
        long double v = 0, d = 0;
        for (std::size_t k = 1; k < exceed.size(); ++k) {
            v += static_cast<long double>(exceed[k]) * std::log1p(static_cast<long double>(k) / phi);
            d -=
                static_cast<long double>(exceed[k]) * static_cast<long double>(k) / (phi + static_cast<long double>(k));
        }
        const auto s = fwsize::stats::shape_term(phi, exceed);
        INFO("phi=" << phi << " value " << s.value << " vs " << static_cast<double>(v));
        CHECK(std::abs(s.value - static_cast<double>(v)) <= 1e-12 * std::abs(static_cast<double>(v)));
        CHECK(std::abs(s.d_log_phi - static_cast<double>(d)) <= 1e-12 * std::abs(static_cast<double>(d)));
    }
}

TEST_CASE("nb2: the loop-free log1p(x) - x/(1+x) equals the series form", "[stats][nb2]") {
    // neg_log1m_minus_small (2 atanh form, fixed polynomial) against the plain positive series, over
    // u = x/(1+x) from 1e-12 to 0.1 and on the l1x - u branch above.
    double worst = 0;
    for (double x = 1e-12; x < 1e3; x *= 1.05) {
        const double u = x / (1 + x), l1x = std::log1p(x);
        const double a = fwsize::stats::detail::log1p_minus_ratio_fast(l1x, u);
        const double b = fwsize::stats::detail::log1p_minus_ratio(l1x, u);
        worst = std::max(worst, std::abs(a - b) / b);
    }
    INFO("worst relative difference " << worst);
    CHECK(worst < 1e-14);
}
