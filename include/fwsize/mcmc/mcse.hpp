// mcse — Monte Carlo standard errors of the mean and of the standard deviation (posterior's
// mcse_mean / mcse_sd, Stan's mcse.hpp). Draws matrices are draws x chains.
#pragma once

#include <cmath>

#include <Eigen/Core>

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

} // namespace v0
} // namespace fwsize::mcmc
