// nb2 — the negative binomial in its mean/shape form NB2(mu, phi): mean mu, variance mu + mu^2/phi.
// Boost.Math style: a small parameter object that validates itself, free functions found by ADL
// (lpmf, lpmf_gradient, rng, mean, variance) and a sufficient-statistics form for many seconds that
// share (mu, phi). Gradients are in eta = log mu and tau = log phi, the scales a sampler works on.
//
// Accuracy (sampler-reference.md §4): lgamma(y+phi) - lgamma(phi) is written as
// y*log(phi) + sum_{k<y} log1p(k/phi), then merged with the other terms so that every piece is
// O(1/phi) with no cancellation. The Poisson limit falls out as phi -> inf (phi = +inf is accepted
// and *is* the Poisson); there is no switch-over threshold and no digamma difference.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

namespace fwsize::stats {
inline namespace v0 {

/// NB2(mu, phi): mu > 0 finite, phi in (0, +inf]; phi = +inf is the Poisson(mu).
class nb2 {
public:
    nb2(double mu, double phi) : mu_(mu), phi_(phi) {
        if (!(mu > 0) || !std::isfinite(mu))
            throw std::domain_error("nb2: mean mu must be positive and finite, got " + std::to_string(mu));
        if (!(phi > 0)) throw std::domain_error("nb2: shape phi must be positive, got " + std::to_string(phi));
    }
    [[nodiscard]] double mu() const noexcept { return mu_; }
    [[nodiscard]] double phi() const noexcept { return phi_; }

private:
    double mu_, phi_;
};

/// A value with its partial derivatives in log mu and log phi.
struct nb2_gradient {
    double value = 0;
    double d_log_mu = 0;
    double d_log_phi = 0;
};

namespace detail {

/// -log1p(-u) - u for 0 <= u <= 0.1 without cancellation and without a loop (the hot path of the
/// marginal minute likelihood): with s = u/(2-u), -log1p(-u) = 2 atanh(s), so the value is
/// u^2/(2-u) + 2 s^3 (1/3 + s^2/5 + ... + s^12/15); the atanh part is at most s/3 < 0.018 of the
/// total and s^2 <= 0.0028, so the cut-off is below 1e-18 relative.
inline double neg_log1m_minus_small(double u) {
    const double s = u / (2 - u), s2 = s * s;
    const double p =
        1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11 + s2 * (1.0 / 13 + s2 / 15)))));
    return u * s + 2 * s * s2 * p; // u^2/(2-u) = u s
}
/// log1p(x) - x/(1+x) for x >= 0 without cancellation: with u = x/(1+x) it is
/// -log1p(-u) - u = sum_{k>=2} u^k/k, a series of positive terms. (The same value as
/// neg_log1m_minus_small to rounding; kept so the per-second model's draws stay bit-identical.)
inline double log1p_minus_ratio(double x) {
    const double u = x / (1 + x);
    if (u > 0.1) return std::log1p(x) - u;
    double term = u * u, sum = 0;
    for (int k = 2; k < 40 && term > 1e-18 * sum; ++k, term *= u) sum += term / k;
    return sum;
}
/// The same with log1p(x) and u = x/(1+x) already at hand.
inline double log1p_minus_ratio(double l1x, double u) {
    if (u > 0.1) return l1x - u;
    double term = u * u, sum = 0;
    for (int k = 2; k < 40 && term > 1e-18 * sum; ++k, term *= u) sum += term / k;
    return sum;
}
/// The marginal likelihood's hot loop: l1x - u when u > 0.1, else the loop-free form.
inline double log1p_minus_ratio_fast(double l1x, double u) {
    return u > 0.1 ? l1x - u : neg_log1m_minus_small(u);
}

/// The (mu, phi)-dependent part of the NB2 log-likelihood of n seconds with count sum S, apart from
/// the shape term sum_k G_k log1p(k/phi) and the constant -sum lgamma(y+1):
///   S*(eta - log1p(x)) - n*phi*log1p(x),  x = mu/phi,
/// with its partials in eta and tau = log phi.
inline nb2_gradient block_terms(double eta, double phi, double n, double S) {
    const double mu = std::exp(eta);
    nb2_gradient r;
    if (std::isinf(phi)) { // exact Poisson limit
        r.value = S * eta - n * mu;
        r.d_log_mu = S - n * mu;
        r.d_log_phi = 0;
        return r;
    }
    const double x = mu / phi;
    const double l1x = std::log1p(x);
    const double w = 1 / (1 + x); // phi/(mu+phi)
    r.value = S * (eta - l1x) - n * phi * l1x;
    r.d_log_mu = (S - n * mu) * w;
    r.d_log_phi =
        S * x * w - n * phi * log1p_minus_ratio(l1x, x / (1 + x)); // x / (1 + x), not x * w: bit-identical to before
    return r;
}

/// block_terms(...).value alone (no partials): for searches that need only the value.
inline double block_value(double eta, double phi, double n, double S) {
    if (std::isinf(phi)) return S * eta - n * std::exp(eta);
    const double l1x = std::log1p(std::exp(eta) / phi);
    return S * (eta - l1x) - n * phi * l1x;
}

} // namespace detail

/// Sufficient statistics of counts that share (mu, phi): n seconds, their sum S, and
/// G[k] = #{y > k} for k = 0..max-1 (the shape term needs only these).
struct nb2_suffstats {
    std::uint64_t n = 0;
    std::uint64_t sum = 0;
    std::vector<std::uint64_t> exceed; ///< exceed[k] = G_k = number of counts > k
    double log_factorial_sum = 0;      ///< sum of lgamma(y+1): the constant, for exact values

    void add(std::uint64_t y) {
        ++n;
        sum += y;
        if (exceed.size() < y) exceed.resize(y, 0);
        for (std::uint64_t k = 0; k < y; ++k) ++exceed[k];
        log_factorial_sum += boost::math::lgamma(static_cast<double>(y) + 1);
    }
};

/// sum_k G_k*log1p(k/phi) and its derivative in log phi (-sum_k G_k*k/(phi+k)); O(max count).
/// A long run of equal G_k (the gaps between large distinct counts) starting at k = a >= phi is
/// summed in closed form, lgamma(phi+b) - lgamma(phi+a) - (b-a) log phi and its digamma
/// counterpart: there every term is >= log 2, so the differences lose nothing that matters, and a
/// series with counts in the millions costs O(distinct counts). Below phi the plain loop keeps
/// full precision (the large-phi regime never takes the closed form).
inline nb2_gradient shape_term(double phi, std::span<const std::uint64_t> exceed) {
    nb2_gradient r;
    if (std::isinf(phi)) return r;
    const std::size_t K = exceed.size();
    for (std::size_t k = 1; k < K;) {
        std::size_t e = k + 1; // run [k, e) of equal G
        while (e < K && exceed[e] == exceed[k]) ++e;
        const double g = static_cast<double>(exceed[k]);
        if (g != 0 && e - k >= 64 && static_cast<double>(k) >= phi) {
            const double a = static_cast<double>(k), b = static_cast<double>(e);
            r.value += g * (boost::math::lgamma(phi + b) - boost::math::lgamma(phi + a) - (b - a) * std::log(phi));
            r.d_log_phi -= g * ((b - a) - phi * (boost::math::digamma(phi + b) - boost::math::digamma(phi + a)));
        } else if (g != 0) {
            for (std::size_t j = k; j < e; ++j) {
                const double kd = static_cast<double>(j);
                r.value += g * std::log1p(kd / phi);
                r.d_log_phi -= g * kd / (phi + kd);
            }
        }
        k = e;
    }
    return r;
}

/// Log-likelihood of all counts summarised in s, each ~ NB2(d), with partials; exact (constant
/// included).
inline nb2_gradient lpmf_gradient(const nb2& d, const nb2_suffstats& s) {
    auto r = detail::block_terms(std::log(d.mu()), d.phi(), static_cast<double>(s.n), static_cast<double>(s.sum));
    const auto sh = shape_term(d.phi(), s.exceed);
    r.value += sh.value - s.log_factorial_sum;
    r.d_log_phi += sh.d_log_phi;
    return r;
}

/// log P(Y = y) with its partials in log mu and log phi. Cost O(y).
inline nb2_gradient lpmf_gradient(const nb2& d, std::uint64_t y) {
    nb2_suffstats s;
    s.add(y);
    return lpmf_gradient(d, s);
}

inline double lpmf(const nb2& d, std::uint64_t y) {
    return lpmf_gradient(d, y).value;
}

inline double mean(const nb2& d) {
    return d.mu();
}
inline double variance(const nb2& d) {
    return std::isinf(d.phi()) ? d.mu() : d.mu() + d.mu() * d.mu() / d.phi();
}

/// One draw, as the gamma–Poisson mixture: lambda ~ Gamma(phi, mu/phi), Y ~ Poisson(lambda).
template <class Engine>
std::uint64_t rng(const nb2& d, Engine& eng) {
    double lambda = d.mu();
    if (!std::isinf(d.phi())) lambda = boost::random::gamma_distribution<double>(d.phi(), d.mu() / d.phi())(eng);
    if (!(lambda > 0)) return 0;
    // boost's Poisson uses a table-free PTRD for large means; cap at a count nobody models.
    if (lambda > 1e15) lambda = 1e15;
    return static_cast<std::uint64_t>(boost::random::poisson_distribution<std::int64_t, double>(lambda)(eng));
}

} // namespace v0
} // namespace fwsize::stats
