// rhat — potential scale reduction: basic split R-hat and the rank-normalised split R-hat
// (max of bulk and folded), Vehtari et al. 2021. Draws matrices are draws x chains.
#pragma once

#include <algorithm>
#include <cmath>

#include <Eigen/Core>

#include <fwsize/mcmc/detail/draws_ops.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

namespace detail {
/// sqrt((B/W + N - 1)/N) for chains as given.
inline double rhat_raw(const Eigen::MatrixXd& x) {
    const Eigen::Index n = x.rows(), m = x.cols();
    if (n < 2 || m < 2 || !finite_and_varies(x)) return nan;
    Eigen::VectorXd means(m), vars(m);
    for (Eigen::Index c = 0; c < m; ++c) {
        means[c] = x.col(c).mean();
        vars[c] = (x.col(c).array() - means[c]).square().sum() / double(n - 1);
    }
    const double b = double(n) * (means.array() - means.mean()).square().sum() / double(m - 1);
    const double w = vars.mean();
    return std::sqrt((b / w + double(n) - 1) / double(n));
}
} // namespace detail

/// Classic split R-hat (no rank normalisation); split = false for the unsplit chains.
inline double rhat_basic(const Eigen::MatrixXd& x, bool split = true) {
    if (!detail::finite_and_varies(x)) return detail::nan;
    return detail::rhat_raw(split ? detail::split_chains(x) : x);
}

/// Rank-normalised split R-hat of the bulk (z-scaled draws).
inline double rhat_bulk(const Eigen::MatrixXd& x) {
    if (!detail::finite_and_varies(x)) return detail::nan;
    return detail::rhat_raw(detail::z_scale(detail::split_chains(x)));
}

/// Rank-normalised split R-hat of the folded draws (scale / tails).
inline double rhat_tail(const Eigen::MatrixXd& x) {
    if (!detail::finite_and_varies(x)) return detail::nan;
    return detail::rhat_raw(detail::z_scale(detail::split_chains(detail::fold_draws(x))));
}

/// The rank-normalised R-hat: max(bulk, folded).
inline double rhat(const Eigen::MatrixXd& x) {
    const double b = rhat_bulk(x), t = rhat_tail(x);
    if (std::isnan(b) || std::isnan(t)) return detail::nan;
    return std::max(b, t);
}

} // namespace v0
} // namespace fwsize::mcmc
