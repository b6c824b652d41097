// eta_mixture — a one-user count as NB2(exp(eta), phi) with eta drawn from a mixture of normals;
// new_user_mixture builds it from one arrival-model draw (design.md §4-5) for a *new* user: a new
// machine effect and a new minute effect, optionally conditional on an office-wide shock.
#pragma once

#include <cmath>
#include <stdexcept>
#include <vector>

#include <fwsize/model/arrival_draw.hpp>

namespace fwsize::predict {
inline namespace v0 {

struct eta_component {
    double weight = 1.0;
    double mean = 0.0; ///< of eta = log mu
    double sd = 0.0;   ///< 0: a point mass
};

struct eta_mixture {
    std::vector<eta_component> parts;
    double phi = 1.0; ///< NB2 shape shared by every part; +inf = Poisson
};

namespace detail {
/// E[logistic(m + s Z)], Z ~ N(0,1): trapezoid on a fine grid (the integrand is smooth, width >= 1).
inline double mean_logistic_normal(double m, double s) {
    auto logistic = [](double x) { return x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x)); };
    if (s <= 0) return logistic(m);
    const double h = 0.05;
    double num = 0, den = 0;
    for (double z = -10; z <= 10 + 1e-12; z += h) {
        const double w = std::exp(-0.5 * z * z);
        num += w * logistic(m + s * z);
        den += w;
    }
    return num / den;
}
} // namespace detail

/// The per-second (or per-period) count of a new user, for one posterior draw.
/// rho = share of the minute effect's *variance* common to the office; `shock` = that common
/// standard-normal effect. With rho = 0 the shock is irrelevant. In the two-state model the shock
/// moves active minutes only; idle minutes have the fixed rate exp(alpha_idle).
inline eta_mixture new_user_mixture(const model::arrival_draw& d, double shock = 0.0, double rho = 0.0) {
    if (!(rho >= 0 && rho <= 1)) throw std::invalid_argument("new_user_mixture: rho must be in [0, 1]");
    if (!(d.phi > 0)) throw std::invalid_argument("new_user_mixture: phi must be > 0");
    if (!(d.sigma_machine >= 0) || !(d.sigma_minute >= 0))
        throw std::invalid_argument("new_user_mixture: sigmas must be >= 0");
    eta_mixture m;
    m.phi = d.phi;
    const double mean = d.alpha + d.sigma_minute * std::sqrt(rho) * shock;
    const double sd = std::sqrt(d.sigma_machine * d.sigma_machine + (1 - rho) * d.sigma_minute * d.sigma_minute);
    if (!d.two_state) {
        m.parts.push_back({1.0, mean, sd});
        return m;
    }
    // A minute is idle with the machine's probability pi_k; a random second of a new user is idle
    // with probability E[pi_k].
    const double idle = detail::mean_logistic_normal(d.idle_logit_mean, d.idle_logit_sd);
    if (idle > 0) m.parts.push_back({idle, d.alpha_idle, 0.0});
    if (idle < 1) m.parts.push_back({1 - idle, mean, sd});
    return m;
}

} // namespace v0
} // namespace fwsize::predict
