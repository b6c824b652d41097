// One CLI subcommand: its CLI11 sub-app and what runs when it was chosen.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace fwsize::cli {

struct command {
    CLI::App* app = nullptr;
    std::function<int()> run; ///< returns the exit status; throws input_error for bad input
};

/// --chains, --warmup and --draws, the same for every command that samples (fit, size, validate);
/// each command keeps its own defaults in `o` and says what a chain is in `chains_help`.
template <class Options>
void add_chain_options(CLI::App* sub, Options& o, const char* chains_help) {
    sub->add_option("--chains", o.chains, chains_help)->capture_default_str()->check(CLI::Range(1, 64));
    sub->add_option("--warmup", o.warmup, "warmup iterations per chain")
        ->capture_default_str()
        ->check(CLI::Range(0, 1000000));
    sub->add_option("--draws", o.draws, "kept iterations per chain")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000000));
}

/// --adapt-delta for fit and validate: one statement of the default policy. The caller reads
/// `->count()` of the returned option to tell a given value (used as is) from the default.
template <class Options>
CLI::Option* add_adapt_delta_option(CLI::App* sub, Options& o) {
    return sub
        ->add_option("--adapt-delta", o.adapt_delta,
                     "target acceptance of step-size adaptation; default: 0.95 (0.8 for data-rich series fitted "
                     "with minute effects integrated out), and a refit at 0.99 when a run diverges (given: used "
                     "as is, once, no refit)")
        ->check(CLI::Range(0.5, 0.9999));
}

} // namespace fwsize::cli
