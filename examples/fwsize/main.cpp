// fwsize — the command-line tool. Each subcommand lives in commands/<name>.hpp and is thin:
// the work is done by the library.
//
// Exit status: 0 success; 1 runtime failure (or, for `summary`, a failed convergence criterion);
// 2 bad input or usage (fwsize::input_error, CLI parse errors).
#include <exception>
#include <iostream>
#include <vector>

#include <fwsize/input_error.hpp>
#include <fwsize/version.hpp>

#include "commands/extract.hpp"
#include "commands/fit.hpp"
#include "commands/packets.hpp"
#include "commands/size.hpp"
#include "commands/summary.hpp"
#include "commands/validate.hpp"

int main(int argc, char** argv) {
    CLI::App app{"fwsize — size a firewall from packet captures of a few workstations"};
    app.set_version_flag("--version", fwsize::version_string);
    app.require_subcommand(1);

    std::vector<fwsize::cli::command> commands{
        fwsize::cli::add_extract(app), fwsize::cli::add_packets(app), fwsize::cli::add_fit(app),
        fwsize::cli::add_summary(app), fwsize::cli::add_size(app),    fwsize::cli::add_validate(app),
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2; // CLI11 uses 100+ codes; a usage error is 2 here
    }
    try {
        for (auto& c : commands)
            if (c.app->parsed()) return c.run();
        return 2;
    } catch (const fwsize::input_error& e) {
        std::cerr << "fwsize: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "fwsize: failed: " << e.what() << "\n";
        return 1;
    }
}
