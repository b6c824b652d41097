// arrival_draw — one posterior draw of an arrival model's hyperparameters: what prediction needs
// to describe a *new* user (a new machine effect, new minute effects).
#pragma once

namespace fwsize::model {
inline namespace v0 {

/// Minute model of design.md §4: log mu = alpha + sigma_machine*z + sigma_minute*e (log-normal
/// minutes), or, when two_state, each minute idle with probability pi (rate exp(alpha_idle)) or
/// active (the log-normal above).
struct arrival_draw {
    double alpha = 0.0;
    double sigma_machine = 0.0;
    double sigma_minute = 0.0;
    double phi = 1.0; ///< NB2 shape; +inf allowed (Poisson limit)

    bool two_state = false;
    double alpha_idle = 0.0;    ///< log rate of an idle minute
    double idle_logit_mean = 0; ///< population of a machine's idle probability, logit scale
    double idle_logit_sd = 0;
};

} // namespace v0
} // namespace fwsize::model
