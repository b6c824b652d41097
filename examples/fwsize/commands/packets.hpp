// fwsize packets — owned by the issue that builds it; until then it says so and fails.
#pragma once

#include <iostream>

#include "../command.hpp"

namespace fwsize::cli {

inline command add_packets(CLI::App& app) {
    auto* sub = app.add_subcommand("packets", "(not available in this build yet)");
    sub->allow_extras();
    return {sub, [] {
                std::cerr << "fwsize packets: not available in this build yet\n";
                return 1;
            }};
}

} // namespace fwsize::cli
