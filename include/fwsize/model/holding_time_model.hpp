// holding_time_model — how long a session of one protocol lasts: a point mass at zero (one-packet
// flows) plus a mixture of C log-normals (C = 2..3) with ordered means, right-censored for sessions
// still open at capture end and left-truncated for sessions already open at its start.
//
//   zero duration:            log p0
//   duration t, entry a = 0:  log(1-p0) + log sum_c w_c f_c(t)
//   censored at t, a = 0:     log(1-p0) + log sum_c w_c S_c(t)
//   entry a > 0 (seen only because it outlived a): the same without log(1-p0), minus
//                             log sum_c w_c S_c(a)   (T > a > 0 already excludes the zero mass)
//
// Priors: p0 ~ Uniform(0,1); mu_1 ~ N(0,3) (log seconds); mu_c = mu_{c-1} + exp(d_c), d_c ~ N(0,1)
// (ordered, so labels cannot switch); sigma_c ~ N+(0,2); weights = softmax(0, rho_2..rho_C),
// rho ~ N(0,1). Unconstrained layout: logit p0, mu_1, d_2..d_C, log sigma_1..C, rho_2..C.
// Output: p_zero, mu.c, sigma.c, weight.c.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
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
    holding_time_model(std::vector<duration_obs> data, int components = 2) : C_(components) {
        if (C_ < 1 || C_ > 3) throw std::invalid_argument("holding_time_model: 1 to 3 components");
        for (const auto& o : data) {
            if (!(o.seconds >= 0) || !std::isfinite(o.seconds) || !(o.entry_s >= 0))
                throw std::invalid_argument("holding_time_model: durations must be finite and non-negative");
            if (o.seconds == 0 && !o.censored && o.entry_s == 0) ++zeros_;
            else if (o.seconds > 0 && o.seconds >= o.entry_s) obs_.push_back(o);
            else if (o.seconds > 0) throw std::invalid_argument("holding_time_model: duration shorter than its entry time");
            // a zero duration that is censored or truncated carries no information: dropped
        }
    }

    [[nodiscard]] std::size_t dimension() const noexcept { return static_cast<std::size_t>(3 * C_); }
    [[nodiscard]] int components() const noexcept { return C_; }

    [[nodiscard]] std::vector<std::string> parameter_names() const {
        std::vector<std::string> n{"p_zero"};
        for (const char* p : {"mu.", "sigma.", "weight."})
            for (int c = 1; c <= C_; ++c) n.push_back(p + std::to_string(c));
        return n;
    }

    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& grad) const {
        grad = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dimension()));
        if (static_cast<std::size_t>(q.size()) != dimension() || !q.allFinite())
            return -std::numeric_limits<double>::infinity();
        const params p = unpack(q);
        for (int c = 0; c < C_; ++c)
            if (!(p.sigma[c] > 0) || !std::isfinite(p.sigma[c]) || !std::isfinite(p.mu[c]))
                return -std::numeric_limits<double>::infinity();
        std::vector<double> g_mu(C_, 0), g_ls(C_, 0), g_lw(C_, 0); // partials in mu_c, log sigma_c, log w_c
        double g_logit = 0;
        // p0 = inv_logit(l): log p0 = -softplus(-l), log(1-p0) = -softplus(l)
        const double l = q[0], log_p0 = -softplus(-l), log_1mp0 = -softplus(l), p0 = std::exp(log_p0);
        double lp = static_cast<double>(zeros_) * log_p0;
        g_logit += static_cast<double>(zeros_) * (1 - p0);

        std::vector<stats::lognormal_gradient> t(C_);
        const auto mix = [&](double sign) { // adds sign * log sum_c w_c exp(t_c.value)
            double m = -std::numeric_limits<double>::infinity();
            for (int c = 0; c < C_; ++c) m = std::max(m, p.log_w[c] + t[c].value);
            double s = 0;
            for (int c = 0; c < C_; ++c) s += std::exp(p.log_w[c] + t[c].value - m);
            const double v = m + std::log(s);
            for (int c = 0; c < C_; ++c) {
                const double r = std::exp(p.log_w[c] + t[c].value - v);
                g_mu[c] += sign * r * t[c].d_mu;
                g_ls[c] += sign * r * t[c].d_log_sigma;
                g_lw[c] += sign * r;
            }
            return sign * v;
        };
        for (const auto& o : obs_) {
            for (int c = 0; c < C_; ++c) {
                const stats::lognormal d(p.mu[c], p.sigma[c]);
                t[c] = o.censored ? lccdf_gradient(d, o.seconds) : lpdf_gradient(d, o.seconds);
            }
            lp += mix(+1);
            if (o.entry_s > 0) {
                for (int c = 0; c < C_; ++c) t[c] = lccdf_gradient(stats::lognormal(p.mu[c], p.sigma[c]), o.entry_s);
                lp += mix(-1);
            } else {
                lp += log_1mp0;
                g_logit += -p0;
            }
        }
        // priors (+ Jacobians): p0 uniform -> log p0 + log(1-p0) in l
        lp += log_p0 + log_1mp0;
        g_logit += 1 - 2 * p0;
        grad[0] = g_logit;
        lp += -p.mu[0] * p.mu[0] / 18;
        g_mu[0] += -p.mu[0] / 9;
        for (int c = 1; c < C_; ++c) {
            const double d = q[1 + c];
            lp += -d * d / 2;
            grad[1 + c] += -d;
        }
        for (int c = 0; c < C_; ++c) { // sigma ~ N+(0,2) on log sigma: -sigma^2/8 + log sigma
            lp += -p.sigma[c] * p.sigma[c] / 8 + std::log(p.sigma[c]);
            g_ls[c] += -p.sigma[c] * p.sigma[c] / 4 + 1;
            grad[1 + C_ + c] += g_ls[c];
        }
        for (int c = 1; c < C_; ++c) {
            const double rho = q[2 * C_ + c];
            lp += -rho * rho / 2;
            grad[2 * C_ + c] += -rho;
        }
        // mu_1 = q[1], mu_c = mu_{c-1} + exp(d_c): d mu_c'/d d_c = exp(d_c) for c' >= c
        double tail = 0;
        for (int c = C_ - 1; c >= 0; --c) {
            tail += g_mu[c];
            if (c == 0) grad[1] += tail;
            else grad[1 + c] += std::exp(q[1 + c]) * tail;
        }
        // log w_c = rho_c - logsumexp(rho): d/d rho_j = g_lw[j] - w_j * sum_c g_lw[c]
        double s = 0;
        for (int c = 0; c < C_; ++c) s += g_lw[c];
        for (int c = 1; c < C_; ++c) grad[2 * C_ + c] += g_lw[c] - std::exp(p.log_w[c]) * s;
        return lp;
    }

    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        const params p = unpack(q);
        out.clear();
        out.push_back(1 / (1 + std::exp(-q[0])));
        for (int c = 0; c < C_; ++c) out.push_back(p.mu[c]);
        for (int c = 0; c < C_; ++c) out.push_back(p.sigma[c]);
        for (int c = 0; c < C_; ++c) out.push_back(std::exp(p.log_w[c]));
    }

    /// A posterior row (constrained values in parameter_names() order) as a holding_time_draw.
    [[nodiscard]] holding_time_draw to_draw(const double* row) const {
        holding_time_draw d;
        d.p_zero = row[0];
        for (int c = 0; c < C_; ++c) {
            d.mu.push_back(row[1 + c]);
            d.sigma.push_back(row[1 + C_ + c]);
            d.weight.push_back(row[1 + 2 * C_ + c]);
        }
        return d;
    }

    [[nodiscard]] std::size_t zero_count() const noexcept { return zeros_; }
    [[nodiscard]] const std::vector<duration_obs>& positive() const noexcept { return obs_; }

private:
    struct params {
        std::vector<double> mu, sigma, log_w;
    };
    static double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

    params unpack(const Eigen::VectorXd& q) const {
        params p;
        p.mu.resize(C_);
        p.sigma.resize(C_);
        p.log_w.resize(C_);
        p.mu[0] = q[1];
        for (int c = 1; c < C_; ++c) p.mu[c] = p.mu[c - 1] + std::exp(q[1 + c]);
        for (int c = 0; c < C_; ++c) p.sigma[c] = std::exp(q[1 + C_ + c]);
        double m = 0;
        for (int c = 1; c < C_; ++c) m = std::max(m, q[2 * C_ + c]);
        double s = std::exp(-m);
        for (int c = 1; c < C_; ++c) s += std::exp(q[2 * C_ + c] - m);
        const double lse = m + std::log(s);
        p.log_w[0] = -lse;
        for (int c = 1; c < C_; ++c) p.log_w[c] = q[2 * C_ + c] - lse;
        return p;
    }

    int C_;
    std::size_t zeros_ = 0;
    std::vector<duration_obs> obs_;
};

} // namespace v0
} // namespace fwsize::model
