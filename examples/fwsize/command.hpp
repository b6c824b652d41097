// One CLI subcommand: its CLI11 sub-app and what runs when it was chosen.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace fwsize::cli {

struct command {
    CLI::App* app = nullptr;
    std::function<int()> run; ///< returns the exit status; throws input_error for bad input
};

} // namespace fwsize::cli
