// mcse — Monte Carlo standard errors of the mean and of the standard deviation (posterior's
// mcse_mean / mcse_sd, Stan's mcse.hpp). Draws matrices are draws x chains.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include <Eigen/Core>
#include <boost/math/distributions/beta.hpp>

#include <fwsize/mcmc/ess.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

/// sd / sqrt(basic split ESS).
inline double mcse_mean(const Eigen::MatrixXd& x) {
    if (x.rows() < 4 || !detail::finite_and_varies(x)) return detail::nan;
    const double var = (x.array() - x.mean()).square().sum() / double(x.size() - 1);
    return std::sqrt(var / ess_basic(x));
}

/// Delta-method MCSE of the sd, with the ESS of the absolute centred draws.
inline double mcse_sd(const Eigen::MatrixXd& x) {
    if (x.rows() < 4 || !detail::finite_and_varies(x)) return detail::nan;
    const Eigen::MatrixXd ctr = (x.array() - x.mean()).abs().matrix();
    const double ess = detail::ess_raw(detail::split_chains(ctr));
    const double evar = ctr.array().square().mean();
    const double varvar = (ctr.array().pow(4).mean() - evar * evar) / ess;
    return std::sqrt(varvar / evar / 4.0);
}

/// MCSE of the p-quantile (posterior's mcse_quantile): half the width of the +-1 sd interval of
/// the order statistics implied by a Beta(ess p + 1, ess (1 - p) + 1) on the quantile's rank.
inline double mcse_quantile(const Eigen::MatrixXd& x, double p) {
    const double ess = detail::ess_quantile_indicator(x, p);
    if (std::isnan(ess)) return detail::nan;
    const boost::math::beta_distribution<double> b(ess * p + 1, ess * (1 - p) + 1);
    const double lo = boost::math::quantile(b, 0.15865525393145707), hi = boost::math::quantile(b, 0.8413447460685429);
    std::vector<double> v(x.data(), x.data() + x.size());
    std::sort(v.begin(), v.end());
    const auto s = static_cast<double>(v.size());
    const auto i1 = static_cast<std::size_t>(std::max(1.0, std::floor(lo * s))) - 1;
    const auto i2 = static_cast<std::size_t>(std::min(s, std::ceil(hi * s))) - 1;
    return 0.5 * (v[i2] - v[i1]);
}

} // namespace v0
} // namespace fwsize::mcmc
