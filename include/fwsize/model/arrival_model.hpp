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
// Minute effects: sampled (one parameter per block, what a Stan user writes) or, as an option,
// integrated out block by block (detail/marginal_minute.hpp: adaptive Gauss–Hermite, 15-31 nodes, at
// most ~1e-4 from the exact integral in a block's log likelihood), so the sampler sees K + 4..7
// parameters instead of K + blocks. Blocks with the same (machine, n, S) share their terms: ~0.5 us
// per distinct block, so a gradient at K = 10 x 8 h costs ~0.4 ms. fit_series.hpp chooses it for
// data-rich series (docs/model.md); the short captures keep sampled minute effects.
//
// Unconstrained layout: alpha, log sigma_machine, log sigma_minute, log(1/sqrt(phi)),
// [d, idle_logit_mean, log idle_logit_sd], z_machine (or a) [K], [w [K]], [z_minute [blocks], sampled only].
// Output (Stan order: parameters, then generated quantities): alpha, sigma_machine,
// sigma_minute, phi, [alpha_idle, idle_logit_mean, idle_logit_sd], z_machine.k, [z_idle.k],
// z_minute.j (blocks machine by machine; sampled variant only), then log_phi. In the centred variant z_machine.k is
// written standardised, (a_k - alpha)/sigma_machine, so both variants give the same columns.
#pragma once

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <Eigen/Core>

#include <fwsize/model/count_data.hpp>
#include <fwsize/model/detail/marginal_minute.hpp>
#include <fwsize/stats/nb2.hpp>

namespace fwsize::model {
inline namespace v0 {

enum class minute_model { lognormal, two_state };
enum class machine_level { noncentred, centred };
enum class minute_effects { marginal, sampled };

struct arrival_model_options {
    minute_model minutes = minute_model::lognormal;
    machine_level machines = machine_level::noncentred;
    minute_effects effects = minute_effects::sampled;
};

class arrival_model {
public:
    arrival_model(const count_data& data, arrival_model_options opt = {})
        : opt_(opt), stats_(summarize(data)), K_(stats_.machines), B_(stats_.blocks.size()) {
        if (marginal()) {
            std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t>, double> count;
            for (const auto& b : stats_.blocks) count[{b.machine, b.n, b.sum}] += 1;
            for (const auto& [key, c] : count)
                groups_.push_back({std::get<0>(key), double(std::get<1>(key)), double(std::get<2>(key)), c});
        }
    }

    [[nodiscard]] const arrival_model_options& options() const noexcept { return opt_; }
    [[nodiscard]] const count_suffstats& stats() const noexcept { return stats_; }
    [[nodiscard]] bool two_state() const noexcept { return opt_.minutes == minute_model::two_state; }
    [[nodiscard]] std::size_t machines() const noexcept { return K_; }
    [[nodiscard]] std::size_t blocks() const noexcept { return B_; }
    [[nodiscard]] bool marginal() const noexcept { return opt_.effects == minute_effects::marginal; }
    /// Distinct (machine, n, S) blocks the marginal likelihood evaluates (0 when sampled).
    [[nodiscard]] std::size_t distinct_blocks() const noexcept { return groups_.size(); }

    [[nodiscard]] std::size_t dimension() const noexcept {
        return machine_offset() + K_ * (two_state() ? 2 : 1) + (marginal() ? 0 : B_);
    }

    [[nodiscard]] std::vector<std::string> parameter_names() const {
        std::vector<std::string> n{"alpha", "sigma_machine", "sigma_minute", "phi"};
        if (two_state()) n.insert(n.end(), {"alpha_idle", "idle_logit_mean", "idle_logit_sd"});
        for (std::size_t k = 1; k <= K_; ++k) n.push_back("z_machine." + std::to_string(k));
        if (two_state())
            for (std::size_t k = 1; k <= K_; ++k) n.push_back("z_idle." + std::to_string(k));
        if (!marginal())
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
        for (const auto& gr : groups_) { // marginal: minute effects integrated out (empty when sampled)
            const std::size_t k = gr.machine;
            const auto ta = detail::marginal_block(level[k], h.sigma_minute, h.phi, gr.n, gr.S, quadrature(gr.n, gr.S));
            double r = 0; // posterior probability that the block is idle
            if (!two_state()) {
                lp += gr.count * ta.value;
            } else {
                const auto ti = stats::detail::block_terms(eta_idle, h.phi, gr.n, gr.S);
                const double li = log_pi[k] + ti.value, la = log_1mpi[k] + ta.value;
                const double m = std::max(li, la);
                const double lse = m + std::log(std::exp(li - m) + std::exp(la - m));
                r = std::exp(li - lse);
                lp += gr.count * lse;
                g_eta_idle += gr.count * r * ti.d_log_mu;
                d_tau += gr.count * r * ti.d_log_phi;
                g_logit[k] += gr.count * (r - pi[k]);
            }
            const double a = gr.count * (1 - r);
            g_level[k] += a * ta.d_level;
            grad[2] += a * h.sigma_minute * ta.d_sigma;
            d_tau += a * ta.d_log_phi;
        }
        for (std::size_t b = 0; b < (marginal() ? 0 : B_); ++b) {
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
    /// tests compare log_density with. Needs the raw counts. Marginal variant: each block's
    /// integral over its minute effect by trapezoid rules (3 000 intervals over +-15 Laplace sd
    /// around the mode found by pattern search, 4 000 over the rest of [-14, 14]), independent of
    /// the Gauss–Hermite code.
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
            const auto block_sum = [&](double eta) {
                const stats::nb2 d(std::exp(eta), h.phi);
                double v = 0;
                for (std::uint32_t t = 0; t < blk.n; ++t)
                    v += lpmf(d, data.counts[blk.machine][std::size_t{blk.minute} * data.seconds_per_block + t]);
                return v;
            };
            double la;
            if (!marginal()) {
                la = block_sum(level[blk.machine] + h.sigma_minute * q[static_cast<Eigen::Index>(minute_offset() + b)]);
            } else {
                const auto f = [&](double e) { return block_sum(level[blk.machine] + h.sigma_minute * e) - e * e / 2; };
                double mode = 0, best = f(0);
                for (double step = 1; step > 1e-7; step /= 2) // pattern search: f is unimodal
                    for (bool moved = true; moved;) {
                        moved = false;
                        for (double c : {mode - step, mode + step})
                            if (const double v = f(c); v > best) best = v, mode = c, moved = true;
                    }
                const double d = 1e-3, curv = (f(mode + d) - 2 * best + f(mode - d)) / (d * d);
                const double sd = 1 / std::sqrt(std::max(-curv, 1e-12)), lo = mode - 15 * sd, hi = mode + 15 * sd;
                // trapezoid on [a, b] with m intervals, relative to exp(best)
                const auto trap = [&](double a, double b, int m) {
                    if (!(b > a)) return 0.0;
                    const double hstep = (b - a) / m;
                    double acc = 0;
                    for (int i = 0; i <= m; ++i)
                        acc += (i == 0 || i == m ? 0.5 : 1.0) * std::exp(f(a + i * hstep) - best);
                    return acc * hstep;
                };
                // dense around the mode; the prior's tails (skewed blocks) on a coarser grid out to +-14
                const double total =
                    trap(lo, hi, 3000) + trap(-14, std::min(lo, 14.0), 4000) + trap(std::max(hi, -14.0), 14, 4000);
                la = best + std::log(total) - 0.5 * std::log(2 * M_PI);
            }
            if (!two_state()) lp += la;
            else {
                const double li = block_sum(h.alpha_idle);
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
        for (std::size_t i = idle_offset(); i < static_cast<std::size_t>(q.size()); ++i)
            out.push_back(q[static_cast<Eigen::Index>(i)]);
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

    struct block_group {
        std::uint32_t machine;
        double n, S, count;
    };
    /// 31 nodes. Measured against a 400 000-point trapezoid rule over 300 random (level, sigma_minute
    /// <= 3, phi) x 21 (n, S) blocks: worst block error in log likelihood 9e-5 (phi = 0.05,
    /// sigma_minute = 3, a one-second block), 3e-4 with 21 nodes, 1.5e-3 with 15; softplus has
    /// complex singularities pi/sigma_minute from the real axis, which bounds any rule's convergence.
    /// Blocks of at least 30 seconds with S >= 2 events use 21 nodes: over level in [-8, 4],
    /// sigma_minute <= 3, phi from 0.03 to Poisson and S = 2..1000 in 60-second blocks, the worst
    /// error against a 61-node rule is 2e-6 with 21 nodes (3e-5 with 15), while S = 0 and S = 1
    /// need 31 (2e-4 and 1e-6; 7e-4 and 2e-5 with 21). The choice depends on the data only, so the
    /// log density stays one smooth function of the parameters. 21 nodes cost 2/3 of 31.
    /// Nodes per block, the fewest that keep a block's log likelihood and its partials within ~3e-5
    /// of the 61-node value over sigma_minute 0.03-4, phi 0.05-1e5, any level (measured; skewed
    /// integrands — few events, short blocks — need more): full minutes with >= 3 events 15,
    /// >= 30 s with >= 2 events 21, otherwise 31.
    static const detail::gauss_hermite_rule& quadrature(double n = 0, double S = 0) {
        static const detail::gauss_hermite_rule rule(31), light(21), minute(15);
        return n >= 60 && S >= 3 ? minute : n >= 30 && S >= 2 ? light : rule;
    }

    arrival_model_options opt_;
    count_suffstats stats_;
    std::size_t K_, B_;
    std::vector<block_group> groups_;
};

} // namespace v0
} // namespace fwsize::model
