// add_nb2 — adds weight * NB2(k | mu, phi) to out[k] for every k inside out, walking out from the
// mode: k = 0 underflows for large mu and lgamma differences cancel for large phi, while the
// ratio p(k+1)/p(k) = mu/(k+1) * (1 + k/phi)/(1 + mu/phi) is exact in both limits (phi = inf is
// Poisson). Only the mode value comes from Boost.Math.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/poisson.hpp>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

/// NB2 pmf at k: variance mu + mu^2/phi; phi = +inf gives Poisson(mu).
inline double nb2_pmf(double k, double mu, double phi) {
    if (mu <= 0) return k == 0 ? 1.0 : 0.0;
    // NB with p this close to 1 equals the Poisson to double precision over the whole support
    // that carries mass (relative difference ~ (k - mu)^2 / phi).
    if (!std::isfinite(phi) || mu / phi < 1e-15) return boost::math::pdf(boost::math::poisson(mu), k);
    return boost::math::pdf(boost::math::negative_binomial(phi, phi / (mu + phi)), k);
}

/// Ratio p(k+1)/p(k) of NB2(mu, phi).
inline double nb2_ratio(double k, double mu, double phi) {
    return mu / (k + 1.0) * (1.0 + k / phi) / (1.0 + mu / phi);
}

/// Adds weight * NB2(. | mu, phi) to out, stopping each direction once the weighted rest of that
/// tail is provably below `absolute_cutoff`. Returns the unweighted mass written.
inline double add_nb2(std::span<double> out, double mu, double phi, double weight, double absolute_cutoff = 1e-22) {
    if (out.empty() || weight == 0) return 0.0;
    const double cutoff = absolute_cutoff / weight;
    if (mu <= 0) {
        out[0] += weight;
        return 1.0;
    }
    const double n = static_cast<double>(out.size());
    const double mode = std::floor(mu * (1.0 - 1.0 / phi));
    const double k0 = std::clamp(mode, 0.0, n - 1.0);
    const double p0 = nb2_pmf(k0, mu, phi);
    if (!(p0 > 0)) return 0.0; // the whole window is deep in a tail
    const bool poisson = !std::isfinite(phi);
    const double q = poisson ? 0.0 : mu / (mu + phi); // limit of the ratio; 0 < q < 1 (0 for Poisson)
    // nb2_ratio with one division: mu/(k+1) (1 + k/phi)/(1 + mu/phi) = q (phi + k)/(k + 1).
    const auto ratio = [&](double k) { return poisson ? mu / (k + 1.0) : q * (phi + k) / (k + 1.0); };
    double placed = p0;
    out[static_cast<std::size_t>(k0)] += weight * p0;

    // Upward: past the mode ratios fall toward q when phi >= 1 and rise toward q when phi < 1, so
    // max(r, q) bounds every later ratio and the tail is at most p * b / (1 - b). The ratio of the
    // next step doubles as that bound, so each bin costs one ratio.
    double p = p0, r = ratio(k0);
    for (double k = k0; k + 1 < n; k += 1.0) {
        p *= r;
        if (p == 0) break;
        out[static_cast<std::size_t>(k + 1)] += weight * p;
        placed += p;
        r = ratio(k + 1);
        if (k + 1 > mode) {
            const double b = poisson ? r : std::max(r, q);
            if (b < 1 && p * b < cutoff * (1 - b)) break;
        }
    }
    // Downward from the mode: ratios p(k-1)/p(k) = 1/r(k-1) shrink as k falls.
    p = p0;
    for (double k = k0; k > 0; k -= 1.0) {
        const double down = 1.0 / ratio(k - 1);
        p *= down;
        if (p == 0) break;
        out[static_cast<std::size_t>(k - 1)] += weight * p;
        placed += p;
        if (down < 1 && p * down < cutoff * (1 - down)) break;
    }
    return placed;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
