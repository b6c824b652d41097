// Closed-form moments the session simulation is checked against (Little's law) and sized by
// (warmup): mean arrival rate of a new user, mean and quantiles of a holding time.
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/model/holding_time_draw.hpp>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

inline double logistic(double x) {
    return x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x));
}

/// E[logistic(m + s·U)], U ~ N(0, 1): trapezoid on ±10 sd (smooth, bounded integrand).
inline double mean_idle_probability(const model::arrival_draw& a) {
    if (!(a.idle_logit_sd > 0)) return logistic(a.idle_logit_mean);
    constexpr int n = 4001;
    constexpr double lo = -10.0, h = 20.0 / (n - 1);
    double sum = 0, wsum = 0;
    for (int i = 0; i < n; ++i) {
        const double u = lo + i * h, w = (i == 0 || i == n - 1 ? 0.5 : 1.0) * std::exp(-0.5 * u * u);
        sum += w * logistic(a.idle_logit_mean + a.idle_logit_sd * u);
        wsum += w;
    }
    return sum / wsum;
}

/// Mean arrivals per second of a new user (machine and minute effects integrated out):
/// E exp(alpha + sigma_k z + sigma_m e) = exp(alpha + (sigma_k² + sigma_m²)/2), mixed with the
/// idle rate in the two-state model.
inline double mean_arrival_rate_per_second(const model::arrival_draw& a) {
    const double active =
        std::exp(a.alpha + 0.5 * (a.sigma_machine * a.sigma_machine + a.sigma_minute * a.sigma_minute));
    if (!a.two_state) return active;
    const double pi = mean_idle_probability(a);
    return pi * std::exp(a.alpha_idle) + (1 - pi) * active;
}

inline void validate(const model::holding_time_draw& h, const char* what) {
    const auto k = h.weight.size();
    if (h.mu.size() != k || h.sigma.size() != k)
        throw std::invalid_argument(std::string(what) + ": holding-time weight, mu and sigma differ in length");
    if (!(h.p_zero >= 0 && h.p_zero <= 1))
        throw std::invalid_argument(std::string(what) + ": holding-time p_zero outside [0, 1]");
    if (k == 0 && h.p_zero < 1)
        throw std::invalid_argument(std::string(what) + ": holding-time mixture has no component but p_zero < 1");
    double sum = 0;
    for (std::size_t j = 0; j < k; ++j) {
        if (!(h.weight[j] >= 0) || !(h.sigma[j] >= 0) || !std::isfinite(h.mu[j]))
            throw std::invalid_argument(std::string(what) + ": holding-time component " + std::to_string(j) +
                                        " invalid");
        sum += h.weight[j];
    }
    if (k > 0 && std::abs(sum - 1) > 1e-6)
        throw std::invalid_argument(std::string(what) + ": holding-time weights sum to " + std::to_string(sum) +
                                    ", not 1");
}

/// E[duration] = (1 - p_zero) Σ w_j exp(mu_j + sigma_j²/2), seconds.
inline double mean_duration_s(const model::holding_time_draw& h) {
    double m = 0;
    for (std::size_t j = 0; j < h.weight.size(); ++j)
        m += h.weight[j] * std::exp(h.mu[j] + 0.5 * h.sigma[j] * h.sigma[j]);
    return (1 - h.p_zero) * m;
}

/// P(duration <= x).
inline double duration_cdf(const model::holding_time_draw& h, double x) {
    if (x < 0) return 0;
    double c = 0;
    if (x > 0)
        for (std::size_t j = 0; j < h.weight.size(); ++j) {
            const double z =
                h.sigma[j] > 0 ? (std::log(x) - h.mu[j]) / h.sigma[j] : (std::log(x) >= h.mu[j] ? INFINITY : -INFINITY);
            c += h.weight[j] * 0.5 * std::erfc(-z / std::sqrt(2.0));
        }
    return h.p_zero + (1 - h.p_zero) * c;
}

/// The q-quantile of the duration (bisection on log x), seconds.
inline double duration_quantile_s(const model::holding_time_draw& h, double q) {
    if (duration_cdf(h, 0) >= q) return 0;
    double lo = -30, hi = 30; // log seconds: 1e-13 s .. 1e13 s
    if (duration_cdf(h, std::exp(hi)) < q) return std::exp(hi);
    for (int i = 0; i < 100; ++i) {
        const double mid = 0.5 * (lo + hi);
        (duration_cdf(h, std::exp(mid)) < q ? lo : hi) = mid;
    }
    return std::exp(hi);
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
