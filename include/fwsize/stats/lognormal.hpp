// lognormal — log T ~ Normal(mu, sigma), with what censored and truncated durations need: log-pdf,
// log-cdf and log-survival, each with its partials in mu and log sigma. Boost.Math style: a
// validated parameter object + free functions found by ADL (lpdf, lcdf, lccdf, rng, mean, variance).
//
// A right-censored duration (still open at capture end, seen for c seconds) contributes lccdf(c);
// a left-truncated one (only seen because it outlived a seconds) divides by the survival at a:
// lpdf(t) - lccdf(a). The tails of log Phi are computed without underflow (asymptotic series below
// z = -30), so a far-out censoring time never yields -inf.
#pragma once

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include <boost/math/special_functions/erf.hpp>
#include <boost/random/normal_distribution.hpp>

namespace fwsize::stats {
inline namespace v0 {

/// LogNormal(mu, sigma): mu finite (log seconds), sigma > 0 finite.
class lognormal {
public:
    lognormal(double mu, double sigma) : mu_(mu), sigma_(sigma) {
        if (!std::isfinite(mu)) throw std::domain_error("lognormal: mu must be finite");
        if (!(sigma > 0) || !std::isfinite(sigma))
            throw std::domain_error("lognormal: sigma must be positive and finite, got " + std::to_string(sigma));
    }
    [[nodiscard]] double mu() const noexcept { return mu_; }
    [[nodiscard]] double sigma() const noexcept { return sigma_; }

private:
    double mu_, sigma_;
};

/// A value with its partials in mu and log sigma.
struct lognormal_gradient {
    double value = 0;
    double d_mu = 0;
    double d_log_sigma = 0;
};

namespace detail {

inline constexpr double half_log_2pi = 0.91893853320467274178;

/// log Phi(z), accurate in both tails.
inline double log_normal_cdf(double z) {
    if (z > 0) return std::log1p(-0.5 * boost::math::erfc(z / std::numbers::sqrt2));
    if (z > -30) return std::log(0.5 * boost::math::erfc(-z / std::numbers::sqrt2));
    // Mills-ratio series: Phi(z) = phi(z)/(-z) * (1 - 1/z^2 + 3/z^4 - 15/z^6 + 105/z^8 - ...)
    const double r = 1 / (z * z);
    const double s = 1 - r * (1 - r * (3 - r * (15 - r * (105 - r * 945))));
    return -0.5 * z * z - std::log(-z) - half_log_2pi + std::log(s);
}

/// phi(z)/Phi(z) (inverse Mills ratio), computed in logs so it stays finite at z << 0.
inline double inverse_mills(double z) {
    return std::exp(-0.5 * z * z - half_log_2pi - log_normal_cdf(z));
}

} // namespace detail

/// log f(t) for t > 0.
inline lognormal_gradient lpdf_gradient(const lognormal& d, double t) {
    if (!(t > 0)) throw std::domain_error("lognormal lpdf: t must be positive");
    const double lt = std::log(t), z = (lt - d.mu()) / d.sigma();
    return {-lt - std::log(d.sigma()) - detail::half_log_2pi - 0.5 * z * z, z / d.sigma(), z * z - 1};
}

/// log P(T <= t).
inline lognormal_gradient lcdf_gradient(const lognormal& d, double t) {
    if (!(t > 0)) throw std::domain_error("lognormal lcdf: t must be positive");
    const double z = (std::log(t) - d.mu()) / d.sigma();
    const double m = detail::inverse_mills(z);
    return {detail::log_normal_cdf(z), -m / d.sigma(), -z * m};
}

/// log P(T > t) (log-survival). t = 0 gives 0 (nothing is truncated).
inline lognormal_gradient lccdf_gradient(const lognormal& d, double t) {
    if (t < 0) throw std::domain_error("lognormal lccdf: t must be non-negative");
    if (t == 0) return {};
    const double z = (std::log(t) - d.mu()) / d.sigma();
    const double m = detail::inverse_mills(-z);
    return {detail::log_normal_cdf(-z), m / d.sigma(), z * m};
}

inline double lpdf(const lognormal& d, double t) {
    return lpdf_gradient(d, t).value;
}
inline double lcdf(const lognormal& d, double t) {
    return lcdf_gradient(d, t).value;
}
inline double lccdf(const lognormal& d, double t) {
    return lccdf_gradient(d, t).value;
}

inline double mean(const lognormal& d) {
    return std::exp(d.mu() + 0.5 * d.sigma() * d.sigma());
}
inline double variance(const lognormal& d) {
    const double s2 = d.sigma() * d.sigma();
    return std::expm1(s2) * std::exp(2 * d.mu() + s2);
}

template <class Engine>
double rng(const lognormal& d, Engine& eng) {
    return std::exp(boost::random::normal_distribution<double>(d.mu(), d.sigma())(eng));
}

} // namespace v0
} // namespace fwsize::stats
