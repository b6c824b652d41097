// windowed_adaptation — Stan's metric adaptation schedule (windowed_adaptation.hpp,
// var_adaptation.hpp, covar_adaptation.hpp): a fast initial buffer (75), slow windows that double
// from 25, a terminal buffer (50); at each window end the metric becomes the regularised
// (co)variance of the window's draws.
#pragma once

#include <stdexcept>

#include <Eigen/Core>

#include <fwsize/mcmc/sampler_config.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

class windowed_adaptation {
public:
    windowed_adaptation(int num_warmup, int init_buffer, int term_buffer, int base_window)
        : num_warmup_(num_warmup), init_buffer_(init_buffer), term_buffer_(term_buffer), base_window_(base_window) {
        if (num_warmup < 20) {
            enabled_ = false; // too short to estimate a metric: step size only
            return;
        }
        if (init_buffer + base_window + term_buffer > num_warmup) { // 15% / 75% / 10%
            init_buffer_ = static_cast<int>(0.15 * num_warmup);
            term_buffer_ = static_cast<int>(0.1 * num_warmup);
            base_window_ = num_warmup - (init_buffer_ + term_buffer_);
        }
        window_size_ = base_window_;
        next_window_ = init_buffer_ + window_size_ - 1;
    }

    [[nodiscard]] bool enabled() const { return enabled_; }
    [[nodiscard]] int counter() const { return counter_; }
    [[nodiscard]] bool in_window() const {
        return enabled_ && counter_ >= init_buffer_ && counter_ < num_warmup_ - term_buffer_ && counter_ != num_warmup_;
    }
    [[nodiscard]] bool end_of_window() const { return enabled_ && counter_ == next_window_ && counter_ != num_warmup_; }
    void compute_next_window() {
        if (next_window_ == num_warmup_ - term_buffer_ - 1) return;
        window_size_ *= 2;
        next_window_ = counter_ + window_size_;
        if (next_window_ != num_warmup_ - term_buffer_ - 1) {
            const int boundary = next_window_ + 2 * window_size_;
            if (boundary >= num_warmup_ - term_buffer_) next_window_ = num_warmup_ - term_buffer_ - 1;
        }
    }
    void advance() { ++counter_; }

private:
    int num_warmup_, init_buffer_, term_buffer_, base_window_;
    int window_size_ = 0, next_window_ = -1, counter_ = 0;
    bool enabled_ = true;
};

/// Collects unconstrained draws in the slow windows and, at each window end, sets the inverse
/// metric to the regularised sample (co)variance: (n/(n+5)) S + 1e-3 (5/(n+5)) I.
class metric_adaptation {
public:
    metric_adaptation(const sampler_config& cfg, Eigen::Index dim)
        : schedule_(cfg.warmup, cfg.adapt_init_buffer, cfg.adapt_term_buffer, cfg.adapt_window), kind_(cfg.metric),
          dim_(dim) {
        restart_estimator();
    }

    /// Feeds one warmup draw; returns true (and writes inv_metric) at a window end.
    bool learn(const Eigen::VectorXd& q, Eigen::MatrixXd& inv_metric) {
        if (schedule_.in_window()) add(q);
        bool updated = false;
        if (schedule_.end_of_window()) {
            schedule_.compute_next_window();
            const double n = static_cast<double>(n_);
            const double w = n / (n + 5.0), r = 1e-3 * (5.0 / (n + 5.0));
            if (kind_ == metric_kind::diag_e) {
                Eigen::VectorXd var = m2_.col(0) / (n - 1.0);
                inv_metric = (w * var.array() + r).matrix();
            } else {
                Eigen::MatrixXd cov = m2_ / (n - 1.0);
                inv_metric = w * cov + r * Eigen::MatrixXd::Identity(dim_, dim_);
            }
            if (!inv_metric.allFinite()) throw std::runtime_error("NUTS: metric adaptation produced non-finite values");
            restart_estimator();
            updated = true;
        }
        schedule_.advance();
        return updated;
    }

private:
    void restart_estimator() {
        n_ = 0;
        mean_ = Eigen::VectorXd::Zero(dim_);
        m2_ = kind_ == metric_kind::diag_e ? Eigen::MatrixXd::Zero(dim_, 1) : Eigen::MatrixXd::Zero(dim_, dim_);
    }
    void add(const Eigen::VectorXd& q) { // Welford, as stan::math's welford_var/covar_estimator
        ++n_;
        const Eigen::VectorXd delta = q - mean_;
        mean_ += delta / static_cast<double>(n_);
        if (kind_ == metric_kind::diag_e) m2_.col(0) += (q - mean_).cwiseProduct(delta);
        else m2_ += (q - mean_) * delta.transpose();
    }

    windowed_adaptation schedule_;
    metric_kind kind_;
    Eigen::Index dim_;
    long n_ = 0;
    Eigen::VectorXd mean_;
    Eigen::MatrixXd m2_;
};

} // namespace v0
} // namespace fwsize::mcmc
