// KS test of uniformity: statistic and exact p-value against R's ks.test(exact = TRUE) (golden
// values below, made by R 4.2.2 on the same samples), the worked example of Marsaglia, Tsang & Wang
// (2003), and Monte Carlo of the null distribution in both the exact and the large-n branch.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>

#include "../../catch.hpp"

#include <fwsize/stats/ks_test.hpp>

namespace fs = fwsize::stats;

namespace {
/// The sample R was given: u_i = frac(i * golden ratio)^a, i = 1..n.
std::vector<double> golden_sample(std::size_t n, double a) {
    std::vector<double> u;
    for (std::size_t i = 1; i <= n; ++i)
        u.push_back(std::pow(std::fmod(static_cast<double>(i) * 0.6180339887498949, 1.0), a));
    return u;
}
struct r_row {
    std::size_t n;
    double a, statistic, p_value;
};
} // namespace

TEST_CASE("ks_test_uniform equals R's exact ks.test", "[stats][ks]") {
    // R: x <- ((1:n * 0.6180339887498949) %% 1)^a; ks.test(x, "punif", exact = TRUE)
    const std::vector<r_row> rows{
        {5, 1.00, 0.18196601125010509, 0.98579307031457608},   {10, 1.50, 0.21413172824335422, 0.67418583690347045},
        {30, 1.20, 0.072573118962406535, 0.99401820476865788}, {100, 1.15, 0.061391507979472286, 0.82281983546159498},
        {400, 1.05, 0.020334252807415795, 0.995379020567145},  {1000, 1.03, 0.011900648433802508, 0.99863563840676761},
        {20, 2.00, 0.29337892368385859, 0.050874442657630858}, {100, 1.40, 0.13013299854531732, 0.061656378111238586},
        {300, 1.20, 0.068797106221946375, 0.1115094395362547}, {1000, 1.12, 0.042471453415617866, 0.052681462056731965},
    };
    for (const auto& r : rows) {
        const auto t = fs::ks_test_uniform(golden_sample(r.n, r.a));
        INFO("n = " << r.n << ", a = " << r.a);
        CHECK(t.n == r.n);
        CHECK(std::abs(t.statistic - r.statistic) <= 1e-12);
        CHECK(std::abs(t.p_value - r.p_value) <= 1e-9 * std::max(1.0, r.p_value));
    }
}

TEST_CASE("ks_cdf reproduces Marsaglia-Tsang-Wang's example and the trivial ends", "[stats][ks]") {
    CHECK(std::abs(fs::ks_cdf(10, 0.274) - 0.6284796154565043) < 1e-13);
    CHECK(fs::ks_cdf(10, 0.05) == 0.0); // D_n >= 1/(2n) always
    CHECK(fs::ks_cdf(10, 1.0) == 1.0);
    // n = 1: D = max(u, 1 - u) so P(D < d) = 2d - 1 on [1/2, 1].
    CHECK(std::abs(fs::ks_cdf(1, 0.8) - 0.6) < 1e-14);
    // Monotone in d.
    double last = 0;
    for (double d = 0.01; d < 1; d += 0.01) {
        const double c = fs::ks_cdf(37, d);
        CHECK(c >= last - 1e-15);
        last = c;
    }
    CHECK_THROWS(fs::ks_cdf(0, 0.5));
    CHECK_THROWS(fs::ks_test_uniform(std::vector<double>{}));
    CHECK_THROWS(fs::ks_test_uniform(std::vector<double>{0.5, 1.5}));
}

TEST_CASE("ks_cdf is the null distribution of D_n (Monte Carlo), exact and large-n branches", "[stats][ks]") {
    boost::random::mt19937_64 eng(20261122);
    boost::random::uniform_01<double> unif;
    for (std::size_t n : {std::size_t{7}, std::size_t{60}, std::size_t{2500}}) {
        const int reps = n > 1000 ? 3000 : 40000;
        std::vector<double> d(static_cast<std::size_t>(reps)), u(n);
        for (auto& x : d) {
            for (auto& v : u) v = unif(eng);
            x = fs::ks_statistic_uniform(u);
        }
        for (double p : {0.1, 0.5, 0.9, 0.99}) {
            // Empirical P(D < d_p) at the empirical p-quantile d_p equals p up to MC error
            std::sort(d.begin(), d.end());
            const double dp = d[static_cast<std::size_t>(p * reps)];
            const double model = fs::ks_cdf(n, dp);
            const double se = std::sqrt(p * (1 - p) / reps);
            // the large-n branch is an approximation good to ~1e-3
            const double tol = 4.5 * se + (n > fs::ks_exact_limit ? 3e-3 : 0.0) + 1.0 / reps;
            INFO("n = " << n << ", p = " << p << ", d_p = " << dp << ", ks_cdf = " << model);
            CHECK(std::abs(model - p) < tol);
        }
    }
}

TEST_CASE("the large-n branch joins the exact one", "[stats][ks]") {
    const std::size_t n = fs::ks_exact_limit;
    for (double x : {0.6, 0.9, 1.2, 1.6}) {
        const double d = x / std::sqrt(static_cast<double>(n));
        INFO("sqrt(n) d = " << x);
        CHECK(std::abs(fs::ks_cdf(n, d) - fs::ks_cdf(n + 1, d)) < 3e-3);
    }
}
