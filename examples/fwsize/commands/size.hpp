// fwsize size — owned by the issue that builds it; until then it says so and fails.
#pragma once

#include <iostream>

#include "../command.hpp"

namespace fwsize::cli {

inline command add_size(CLI::App& app) {
    auto* sub = app.add_subcommand("size", "(not available in this build yet)");
    sub->allow_extras();
    return {sub, [] {
                std::cerr << "fwsize size: not available in this build yet\n";
                return 1;
            }};
}

} // namespace fwsize::cli
