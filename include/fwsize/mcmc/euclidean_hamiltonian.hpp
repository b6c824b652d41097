// euclidean_hamiltonian — H(q, p) = V(q) + p'M^{-1}p/2 with V = -log density, plus the leapfrog
// integrator, for a diagonal or dense inverse metric (Stan's diag_e / dense_e).
// A point whose log density or gradient is not finite gets V = +inf, so NUTS rejects it.
#pragma once

#include <cmath>
#include <limits>

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <boost/random/normal_distribution.hpp>

#include <fwsize/mcmc/log_density_model.hpp>
#include <fwsize/mcmc/sampler_config.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

/// A point in phase space: position q, momentum p, potential V and its gradient dV/dq.
struct phase_point {
    Eigen::VectorXd q, p, dv_dq;
    double v = 0;
};

template <log_density_model M>
class euclidean_hamiltonian {
public:
    using point = phase_point;

    euclidean_hamiltonian(const M& model, metric_kind kind) : model_(&model), kind_(kind) {
        const auto d = static_cast<Eigen::Index>(model.dimension());
        set_inv_metric(kind == metric_kind::diag_e ? Eigen::MatrixXd(Eigen::VectorXd::Ones(d))
                                                   : Eigen::MatrixXd(Eigen::MatrixXd::Identity(d, d)));
    }

    [[nodiscard]] metric_kind kind() const { return kind_; }

    /// diag_e: a d x 1 column of variances; dense_e: the d x d inverse metric.
    void set_inv_metric(const Eigen::MatrixXd& inv) {
        inv_metric_ = inv;
        if (kind_ == metric_kind::dense_e) chol_ = Eigen::LLT<Eigen::MatrixXd>(inv).matrixL();
    }
    [[nodiscard]] const Eigen::MatrixXd& inv_metric() const { return inv_metric_; }

    /// Evaluates V and dV/dq at z.q; non-finite values make V = +inf.
    void update_potential(point& z) const {
        z.dv_dq.resize(z.q.size());
        double lp;
        try {
            lp = model_->log_density(z.q, z.dv_dq);
        } catch (const std::exception&) { // a model that throws on a bad point is a rejection too
            lp = -std::numeric_limits<double>::infinity();
        }
        if (!std::isfinite(lp) || !z.dv_dq.allFinite()) {
            z.v = std::numeric_limits<double>::infinity();
            z.dv_dq.setZero();
            return;
        }
        z.v = -lp;
        z.dv_dq = -z.dv_dq;
    }

    [[nodiscard]] double tau(const point& z) const {
        if (kind_ == metric_kind::diag_e) return 0.5 * z.p.dot(inv_metric_.col(0).cwiseProduct(z.p));
        return 0.5 * z.p.dot(inv_metric_ * z.p);
    }
    [[nodiscard]] double H(const point& z) const { return z.v + tau(z); }

    /// p# = M^{-1} p, the velocity.
    [[nodiscard]] Eigen::VectorXd dtau_dp(const point& z) const {
        if (kind_ == metric_kind::diag_e) return inv_metric_.col(0).cwiseProduct(z.p);
        return inv_metric_ * z.p;
    }

    /// p ~ N(0, M).
    template <class Rng>
    void sample_p(point& z, Rng& rng) const {
        boost::random::normal_distribution<double> n01;
        Eigen::VectorXd u(z.q.size());
        for (Eigen::Index i = 0; i < u.size(); ++i) u[i] = n01(rng);
        if (kind_ == metric_kind::diag_e) z.p = u.cwiseQuotient(inv_metric_.col(0).cwiseSqrt());
        else // M^{-1} = L L' => p = L'^{-1} u has covariance (L L')^{-1} = M
            z.p = chol_.transpose().triangularView<Eigen::Upper>().solve(u);
    }

    /// One leapfrog step of size eps (negative = backwards in time).
    void evolve(point& z, double eps) const {
        z.p -= 0.5 * eps * z.dv_dq;
        z.q += eps * dtau_dp(z);
        update_potential(z);
        z.p -= 0.5 * eps * z.dv_dq;
    }

private:
    const M* model_;
    metric_kind kind_;
    Eigen::MatrixXd inv_metric_;
    Eigen::MatrixXd chol_;
};

} // namespace v0
} // namespace fwsize::mcmc
