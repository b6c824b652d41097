// fwsize packets CAPTURE [-o out.csv] — a capture's TCP/UDP packets in the seed CSV schema, as
// make_csv.sh would write them with tshark, without tshark. Stdout unless -o (written atomically).
#pragma once

#include <iostream>
#include <memory>
#include <string>

#include <fwsize/io/atomic_output.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/io/csv_writer.hpp>

#include "../command.hpp"

namespace fwsize::cli {

inline command add_packets(CLI::App& app) {
    struct options {
        std::string capture, out;
        bool quiet = false;
    };
    auto opt = std::make_shared<options>();
    auto* sub = app.add_subcommand("packets", "write a capture's TCP/UDP packets as seed-schema CSV rows");
    sub->add_option("capture", opt->capture, "pcap, pcapng or seed CSV (recognised by content)")
        ->required()
        ->check(CLI::ExistingFile);
    sub->add_option("-o,--output", opt->out, "output CSV (default: standard output)");
    sub->add_flag("-q,--quiet", opt->quiet, "no read report on standard error");
    return {sub, [opt] {
                auto src = io::open_capture(opt->capture);
                std::uint64_t rows = 0;
                if (opt->out.empty()) {
                    std::ios::sync_with_stdio(false);
                    rows = io::write_seed_csv(std::cout, src);
                    std::cout.flush();
                } else {
                    io::atomic_output_file f(opt->out);
                    rows = io::write_seed_csv(f.stream(), src);
                    f.commit();
                }
                if (!opt->quiet) {
                    const auto& rep = src.report();
                    std::cerr << rep.file << " (" << io::to_string(src.format()) << "): " << rep.units_read
                              << " frames, " << rows << " TCP/UDP rows";
                    for (const auto& [why, n] : rep.skipped) std::cerr << "; skipped " << n << " " << why;
                    std::cerr << "\n";
                    for (const auto& w : rep.warnings) std::cerr << "warning: " << w << "\n";
                }
                return 0;
            }};
}

} // namespace fwsize::cli
