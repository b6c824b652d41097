// sampler_config — every knob of a NUTS run; the defaults are Stan's (CmdStan 2.36 `sample`).
#pragma once

#include <cstdint>
#include <optional>

#include <fwsize/mcmc/gaussian_start.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

/// Euclidean metric: diagonal (Stan's diag_e, the default) or dense (dense_e).
enum class metric_kind { diag_e, dense_e };

struct sampler_config {
    int chains = 4;
    int warmup = 1000; ///< adaptation iterations per chain (discarded unless save_warmup)
    int draws = 1000;  ///< kept iterations per chain
    std::uint64_t seed = 42;
    double adapt_delta = 0.8; ///< target mean accept_stat of dual averaging
    int max_depth = 10;
    metric_kind metric = metric_kind::diag_e;
    double init_radius = 2.0;            ///< inits U(-r, r) on the unconstrained scale
    double stepsize = 1.0;               ///< initial step size (before the heuristic)
    double stepsize_jitter = 0.0;        ///< epsilon * (1 + j U(-1,1)) per transition
    unsigned threads = 0;                ///< 0 = hardware_concurrency; results never depend on it
    int refresh = 100;                   ///< progress line every `refresh` iterations on stderr; 0 = silent
    bool save_warmup = false;            ///< keep the warmup iterations as the first rows of each chain
    std::optional<gaussian_start> start; ///< inits and initial metric from it instead of U(-r, r) and I

    // Stan's adaptation constants (dual averaging and metric windows); rarely changed.
    double adapt_gamma = 0.05, adapt_kappa = 0.75, adapt_t0 = 10.0;
    int adapt_init_buffer = 75, adapt_term_buffer = 50, adapt_window = 25;
};

} // namespace v0
} // namespace fwsize::mcmc
