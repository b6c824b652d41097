// Log-normal with censoring and truncation: values against Boost.Math's distribution, far tails
// against the Mills-ratio asymptote, and every partial against central finite differences.
#include <cmath>
#include <functional>

#include <boost/math/distributions/lognormal.hpp>

#include "../../catch.hpp"

#include <fwsize/stats/lognormal.hpp>

using fwsize::stats::lognormal;

TEST_CASE("lognormal lpdf, lcdf, lccdf match Boost.Math in the body", "[stats][lognormal]") {
    for (double mu : {-2.0, 0.0, 1.5, 4.0})
        for (double sigma : {0.3, 1.0, 2.5})
            for (double t : {0.01, 0.5, 1.0, 7.0, 300.0}) {
                INFO("mu=" << mu << " sigma=" << sigma << " t=" << t);
                const boost::math::lognormal_distribution<double> ref(mu, sigma);
                const lognormal d(mu, sigma);
                const double p = boost::math::cdf(ref, t), s = boost::math::cdf(boost::math::complement(ref, t));
                CHECK(std::abs(lpdf(d, t) - std::log(boost::math::pdf(ref, t))) <
                      1e-12 * std::max(1.0, std::abs(lpdf(d, t))));
                if (p > 1e-300)
                    CHECK(std::abs(lcdf(d, t) - std::log(p)) < 1e-11 * std::max(1.0, std::abs(std::log(p))));
                if (s > 1e-300)
                    CHECK(std::abs(lccdf(d, t) - std::log(s)) < 1e-11 * std::max(1.0, std::abs(std::log(s))));
            }
}

TEST_CASE("lognormal log-survival stays finite and right far in the tail", "[stats][lognormal]") {
    const lognormal d(0, 1);
    for (double z : {10.0, 29.9, 30.1, 45.0, 100.0}) {
        const double v = lccdf(d, std::exp(z));
        // asymptote: log phi(z) - log z + log(1 - 1/z^2)
        const double approx = -0.5 * z * z - 0.91893853320467274 - std::log(z) + std::log1p(-1 / (z * z));
        INFO("z=" << z);
        CHECK(std::isfinite(v));
        CHECK(std::abs(v - approx) < 4 / std::pow(z, 4) * std::abs(approx) + 1e-12 * std::abs(approx));
    }
    // continuity across the switch at z = -30 of log Phi
    CHECK(std::abs(lcdf(d, std::exp(-29.999999)) - lcdf(d, std::exp(-30.000001))) < 1e-4);
    CHECK(lccdf(d, 0) == 0);
}

TEST_CASE("lognormal partials agree with central finite differences", "[stats][lognormal]") {
    using fn = std::function<fwsize::stats::lognormal_gradient(const lognormal&, double)>;
    const fn fs[] = {[](const lognormal& d, double t) { return lpdf_gradient(d, t); },
                     [](const lognormal& d, double t) { return lcdf_gradient(d, t); },
                     [](const lognormal& d, double t) { return lccdf_gradient(d, t); }};
    for (const auto& f : fs)
        for (double mu : {-1.0, 0.7, 3.0})
            for (double ls : {-1.0, 0.0, 0.9})
                for (double t : {0.02, 1.0, 20.0, 5000.0}) {
                    INFO("mu=" << mu << " log sigma=" << ls << " t=" << t);
                    const double h = 1e-6;
                    const auto v = [&](double m, double s) { return f(lognormal(m, std::exp(s)), t).value; };
                    const auto g = f(lognormal(mu, std::exp(ls)), t);
                    const double fd_mu = (v(mu + h, ls) - v(mu - h, ls)) / (2 * h);
                    const double fd_ls = (v(mu, ls + h) - v(mu, ls - h)) / (2 * h);
                    CHECK(std::abs(g.d_mu - fd_mu) <= 1e-6 * std::max(1.0, std::abs(fd_mu)));
                    CHECK(std::abs(g.d_log_sigma - fd_ls) <= 1e-6 * std::max(1.0, std::abs(fd_ls)));
                }
}
