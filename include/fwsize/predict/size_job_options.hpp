// size_job_options — what `fwsize size` (predict::run_size_job) is asked to do: the captures, the
// office sizes, the timer profile and rules, and the sampler, prediction and simulation budgets
// with the reasons for their defaults (docs/sizing.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <fwsize/flow/events.hpp>
#include <fwsize/flow/timer_profile.hpp>
#include <fwsize/mcmc/sampler_config.hpp>

namespace fwsize::predict {
inline namespace v0 {

/// How log lines per minute are predicted: minute totals of simulated session ends (default), or
/// the seed's literal recipe, 60 x one second's ends (kept by name, for comparison only).
enum class log_lines_mode { minute, seed_60x };

struct size_job_options {
    std::vector<std::filesystem::path> inputs; ///< one capture per machine: pcap, pcapng or seed CSV
    std::vector<std::int64_t> users{1, 10, 50, 100};
    flow::timer_profile timers = flow::fortigate_profile();
    flow::rule_set rules = flow::rule_set::exact; ///< local-address vote and event rules of extraction
    double rho = 0;                               ///< office-wide shock share of the main table
    std::vector<double> sensitivity_rhos{0.1, 0.3};
    log_lines_mode log_lines = log_lines_mode::minute;
    /// Sampler settings (seed, chains, warmup, draws); docs/sizing.md says why these defaults.
    mcmc::sampler_config sampler = [] {
        mcmc::sampler_config c;
        c.chains = 4, c.warmup = 500, c.draws = 500, c.refresh = 0;
        return c;
    }();
    unsigned threads = 0;              ///< 0 = all cores; results never depend on it
    std::size_t max_draws = 500;       ///< thinned posterior draws for new sessions per second
    std::size_t simulation_draws = 40; ///< thinned draws simulated for log lines and occupancy (docs/sizing.md: why 40)
    /// Thinned draws and shock quadrature nodes of the rho sensitivity table: each draw costs one
    /// one-user PMF and FFT power per node.
    std::size_t shock_draws = 10, shock_nodes = 35; // >= 35: the shock grid's finest step is 17 / (nodes - 1) <= 0.5
    /// PMF window cap (one user and N users). Posteriors of few, short captures have heavy tails
    /// (sigma near its prior, phi ~ 0.05): an exact 1e-9 tail would need 10^6-10^7 bins per draw.
    /// Mass beyond the cap is reported per N (neglected_max), never hidden.
    std::size_t pmf_max_length = std::size_t{1} << 14;
    /// N-user window cap of the simulated quantities (log lines, occupancy): their N = 100 means
    /// reach 10^4-10^5 on the bundled captures, beyond the one-user cap. Memory stays bounded:
    /// predict_quantity batches draws under a fixed spectrum budget.
    std::size_t simulated_n_user_max_length = std::size_t{1} << 18;
    double tail_tolerance = 1e-9; ///< target mass beyond the window, one user and N users
    int simulation_users = 16, simulation_minutes = 60;
    /// Sessions one simulated draw may create (all its users, warmup included): bounds time.
    /// A draw over it (a rate near its prior's tail) is cut — counted in the report's warnings,
    /// its mass counted as beyond the PMF window — not simulated at any cost. Memory is bounded
    /// by pmf_max_length, which also caps the simulated one-user PMFs.
    std::int64_t max_simulated_sessions = 4'000'000;
    std::string command_line;                         ///< shown in the report
    std::function<void(const std::string&)> progress; ///< one line per step (stderr in the CLI)
};

} // namespace v0
} // namespace fwsize::predict
