// ebfmi — energy Bayesian fraction of missing information of one chain (Betancourt 2016):
// sum of squared energy increments over the energy's sum of squared deviations. Below 0.3 the
// momentum resampling explores the energy distribution poorly.
#pragma once

#include <Eigen/Core>

#include <fwsize/mcmc/detail/draws_ops.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

inline double ebfmi(const Eigen::VectorXd& energy) {
    if (energy.size() < 2 || !energy.allFinite()) return detail::nan;
    const Eigen::Index n = energy.size();
    const double num = (energy.tail(n - 1) - energy.head(n - 1)).squaredNorm();
    const double den = (energy.array() - energy.mean()).square().sum();
    return den > 0 ? num / den : detail::nan;
}

} // namespace v0
} // namespace fwsize::mcmc
