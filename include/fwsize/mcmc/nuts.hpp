// nuts — one transition of Stan's multinomial No-U-Turn sampler (base_nuts.hpp): biased
// progressive sampling between subtrees at the top, uniform progressive sampling inside them, the
// generalised no-U-turn criterion checked across the merged tree and the two sub-tree boundaries,
// divergence when the energy error exceeds 1000. Generic over the Hamiltonian system so the tree
// building can be tested with a mock integrator.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <Eigen/Core>
#include <boost/random/uniform_01.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

/// What one transition reports (the Stan CSV sampler columns).
struct nuts_transition_info {
    double lp = 0, accept_stat = 0, stepsize = 0, energy = 0;
    int treedepth = 0, n_leapfrog = 0;
    bool divergent = false;
};

namespace detail {
/// Test-only sabotage, used to show the calibration tests have power. Never set in production.
enum class nuts_fault { none, last_state };

inline double log_sum_exp(double a, double b) {
    if (a == -std::numeric_limits<double>::infinity()) return b;
    if (b == -std::numeric_limits<double>::infinity()) return a;
    const double m = std::max(a, b);
    return m + std::log(std::exp(a - m) + std::exp(b - m));
}
} // namespace detail

/// System requirements: type `point` (with q, p), H(z), dtau_dp(z), evolve(z, eps),
/// sample_p(z, rng), update_potential(z).
template <class System, class Rng>
class nuts {
public:
    using point = typename System::point;

    nuts(const System& sys, Rng& rng) : sys_(&sys), rng_(&rng) {}

    int max_depth = 10;
    double max_delta_h = 1000;
    double nominal_stepsize = 1;
    double stepsize_jitter = 0;
    detail::nuts_fault fault = detail::nuts_fault::none;

    /// The step size of the last transition (jittered when jitter > 0).
    [[nodiscard]] double stepsize() const { return eps_; }

    /// One NUTS transition from z (q and potential set); z becomes the selected point.
    nuts_transition_info transition(point& z) {
        eps_ = nominal_stepsize;
        if (stepsize_jitter > 0) eps_ *= 1.0 + stepsize_jitter * (2.0 * uniform() - 1.0);
        sys_->sample_p(z, *rng_);
        z_ = z;
        point z_fwd = z_, z_bck = z_, z_sample = z_, z_propose = z_;

        Eigen::VectorXd p_fwd_fwd = z_.p, ps_fwd_fwd = sys_->dtau_dp(z_);
        Eigen::VectorXd p_fwd_bck = z_.p, ps_fwd_bck = ps_fwd_fwd;
        Eigen::VectorXd p_bck_fwd = z_.p, ps_bck_fwd = ps_fwd_fwd;
        Eigen::VectorXd p_bck_bck = z_.p, ps_bck_bck = ps_fwd_fwd;
        Eigen::VectorXd rho = z_.p;
        double log_sum_weight = 0; // log e^{H0 - H0}
        const double h0 = sys_->H(z_);
        int n_leapfrog = 0;
        double sum_metro_prob = 0;
        depth_ = 0;
        divergent_ = false;

        while (depth_ < max_depth) {
            Eigen::VectorXd rho_fwd = Eigen::VectorXd::Zero(rho.size());
            Eigen::VectorXd rho_bck = Eigen::VectorXd::Zero(rho.size());
            bool valid = false;
            double log_sum_weight_subtree = -std::numeric_limits<double>::infinity();
            if (uniform() > 0.5) { // extend forwards: the old trajectory is the backward part
                z_ = z_fwd;
                rho_bck = rho;
                p_bck_fwd = p_fwd_fwd;
                ps_bck_fwd = ps_fwd_fwd;
                valid = build_tree(depth_, z_propose, ps_fwd_bck, ps_fwd_fwd, rho_fwd, p_fwd_bck, p_fwd_fwd, h0, 1.0,
                                   n_leapfrog, log_sum_weight_subtree, sum_metro_prob);
                z_fwd = z_;
            } else {
                z_ = z_bck;
                rho_fwd = rho;
                p_fwd_bck = p_bck_bck;
                ps_fwd_bck = ps_bck_bck;
                valid = build_tree(depth_, z_propose, ps_bck_fwd, ps_bck_bck, rho_bck, p_bck_fwd, p_bck_bck, h0, -1.0,
                                   n_leapfrog, log_sum_weight_subtree, sum_metro_prob);
                z_bck = z_;
            }
            if (!valid) break;
            ++depth_;
            if (fault == detail::nuts_fault::last_state) {
                z_sample = z_propose; // broken on purpose: ignores the weights
            } else if (log_sum_weight_subtree > log_sum_weight) {
                z_sample = z_propose;
            } else if (uniform() < std::exp(log_sum_weight_subtree - log_sum_weight)) {
                z_sample = z_propose;
            }
            log_sum_weight = detail::log_sum_exp(log_sum_weight, log_sum_weight_subtree);
            rho = rho_bck + rho_fwd;
            bool persist = criterion(ps_bck_bck, ps_fwd_fwd, rho);
            persist = persist && criterion(ps_bck_bck, ps_fwd_bck, Eigen::VectorXd(rho_bck + p_fwd_bck));
            persist = persist && criterion(ps_bck_fwd, ps_fwd_fwd, Eigen::VectorXd(rho_fwd + p_bck_fwd));
            if (!persist) break;
        }

        nuts_transition_info info;
        info.n_leapfrog = n_leapfrog;
        info.accept_stat = n_leapfrog > 0 ? sum_metro_prob / n_leapfrog : 0.0;
        info.treedepth = depth_;
        info.divergent = divergent_;
        info.stepsize = eps_;
        z = z_sample;
        info.energy = sys_->H(z);
        info.lp = -z.v;
        return info;
    }

    /// Builds a subtree of 2^depth leapfrog steps from the current point in direction `sign`.
    /// Returns false when it diverged or U-turned inside. Public for the tree-building tests.
    bool build_tree(int depth, point& z_propose, Eigen::VectorXd& ps_beg, Eigen::VectorXd& ps_end, Eigen::VectorXd& rho,
                    Eigen::VectorXd& p_beg, Eigen::VectorXd& p_end, double h0, double sign, int& n_leapfrog,
                    double& log_sum_weight, double& sum_metro_prob) {
        if (depth == 0) {
            sys_->evolve(z_, sign * eps_);
            ++n_leapfrog;
            double h = sys_->H(z_);
            if (std::isnan(h)) h = std::numeric_limits<double>::infinity();
            if (h - h0 > max_delta_h) divergent_ = true;
            log_sum_weight = detail::log_sum_exp(log_sum_weight, h0 - h);
            sum_metro_prob += h0 - h > 0 ? 1.0 : std::exp(h0 - h);
            z_propose = z_;
            ps_beg = sys_->dtau_dp(z_);
            ps_end = ps_beg;
            rho += z_.p;
            p_beg = z_.p;
            p_end = p_beg;
            return !divergent_;
        }
        const auto d = z_.p.size();
        double lsw_init = -std::numeric_limits<double>::infinity();
        Eigen::VectorXd p_init_end(d), ps_init_end(d), rho_init = Eigen::VectorXd::Zero(d);
        if (!build_tree(depth - 1, z_propose, ps_beg, ps_init_end, rho_init, p_beg, p_init_end, h0, sign, n_leapfrog,
                        lsw_init, sum_metro_prob))
            return false;
        point z_propose_final = z_;
        double lsw_final = -std::numeric_limits<double>::infinity();
        Eigen::VectorXd p_final_beg(d), ps_final_beg(d), rho_final = Eigen::VectorXd::Zero(d);
        if (!build_tree(depth - 1, z_propose_final, ps_final_beg, ps_end, rho_final, p_final_beg, p_end, h0, sign,
                        n_leapfrog, lsw_final, sum_metro_prob))
            return false;
        const double lsw_subtree = detail::log_sum_exp(lsw_init, lsw_final);
        log_sum_weight = detail::log_sum_exp(log_sum_weight, lsw_subtree);
        if (fault == detail::nuts_fault::last_state || lsw_final > lsw_subtree) {
            z_propose = z_propose_final;
        } else if (uniform() < std::exp(lsw_final - lsw_subtree)) {
            z_propose = z_propose_final;
        }
        const Eigen::VectorXd rho_subtree = rho_init + rho_final;
        rho += rho_subtree;
        bool persist = criterion(ps_beg, ps_end, rho_subtree);
        persist = persist && criterion(ps_beg, ps_final_beg, Eigen::VectorXd(rho_init + p_final_beg));
        persist = persist && criterion(ps_init_end, ps_end, Eigen::VectorXd(rho_final + p_init_end));
        return persist;
    }

    /// Stan's init_stepsize heuristic: double or halve eps until one leapfrog step's acceptance
    /// crosses 0.8. z is left unchanged.
    void init_stepsize(const point& z) {
        if (nominal_stepsize == 0 || nominal_stepsize > 1e7 || std::isnan(nominal_stepsize)) return;
        auto delta_h = [&] {
            point w = z;
            sys_->sample_p(w, *rng_);
            const double start = sys_->H(w);
            sys_->evolve(w, nominal_stepsize);
            double h = sys_->H(w);
            if (std::isnan(h)) h = std::numeric_limits<double>::infinity();
            return start - h;
        };
        const int direction = delta_h() > std::log(0.8) ? 1 : -1;
        for (;;) {
            const double dh = delta_h();
            if (direction == 1 && !(dh > std::log(0.8))) break;
            if (direction == -1 && !(dh < std::log(0.8))) break;
            nominal_stepsize = direction == 1 ? 2 * nominal_stepsize : 0.5 * nominal_stepsize;
            if (nominal_stepsize > 1e7)
                throw std::runtime_error("NUTS: posterior is improper (step size above 1e7); check the model");
            if (nominal_stepsize == 0)
                throw std::runtime_error("NUTS: no acceptably small step size (every step rejected); check the model");
        }
    }

    /// Access for the tree tests: the point build_tree moves.
    point& current() { return z_; }
    void set_stepsize_for_test(double eps) { eps_ = eps; }
    [[nodiscard]] bool divergent() const { return divergent_; }

private:
    static bool criterion(const Eigen::VectorXd& ps_minus, const Eigen::VectorXd& ps_plus, const Eigen::VectorXd& rho) {
        return ps_plus.dot(rho) > 0 && ps_minus.dot(rho) > 0;
    }
    double uniform() { return boost::random::uniform_01<double>()(*rng_); }

    const System* sys_;
    Rng* rng_;
    point z_;
    double eps_ = 1;
    int depth_ = 0;
    bool divergent_ = false;
};

} // namespace v0
} // namespace fwsize::mcmc
