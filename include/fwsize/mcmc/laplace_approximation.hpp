// laplace_approximation — the mode of a log density on the unconstrained space and the inverse of
// its Hessian there: a Gaussian approximation of the posterior, used to start chains near the
// typical set with a metric of the right shape (gaussian_start). Damped Newton; the Hessian is the
// central difference of the model's own gradient (2d gradients), so any log_density_model works.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <fwsize/mcmc/log_density_model.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

struct laplace_options {
    int max_iterations = 100;
    double tolerance = 1e-12; ///< stop when the Newton decrement g' H^-1 g / 2 is below this (~
                              ///< squared distance to the mode in posterior sds, / 2)
};

struct laplace_result {
    Eigen::VectorXd mode;
    Eigen::MatrixXd cov; ///< inverse of the negative Hessian at the mode (empty unless converged)
    double log_density = -std::numeric_limits<double>::infinity();
    int iterations = 0;
    long gradients = 0; ///< gradient evaluations spent
    bool converged = false;
    std::string why; ///< when not converged: what stopped it
};

namespace detail {
/// Negative Hessian of log p at q by central differences of the gradient, symmetrised.
template <log_density_model M>
bool negative_hessian(const M& model, const Eigen::VectorXd& q, Eigen::MatrixXd& h, long& gradients) {
    const auto d = q.size();
    h.resize(d, d);
    Eigen::VectorXd x = q, gp, gm;
    for (Eigen::Index i = 0; i < d; ++i) {
        const double step = 1e-5 * std::max(1.0, std::abs(q[i]));
        x[i] = q[i] + step;
        const double lp = model.log_density(x, gp);
        x[i] = q[i] - step;
        const double lm = model.log_density(x, gm);
        x[i] = q[i];
        gradients += 2;
        if (!std::isfinite(lp) || !std::isfinite(lm) || !gp.allFinite() || !gm.allFinite()) return false;
        h.col(i) = -(gp - gm) / (2 * step);
    }
    h = (0.5 * (h + h.transpose())).eval();
    return true;
}
} // namespace detail

/// Maximises log p from `start` by Newton steps damped towards gradient ascent (Levenberg) when
/// the Hessian is not negative definite or a step does not increase log p (Armijo backtracking).
template <log_density_model M>
laplace_result laplace_approximation(const M& model, Eigen::VectorXd start, const laplace_options& opt = {}) {
    laplace_result r;
    const auto d = start.size();
    Eigen::VectorXd q = std::move(start), g, g_try, step;
    double lp = model.log_density(q, g);
    ++r.gradients;
    if (!std::isfinite(lp) || !g.allFinite()) {
        r.why = "log density or gradient not finite at the start";
        return r;
    }
    Eigen::MatrixXd h;
    const Eigen::MatrixXd eye = Eigen::MatrixXd::Identity(d, d);
    for (r.iterations = 0; r.iterations < opt.max_iterations; ++r.iterations) {
        if (!detail::negative_hessian(model, q, h, r.gradients)) {
            r.why = "gradient not finite near the current point";
            break;
        }
        Eigen::LLT<Eigen::MatrixXd> llt(h);
        const bool definite = llt.info() == Eigen::Success;
        const auto converge = [&] {
            r.converged = true;
            r.mode = q;
            r.log_density = lp;
            r.cov = llt.solve(eye);
            r.cov = (0.5 * (r.cov + r.cov.transpose())).eval();
            return r;
        };
        const double decrement = definite ? g.dot(llt.solve(g)) / 2 : std::numeric_limits<double>::infinity();
        if (decrement < opt.tolerance) return converge();
        // Damping mu: 0 when the Newton step is usable, else grown until the step ascends.
        const double scale = std::max(1e-8, h.diagonal().cwiseAbs().maxCoeff());
        double mu = definite ? 0.0 : 1e-6 * scale;
        bool moved = false;
        for (int tries = 0; tries < 40 && !moved; ++tries) {
            Eigen::LLT<Eigen::MatrixXd> damped(h + mu * eye);
            if (damped.info() == Eigen::Success) {
                step = damped.solve(g);
                for (double t = 1; t > 1e-4 && !moved; t /= 2) {
                    const Eigen::VectorXd q_try = q + t * step;
                    const double lp_try = model.log_density(q_try, g_try);
                    ++r.gradients;
                    if (std::isfinite(lp_try) && g_try.allFinite() && lp_try >= lp + 1e-4 * t * g.dot(step)) {
                        q = q_try;
                        lp = lp_try;
                        g = g_try;
                        moved = true;
                    }
                }
            }
            mu = std::max(10 * mu, 1e-6 * scale);
        }
        if (!moved) {
            // At the mode round-off in log p can veto every step; a decrement this small puts q
            // within ~0.05 posterior sd of the mode, close enough for what the result is used for.
            if (decrement < 1e-3) return converge();
            r.why = "no step increases the log density";
            break;
        }
    }
    if (r.why.empty()) r.why = "no convergence in " + std::to_string(opt.max_iterations) + " Newton iterations";
    r.mode = q;
    r.log_density = lp;
    return r;
}

} // namespace v0
} // namespace fwsize::mcmc
