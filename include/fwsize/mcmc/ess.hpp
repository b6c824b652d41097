// ess — effective sample size (Vehtari et al. 2021; posterior's .ess, Stan's ess.hpp): Geyer's
// initial positive then monotone sequence on the multi-chain autocorrelation, tau floored at
// 1/log10(MN). Draws matrices are draws x chains. Non-finite or constant input gives NaN.
#pragma once

#include <algorithm>
#include <cmath>

#include <Eigen/Core>

#include <fwsize/mcmc/autocovariance.hpp>
#include <fwsize/mcmc/detail/draws_ops.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

namespace detail {
inline double sample_variance(const Eigen::VectorXd& v) {
    if (v.size() < 2) return 0;
    return (v.array() - v.mean()).square().sum() / double(v.size() - 1);
}

/// ESS of the chains as given (no splitting, no rank normalisation).
inline double ess_raw(const Eigen::MatrixXd& x) {
    const Eigen::Index n = x.rows(), m = x.cols();
    if (n < 3 || !finite_and_varies(x)) return nan;
    Eigen::MatrixXd acov(n, m);
    Eigen::VectorXd chain_mean(m);
    for (Eigen::Index c = 0; c < m; ++c) {
        acov.col(c) = autocovariance(x.col(c));
        chain_mean[c] = x.col(c).mean();
    }
    const double dn = double(n);
    const double mean_var = acov.row(0).mean() * dn / (dn - 1);
    double var_plus = mean_var * (dn - 1) / dn;
    if (m > 1) var_plus += sample_variance(chain_mean);
    auto rho_at = [&](Eigen::Index t) { return 1.0 - (mean_var - acov.row(t).mean()) / var_plus; };

    Eigen::VectorXd rho = Eigen::VectorXd::Zero(n);
    Eigen::Index t = 0;
    double even = 1.0, odd = rho_at(1);
    rho[0] = even;
    rho[1] = odd;
    while (t < n - 5 && !std::isnan(even + odd) && even + odd > 0) {
        t += 2;
        even = rho_at(t);
        odd = rho_at(t + 1);
        if (even + odd >= 0) {
            rho[t] = even;
            rho[t + 1] = odd;
        }
    }
    const Eigen::Index max_t = t;
    if (even > 0) rho[max_t] = even;      // improved estimate for antithetic chains
    for (t = 2; t <= max_t - 2; t += 2) { // initial monotone sequence
        if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
            rho[t] = 0.5 * (rho[t - 2] + rho[t - 1]);
            rho[t + 1] = rho[t];
        }
    }
    const double total = double(m) * dn;
    double tau = -1 + 2 * rho.head(std::max<Eigen::Index>(max_t, 1)).sum() + rho[max_t];
    tau = std::max(tau, 1.0 / std::log10(total));
    return total / tau;
}

/// ESS of the indicator 1{x <= Q_p} on split chains.
inline double ess_quantile_indicator(const Eigen::MatrixXd& x, double p) {
    if (!finite_and_varies(x)) return nan;
    const double q = quantile7(x, p);
    return ess_raw(split_chains((x.array() <= q).cast<double>().matrix()));
}
} // namespace detail

/// Basic ESS (no rank normalisation), on split chains unless split = false.
inline double ess_basic(const Eigen::MatrixXd& x, bool split = true) {
    if (!detail::finite_and_varies(x)) return detail::nan;
    return detail::ess_raw(split ? detail::split_chains(x) : x);
}

/// Bulk-ESS: ESS of the z-scaled split chains.
inline double ess_bulk(const Eigen::MatrixXd& x) {
    if (!detail::finite_and_varies(x)) return detail::nan;
    return detail::ess_raw(detail::z_scale(detail::split_chains(x)));
}

/// Tail-ESS: min of the ESS of the 5% and 95% quantile indicators. When one indicator is
/// constant (NaN), Stan 2.36 returns the other and posterior returns NaN; we follow Stan.
inline double ess_tail(const Eigen::MatrixXd& x) {
    const double lo = detail::ess_quantile_indicator(x, 0.05), hi = detail::ess_quantile_indicator(x, 0.95);
    if (std::isnan(lo)) return hi;
    if (std::isnan(hi)) return lo;
    return std::min(lo, hi);
}

} // namespace v0
} // namespace fwsize::mcmc
