// stepsize_adaptation — Nesterov dual averaging of log step size (Hoffman & Gelman 2014), exactly as
// Stan's stepsize_adaptation.hpp: the target is the mean accept_stat, clipped at 1.
#pragma once

#include <algorithm>
#include <cmath>

namespace fwsize::mcmc {
inline namespace v0 {

class stepsize_adaptation {
public:
    double delta = 0.8, gamma = 0.05, kappa = 0.75, t0 = 10;

    void set_mu(double mu) { mu_ = mu; }
    void restart() {
        counter_ = 0;
        s_bar_ = 0;
        x_bar_ = 0;
    }

    /// One warmup iteration: updates the step size from the transition's accept_stat.
    void learn_stepsize(double& epsilon, double accept_stat) {
        ++counter_;
        accept_stat = std::min(1.0, accept_stat);
        const double eta = 1.0 / (counter_ + t0);
        s_bar_ = (1.0 - eta) * s_bar_ + eta * (delta - accept_stat);
        const double x = mu_ - s_bar_ * std::sqrt(counter_) / gamma;
        const double x_eta = std::pow(counter_, -kappa);
        x_bar_ = (1.0 - x_eta) * x_bar_ + x_eta * x;
        epsilon = std::exp(x);
    }

    /// End of warmup: the averaged iterate.
    void complete_adaptation(double& epsilon) const { epsilon = std::exp(x_bar_); }

private:
    double counter_ = 0, s_bar_ = 0, x_bar_ = 0, mu_ = 0;
};

} // namespace v0
} // namespace fwsize::mcmc
