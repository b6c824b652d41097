// holding_time_model — how long a session of one protocol lasts: a point mass at zero (one-packet
// flows) plus a mixture of J log-normals with FIXED locations on a log-time grid, right-censored for
// sessions still open at capture end and left-truncated for sessions already open at its start.
//
//   mu_j = log(1 ms) + (j - 1) h, j = 1..J, up to log(2 days);  sigma_j = h (the grid spacing, so
//   neighbouring kernels overlap smoothly);  weights w = softmax(theta).
//
//   zero duration:            log p0
//   duration t, entry a = 0:  log(1-p0) + log sum_j w_j f_j(t)
//   censored at t, a = 0:     log(1-p0) + log sum_j w_j S_j(t)
//   entry a > 0 (seen only because it outlived a): the same without log(1-p0), minus
//                             log sum_j w_j S_j(a)   (T > a > 0 already excludes the zero mass)
//
// Priors: p0 ~ Uniform(0,1); theta_j ~ N(0, 5) and theta_j - theta_{j-1} ~ N(-tail_index h, h)
// (a first-order random walk of variance 1 per log second that smooths the weights over
// neighbouring log-times; the N(0, 5) makes it proper — only softmax(theta) enters the likelihood).
// The drift -tail_index h per step says a priori that the weight per log second falls like
// t^-tail_index, i.e. a density ~ t^-(1 + tail_index): where the data say nothing — beyond the
// longest capture — the durations' tail decays like a Pareto tail of index 1 instead of spreading
// evenly over log-time up to 2 days. Without it (and with J = 16) the bundled captures (130 s and
// 548 s) gave a mean holding time ~50x the observed and a predicted table ~17x the replay's; within
// the data the drift is weak (0.5 per step beside a step sd of 0.7 and hundreds of sessions).
// Unconstrained layout: logit p0, theta_1..J. Output: p_zero, weight.1..J (mu and sigma are
// constants of the model, given by grid_mu/grid_sigma, not parameters: they have no R_hat).
//
// Why not free components (the first version): real durations have spikes at server idle timers
// (on the shared captures 17 TCP sessions end within 0.7 s of 300 s, 6 within 1 ms of 115.09 s);
// a free 2-3 component mixture was multimodal there (chains settled on different spikes: R_hat
// 1.5-2.4, ESS 5-7) whatever the ordering and priors. With the locations fixed there is no label
// switching and the log-likelihood is concave in the weights; the component densities at every
// observation are constants, so one gradient costs O(rows x J) multiply-adds and no special
// function — a row per session, or above binning_threshold per bin of log durations. See docs/model.md.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <fwsize/model/holding_time_draw.hpp>
#include <fwsize/stats/lognormal.hpp>

namespace fwsize::model {
inline namespace v0 {

/// One session's duration in seconds (0 for a one-packet flow). `entry_s` > 0 for a session already
/// open at capture start that had lasted entry_s seconds by then (it is in the data only because its
/// duration exceeds entry_s); `censored` when it was still open at capture end (duration >= seconds).
struct duration_obs {
    double seconds = 0;
    double entry_s = 0;
    bool censored = false;
};

class holding_time_model {
public:
    /// 40 kernels: a spacing (and kernel sd) of 0.49 in log seconds, a factor 1.6 — fine enough to
    /// follow the drop at a server's idle timer (J = 16, a factor 3.6, smeared it over a decade).
    static constexpr int default_components = 40;
    static constexpr double grid_low_s = 1e-3, grid_high_s = 2 * 86400.0;
    /// theta_j ~ N(0, level_sd); steps ~ N(-tail_index h, walk_sd_per_log_s sqrt(h)).
    static constexpr double level_sd = 5, walk_sd_per_log_s = 1, tail_index = 1;
    static double step_sd(int J) { return walk_sd_per_log_s * std::sqrt(grid_sigma(J)); }
    static double step_mean(int J) { return -tail_index * grid_sigma(J); }

    /// Grid spacing in log seconds = the common sigma of the J kernels.
    static double grid_sigma(int J) { return (std::log(grid_high_s) - std::log(grid_low_s)) / (J - 1); }
    static std::vector<double> grid_mu(int J) {
        std::vector<double> mu(static_cast<std::size_t>(J));
        for (int j = 0; j < J; ++j) mu[static_cast<std::size_t>(j)] = std::log(grid_low_s) + j * grid_sigma(J);
        return mu;
    }

    /// Above this many complete durations (not censored, not truncated) they are binned in log time
    /// (bin_width_log_s) and each bin is evaluated once at the mean log duration of its sessions,
    /// weighted by its count: the cost of a gradient then stops growing with the sessions (a working
    /// day of 10 workstations has ~2 x 10^5). Evaluating at the bin's mean cancels the first-order
    /// error exactly; what remains is, per session, (1/2) d^2 Var_rho((mu_j - xbar)/sigma^2) with
    /// |d| <= width/2 (d = log t - xbar; rho_j the components' responsibilities at xbar): with
    /// responsibilities within a few kernels (Var ~ 1/sigma^2 ~ 4) at most width^2/2 per session,
    /// 1.25e-5 at the width 0.005 (measured 3e-6, nearly constant across parameters, gradients within
    /// 2e-5: tests/runtime/model/holding_time_binning_test.cpp). 0.005 rather than 0.002 halves the
    /// rows (40 000 sessions: 6 129 -> 3 107) and the fit's time at K = 10 x 8 h. Below the
    /// threshold every session is its own row, exactly as before.
    static constexpr std::size_t binning_threshold = 20000;
    static constexpr double bin_width_log_s = 0.005;

    holding_time_model(std::vector<duration_obs> data, int components = default_components,
                       std::size_t bin_above = binning_threshold)
        : J_(components) {
        if (J_ < 2 || J_ > 64) throw std::invalid_argument("holding_time_model: 2 to 64 grid components");
        const auto mu = grid_mu(J_);
        const double sigma = grid_sigma(J_);
        const auto row = [&](double t, bool survival, std::vector<double>& e) {
            std::vector<double> l(static_cast<std::size_t>(J_));
            for (int j = 0; j < J_; ++j) {
                const stats::lognormal d(mu[static_cast<std::size_t>(j)], sigma);
                l[static_cast<std::size_t>(j)] = survival ? stats::lccdf(d, t) : stats::lpdf(d, t);
            }
            const double m = *std::max_element(l.begin(), l.end());
            if (!std::isfinite(m)) throw std::invalid_argument("holding_time_model: a duration outside every kernel");
            for (double x : l) e.push_back(std::exp(x - m)); // stabilised: the largest is 1
            return m;
        };
        std::size_t complete = 0;
        for (const auto& o : data) complete += o.seconds > 0 && !o.censored && o.entry_s == 0;
        const bool bin = complete > bin_above;
        std::map<std::int64_t, std::array<double, 3>> bins; // bin -> (count, sum log t, sum (log t)^2)
        for (const auto& o : data) {
            if (!(o.seconds >= 0) || !std::isfinite(o.seconds) || !(o.entry_s >= 0) || !std::isfinite(o.entry_s))
                throw std::invalid_argument("holding_time_model: durations must be finite and non-negative");
            if (o.seconds == 0 && !o.censored && o.entry_s == 0) {
                ++zeros_;
            } else if (o.seconds > 0 && o.seconds >= o.entry_s) {
                obs_.push_back(o);
                if (o.entry_s == 0) ++untruncated_;
                if (bin && !o.censored && o.entry_s == 0) {
                    const double x = std::log(o.seconds);
                    auto& b = bins[std::int64_t(std::floor(x / bin_width_log_s))];
                    b[0] += 1, b[1] += x, b[2] += x * x;
                    continue;
                }
                const_ += row(o.seconds, o.censored, e_);
                weight_.push_back(1.0);
                if (o.entry_s > 0) const_ -= row(o.entry_s, true, trunc_e_);
            } else if (o.seconds > 0) {
                throw std::invalid_argument("holding_time_model: duration shorter than its entry time");
            }
            // a zero duration that is censored or truncated carries no information: dropped
        }
        // A bin: its count x the row at the mean log duration, plus the exact j-independent parts
        // (the -log t Jacobian sums to count x (-xbar); -d^2 / (2 sigma^2) per session).
        for (const auto& [key, b] : bins) {
            const double n = b[0], xbar = b[1] / n, ss = std::max(0.0, b[2] - n * xbar * xbar);
            const_ += n * row(std::exp(xbar), false, e_) - ss / (2 * sigma * sigma);
            weight_.push_back(n);
        }
        rows_ = weight_.size();
    }

    /// Rows the likelihood evaluates per gradient (sessions, or bins of them above the threshold).
    [[nodiscard]] std::size_t rows() const noexcept { return rows_; }

    [[nodiscard]] std::size_t dimension() const noexcept { return static_cast<std::size_t>(1 + J_); }
    [[nodiscard]] int components() const noexcept { return J_; }

    [[nodiscard]] std::vector<std::string> parameter_names() const {
        std::vector<std::string> n{"p_zero"};
        for (int j = 1; j <= J_; ++j) n.push_back("weight." + std::to_string(j));
        return n;
    }

    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& grad) const {
        grad = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dimension()));
        if (static_cast<std::size_t>(q.size()) != dimension() || !q.allFinite())
            return -std::numeric_limits<double>::infinity();
        const auto J = static_cast<std::size_t>(J_);
        std::vector<double> w(J), g_lw(J, 0.0); // weights; partials in log w_j
        log_softmax(q, w);
        // p0 = inv_logit(l): log p0 = -softplus(-l), log(1-p0) = -softplus(l)
        const double l = q[0], log_p0 = -softplus(-l), log_1mp0 = -softplus(l), p0 = std::exp(log_p0);
        double lp = const_ + static_cast<double>(zeros_) * log_p0 + static_cast<double>(untruncated_) * log_1mp0;
        double g_logit = static_cast<double>(zeros_) * (1 - p0) - static_cast<double>(untruncated_) * p0;
        // sign * sum_i count_i log sum_j w_j e_ij (count 1 for a session, n for a bin of n)
        const auto add = [&](const std::vector<double>& e, double sign, const std::vector<double>* count) {
            const std::size_t n = e.size() / J;
            for (std::size_t i = 0; i < n; ++i) {
                const double* r = e.data() + i * J;
                double s = 0;
                for (std::size_t j = 0; j < J; ++j) s += w[j] * r[j];
                const double c = count ? (*count)[i] : 1.0;
                lp += sign * c * std::log(s);
                const double k = sign * c / s;
                for (std::size_t j = 0; j < J; ++j) g_lw[j] += k * w[j] * r[j];
            }
        };
        add(e_, +1, &weight_);
        add(trunc_e_, -1, nullptr);
        // priors (+ Jacobian): p0 uniform -> log p0 + log(1-p0) in l
        lp += log_p0 + log_1mp0;
        g_logit += 1 - 2 * p0;
        grad[0] = g_logit;
        // log w_j = theta_j - lse: d/d theta_i = g_lw[i] - w_i * sum_j g_lw[j]
        double sg = 0;
        for (double x : g_lw) sg += x;
        for (std::size_t j = 0; j < J; ++j) grad[static_cast<Eigen::Index>(1 + j)] = g_lw[j] - w[j] * sg;
        const double v = step_sd(J_) * step_sd(J_), drift = step_mean(J_);
        for (int j = 0; j < J_; ++j) {
            const double t = q[1 + j];
            lp += -t * t / (2 * level_sd * level_sd);
            grad[1 + j] += -t / (level_sd * level_sd);
            if (j > 0) {
                const double d = t - q[j] - drift;
                lp += -d * d / (2 * v);
                grad[1 + j] += -d / v;
                grad[j] += d / v;
            }
        }
        return lp;
    }

    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        std::vector<double> w(static_cast<std::size_t>(J_));
        log_softmax(q, w);
        out.clear();
        out.push_back(1 / (1 + std::exp(-q[0])));
        out.insert(out.end(), w.begin(), w.end());
    }

    /// A posterior row (constrained values in parameter_names() order) as a holding_time_draw.
    [[nodiscard]] holding_time_draw to_draw(const double* row) const { return draw_from(row, J_); }

    /// p_zero and the J weights (consecutive, from `row`) with the grid's locations and scale.
    static holding_time_draw draw_from(const double* row, int J) {
        holding_time_draw d;
        d.p_zero = row[0];
        d.mu = grid_mu(J);
        d.sigma.assign(static_cast<std::size_t>(J), grid_sigma(J));
        d.weight.assign(row + 1, row + 1 + J);
        return d;
    }

    [[nodiscard]] std::size_t zero_count() const noexcept { return zeros_; }
    [[nodiscard]] const std::vector<duration_obs>& positive() const noexcept { return obs_; }

private:
    static double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

    /// w = softmax(theta = q[1..J]); returns logsumexp(theta).
    double log_softmax(const Eigen::VectorXd& q, std::vector<double>& w) const {
        double m = -std::numeric_limits<double>::infinity();
        for (int j = 0; j < J_; ++j) m = std::max(m, q[1 + j]);
        double s = 0;
        for (int j = 0; j < J_; ++j) s += (w[static_cast<std::size_t>(j)] = std::exp(q[1 + j] - m));
        for (auto& x : w) x /= s;
        return m + std::log(s);
    }

    int J_;
    std::size_t zeros_ = 0, untruncated_ = 0;
    double const_ = 0;                // sum of the rows' stabilising maxima
    std::vector<double> e_, trunc_e_; // per observation (or bin), J stabilised kernel values (row-major)
    std::vector<double> weight_;      // per row of e_: 1, or the sessions of a bin
    std::size_t rows_ = 0;
    std::vector<duration_obs> obs_;
};

} // namespace v0
} // namespace fwsize::model
