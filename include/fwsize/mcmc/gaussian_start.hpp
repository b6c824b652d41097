// gaussian_start — where chains start and with which metric, from a Gaussian approximation of the
// posterior (e.g. laplace_approximation). Stan starts every chain at U(-2, 2) with a unit metric;
// when the posterior's scales differ by orders of magnitude (log phi pinned to 0.003 by a day of
// seconds, a machine level to 0.3) most of warmup's gradients go to finding the typical set and
// its shape. Chain k starts at mean + spread * L z_k (L L' = cov, z_k ~ N(0, I) from the chain's
// own stream): spread > 1 keeps the starts overdispersed, so R_hat still compares chains that began
// apart. The initial inverse metric is cov (its diagonal for diag_e); the adaptation windows then
// replace it exactly as they replace Stan's unit metric.
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace fwsize::mcmc {
inline namespace v0 {

struct gaussian_start {
    Eigen::VectorXd mean;
    Eigen::MatrixXd cov;
    double spread = 2.0;
};

namespace detail {
/// Throws std::invalid_argument unless `s` fits a model of dimension d: sizes, finite values,
/// spread > 0, cov symmetric positive definite.
inline void check_start(const gaussian_start& s, std::size_t d) {
    const auto n = static_cast<Eigen::Index>(d);
    if (s.mean.size() != n || s.cov.rows() != n || s.cov.cols() != n)
        throw std::invalid_argument("gaussian_start: mean and cov must match the model's dimension " +
                                    std::to_string(d));
    if (!s.mean.allFinite() || !s.cov.allFinite() || !(s.spread > 0) || !std::isfinite(s.spread))
        throw std::invalid_argument("gaussian_start: mean, cov and spread must be finite, spread > 0");
    if (!s.cov.isApprox(s.cov.transpose()) || Eigen::LLT<Eigen::MatrixXd>(s.cov).info() != Eigen::Success)
        throw std::invalid_argument("gaussian_start: cov is not symmetric positive definite");
}
} // namespace detail

} // namespace v0
} // namespace fwsize::mcmc
