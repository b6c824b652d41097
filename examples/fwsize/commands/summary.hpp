// fwsize summary CSV... — stansummary-style table and the convergence verdict for Stan CSV files
// (ours or CmdStan's). Exit 0 when every criterion holds, 1 when one fails, 2 on unreadable input.
#pragma once

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fwsize/mcmc/print_summary.hpp>
#include <fwsize/mcmc/read_stan_csv.hpp>
#include <fwsize/mcmc/summary.hpp>

#include "../command.hpp"

namespace fwsize::cli {

inline command add_summary(CLI::App& app) {
    struct options {
        std::vector<std::string> files;
        int sig_figs = 2;
    };
    auto opt = std::make_shared<options>();
    auto* sub = app.add_subcommand(
        "summary", "Summarise Stan CSV files (one chain each): stansummary 2.36 columns and a convergence verdict "
                   "(0 divergences, E-BFMI > 0.3 per chain, R_hat < 1.01, ESS_bulk and ESS_tail > 400). "
                   "Exit 0 when every criterion holds, 1 otherwise.");
    sub->add_option("files", opt->files, "Stan CSV files, one per chain")->required()->check(CLI::ExistingFile);
    sub->add_option("-s,--sig-figs", opt->sig_figs, "significant figures of the location/scale columns")
        ->check(CLI::Range(1, 15));
    return {sub, [opt] {
                std::vector<fwsize::mcmc::stan_csv> files;
                for (const auto& f : opt->files) files.push_back(fwsize::mcmc::read_stan_csv(f));
                const auto table = fwsize::mcmc::summarize(files);
                fwsize::mcmc::print_summary(std::cout, table, opt->sig_figs);
                return table.verdict.ok ? 0 : 1;
            }};
}

} // namespace fwsize::cli
