// arrival_model — the hierarchical NB2 count model of design.md §4 for one series, evaluated from
// sufficient statistics (one gradient costs O(blocks + max count), not O(seconds)).
//
//   y[k,t] ~ NB2(mu[k,m], phi)
//   log mu[k,m] = alpha + sigma_machine*z[k] + sigma_minute*e[k,m]   (non-centred machine level)
//               = a[k] + sigma_minute*e[k,m], a[k] ~ N(alpha, sigma_machine)   (centred option)
//   alpha ~ N(0,2); sigma_machine, sigma_minute ~ N+(0,1); 1/sqrt(phi) ~ N+(0,1); z, e ~ N(0,1)
//
// Two-state minutes: each block is idle with probability pi_k, counts NB2(exp(alpha_idle), phi),
// or active as above. The shape term sum_k G_k log1p(k/phi) is common to both states (same phi),
// so it factors out and each block is a log-sum-exp of two O(1) terms. Hierarchy of pi_k:
//   logit pi_k = idle_logit_mean + idle_logit_sd*w_k, w_k ~ N(0,1),
//   idle_logit_mean ~ N(0,1.5), idle_logit_sd ~ N+(0,1);
// idle is the quieter state by construction, alpha_idle = alpha - exp(d) with d ~ N(1,1), so the
// labels cannot switch.
//
// Unconstrained layout: alpha, log sigma_machine, log sigma_minute, log(1/sqrt(phi)),
// [d, idle_logit_mean, log idle_logit_sd], z_machine (or a) [K], [w [K]], z_minute [blocks].
// Output (Stan order: parameters, then generated quantities): alpha, sigma_machine,
// sigma_minute, phi, [alpha_idle, idle_logit_mean, idle_logit_sd], z_machine.k, [z_idle.k],
// z_minute.j (blocks machine by machine), then log_phi. In the centred variant z_machine.k is
// written standardised, (a_k - alpha)/sigma_machine, so both variants give the same columns.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <fwsize/model/count_data.hpp>
#include <fwsize/stats/nb2.hpp>

namespace fwsize::model {
inline namespace v0 {

enum class minute_model { lognormal, two_state };
enum class machine_level { noncentred, centred };

struct arrival_model_options {
    minute_model minutes = minute_model::lognormal;
    machine_level machines = machine_level::noncentred;
};

class arrival_model {
public:
    arrival_model(const count_data& data, arrival_model_options opt = {})
        : opt_(opt), stats_(summarize(data)), K_(stats_.machines), B_(stats_.blocks.size()) {}

    [[nodiscard]] const arrival_model_options& options() const noexcept { return opt_; }
    [[nodiscard]] const count_suffstats& stats() const noexcept { return stats_; }
    [[nodiscard]] bool two_state() const noexcept { return opt_.minutes == minute_model::two_state; }
    [[nodiscard]] std::size_t machines() const noexcept { return K_; }
    [[nodiscard]] std::size_t blocks() const noexcept { return B_; }

    [[nodiscard]] std::size_t dimension() const noexcept { return machine_offset() + K_ * (two_state() ? 2 : 1) + B_; }

    [[nodiscard]] std::vector<std::string> parameter_names() const {
        std::vector<std::string> n{"alpha", "sigma_machine", "sigma_minute", "phi"};
        if (two_state()) n.insert(n.end(), {"alpha_idle", "idle_logit_mean", "idle_logit_sd"});
        for (std::size_t k = 1; k <= K_; ++k) n.push_back("z_machine." + std::to_string(k));
        if (two_state())
            for (std::size_t k = 1; k <= K_; ++k) n.push_back("z_idle." + std::to_string(k));
        for (std::size_t j = 1; j <= B_; ++j) n.push_back("z_minute." + std::to_string(j));
        n.push_back("log_phi");
        return n;
    }

    /// Offsets into the unconstrained vector.
    [[nodiscard]] std::size_t machine_offset() const noexcept { return two_state() ? 7 : 4; }
    [[nodiscard]] std::size_t idle_offset() const noexcept { return machine_offset() + K_; }
    [[nodiscard]] std::size_t minute_offset() const noexcept { return machine_offset() + K_ * (two_state() ? 2 : 1); }

    /// log p(q | data) including every data constant (-sum lgamma(y+1)); prior constants dropped.
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& grad) const {
        grad = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dimension()));
        const hyper h = unpack(q);
        if (!h.ok) return -std::numeric_limits<double>::infinity();
        double lp = prior(q, h, grad);

        std::vector<double> level(K_), g_level(K_, 0.0), log_pi(K_), log_1mpi(K_), pi(K_), g_logit(K_, 0.0);
        machine_levels(q, h, level);
        if (two_state()) idle_probs(q, h, log_pi, log_1mpi, pi);

        const std::size_t eo = minute_offset();
        double d_tau = 0, g_eta_idle = 0;
        const double eta_idle = h.alpha_idle;
        for (std::size_t b = 0; b < B_; ++b) {
            const auto& blk = stats_.blocks[b];
            const std::size_t k = blk.machine;
            const double e = q[static_cast<Eigen::Index>(eo + b)];
            const double eta = level[k] + h.sigma_minute * e;
            const auto ta = stats::detail::block_terms(eta, h.phi, blk.n, static_cast<double>(blk.sum));
            double g_eta;
            if (!two_state()) {
                lp += ta.value;
                g_eta = ta.d_log_mu;
                d_tau += ta.d_log_phi;
            } else {
                const auto ti = stats::detail::block_terms(eta_idle, h.phi, blk.n, static_cast<double>(blk.sum));
                const double li = log_pi[k] + ti.value, la = log_1mpi[k] + ta.value;
                const double m = std::max(li, la);
                const double lse = m + std::log(std::exp(li - m) + std::exp(la - m));
                const double r = std::exp(li - lse); // posterior probability that the block is idle
                lp += lse;
                g_eta = (1 - r) * ta.d_log_mu;
                g_eta_idle += r * ti.d_log_mu;
                d_tau += r * ti.d_log_phi + (1 - r) * ta.d_log_phi;
                g_logit[k] += r - pi[k];
            }
            grad[static_cast<Eigen::Index>(eo + b)] += h.sigma_minute * g_eta;
            g_level[k] += g_eta;
            grad[2] += h.sigma_minute * e * g_eta;
        }
        const auto sh = stats::shape_term(h.phi, stats_.exceed);
        lp += sh.value - stats_.log_factorial_sum;
        d_tau += sh.d_log_phi;
        grad[3] += -2 * d_tau; // tau = log phi = -2 * q[3]

        chain_machine_levels(q, h, g_level, grad);
        if (two_state()) {
            grad[0] += g_eta_idle;
            grad[4] += -std::exp(q[4]) * g_eta_idle; // alpha_idle = alpha - exp(d)
            const std::size_t wo = idle_offset();
            for (std::size_t k = 0; k < K_; ++k) {
                const double w = q[static_cast<Eigen::Index>(wo + k)];
                grad[5] += g_logit[k];
                grad[6] += h.idle_sd * w * g_logit[k];
                grad[static_cast<Eigen::Index>(wo + k)] += h.idle_sd * g_logit[k];
            }
        }
        return lp;
    }

    /// The same log density, summed second by second with stats::lpmf: the O(seconds) oracle the
    /// tests compare log_density with. Needs the raw counts.
    [[nodiscard]] double log_density_per_second(const Eigen::VectorXd& q, const count_data& data) const {
        Eigen::VectorXd g;
        const hyper h = unpack(q);
        if (!h.ok) return -std::numeric_limits<double>::infinity();
        double lp = prior(q, h, g = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dimension())));
        std::vector<double> level(K_), log_pi(K_), log_1mpi(K_), pi(K_);
        machine_levels(q, h, level);
        if (two_state()) idle_probs(q, h, log_pi, log_1mpi, pi);
        for (std::size_t b = 0; b < B_; ++b) {
            const auto& blk = stats_.blocks[b];
            const double eta = level[blk.machine] + h.sigma_minute * q[static_cast<Eigen::Index>(minute_offset() + b)];
            const stats::nb2 active(std::exp(eta), h.phi), idle(std::exp(h.alpha_idle), h.phi);
            double la = 0, li = 0;
            for (std::uint32_t t = 0; t < blk.n; ++t) {
                const auto y = data.counts[blk.machine][std::size_t{blk.minute} * data.seconds_per_block + t];
                la += lpmf(active, y);
                if (two_state()) li += lpmf(idle, y);
            }
            if (!two_state()) lp += la;
            else {
                const double a = log_1mpi[blk.machine] + la, i = log_pi[blk.machine] + li, m = std::max(a, i);
                lp += m + std::log(std::exp(a - m) + std::exp(i - m));
            }
        }
        return lp;
    }

    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        const hyper h = unpack(q);
        out.clear();
        out.reserve(dimension() + 4);
        out.insert(out.end(), {h.alpha, h.sigma_machine, h.sigma_minute, h.phi});
        if (two_state()) out.insert(out.end(), {h.alpha_idle, q[5], h.idle_sd});
        for (std::size_t k = 0; k < K_; ++k) {
            const double v = q[static_cast<Eigen::Index>(machine_offset() + k)];
            out.push_back(opt_.machines == machine_level::noncentred ? v : (v - h.alpha) / h.sigma_machine);
        }
        for (std::size_t i = idle_offset(); i < static_cast<std::size_t>(q.size()); ++i) out.push_back(q[static_cast<Eigen::Index>(i)]);
        out.push_back(-2 * q[3]);
    }

private:
    struct hyper {
        bool ok = true;
        double alpha, sigma_machine, sigma_minute, inv_sqrt_phi, phi, alpha_idle = 0, idle_sd = 0;
    };

    hyper unpack(const Eigen::VectorXd& q) const {
        hyper h;
        if (static_cast<std::size_t>(q.size()) != dimension() || !q.allFinite()) {
            h.ok = false;
            return h;
        }
        h.alpha = q[0];
        h.sigma_machine = std::exp(q[1]);
        h.sigma_minute = std::exp(q[2]);
        h.inv_sqrt_phi = std::exp(q[3]);
        h.phi = std::exp(-2 * q[3]); // may be +inf: the exact Poisson limit
        if (two_state()) {
            h.alpha_idle = q[0] - std::exp(q[4]);
            h.idle_sd = std::exp(q[6]);
        }
        h.ok = h.phi > 0 && h.sigma_machine > 0 && h.sigma_minute > 0 && std::isfinite(h.sigma_machine) &&
               std::isfinite(h.sigma_minute) && std::isfinite(h.alpha_idle) && std::isfinite(h.idle_sd);
        return h;
    }

    /// Priors with the log-Jacobians of the log transforms; adds their gradient.
    double prior(const Eigen::VectorXd& q, const hyper& h, Eigen::VectorXd& g) const {
        double lp = -q[0] * q[0] / 8;
        g[0] += -q[0] / 4;
        // half-normal(0,1) on x = exp(s), with the Jacobian: -x^2/2 + s
        const auto half_normal_log = [&](Eigen::Index i, double x) {
            lp += -x * x / 2 + q[i];
            g[i] += -x * x + 1;
        };
        half_normal_log(1, h.sigma_machine);
        half_normal_log(2, h.sigma_minute);
        half_normal_log(3, h.inv_sqrt_phi);
        if (two_state()) {
            lp += -(q[4] - 1) * (q[4] - 1) / 2;
            g[4] += -(q[4] - 1);
            lp += -q[5] * q[5] / (2 * 1.5 * 1.5);
            g[5] += -q[5] / (1.5 * 1.5);
            half_normal_log(6, h.idle_sd);
        }
        const std::size_t mo = machine_offset();
        for (std::size_t k = 0; k < K_; ++k) {
            const auto i = static_cast<Eigen::Index>(mo + k);
            if (opt_.machines == machine_level::noncentred) {
                lp += -q[i] * q[i] / 2;
                g[i] += -q[i];
            } else { // a_k ~ N(alpha, sigma_machine)
                const double r = (q[i] - h.alpha) / h.sigma_machine;
                lp += -r * r / 2 - q[1];
                g[i] += -r / h.sigma_machine;
                g[0] += r / h.sigma_machine;
                g[1] += r * r - 1;
            }
        }
        for (auto i = static_cast<Eigen::Index>(idle_offset()); i < q.size(); ++i) { // w and e ~ N(0,1)
            lp += -q[i] * q[i] / 2;
            g[i] += -q[i];
        }
        return lp;
    }

    void machine_levels(const Eigen::VectorXd& q, const hyper& h, std::vector<double>& level) const {
        for (std::size_t k = 0; k < K_; ++k) {
            const double v = q[static_cast<Eigen::Index>(machine_offset() + k)];
            level[k] = opt_.machines == machine_level::noncentred ? h.alpha + h.sigma_machine * v : v;
        }
    }

    void chain_machine_levels(const Eigen::VectorXd& q, const hyper& h, const std::vector<double>& g_level,
                              Eigen::VectorXd& g) const {
        for (std::size_t k = 0; k < K_; ++k) {
            const auto i = static_cast<Eigen::Index>(machine_offset() + k);
            if (opt_.machines == machine_level::noncentred) {
                g[0] += g_level[k];
                g[1] += h.sigma_machine * q[i] * g_level[k];
                g[i] += h.sigma_machine * g_level[k];
            } else {
                g[i] += g_level[k];
            }
        }
    }

    void idle_probs(const Eigen::VectorXd& q, const hyper& h, std::vector<double>& log_pi,
                    std::vector<double>& log_1mpi, std::vector<double>& pi) const {
        const auto softplus = [](double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); };
        for (std::size_t k = 0; k < K_; ++k) {
            const double l = q[5] + h.idle_sd * q[static_cast<Eigen::Index>(idle_offset() + k)];
            log_pi[k] = -softplus(-l);
            log_1mpi[k] = -softplus(l);
            pi[k] = std::exp(log_pi[k]);
        }
    }

    arrival_model_options opt_;
    count_suffstats stats_;
    std::size_t K_, B_;
};

} // namespace v0
} // namespace fwsize::model
