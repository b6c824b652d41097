// Where `fwsize extract`'s time goes on a CSV: MB/s of (1) the CSV reader alone (every row parsed
// to a packet record, nothing else; also with the general row parser only), (2) the whole flow
// stage for one machine, on one thread and with parsing on a read_ahead thread (logically two passes:
// the local-address vote, then classification, flow records and events; one read of the file unless
// the early guess of the local addresses was wrong), (3) the chunked route `fwsize extract` takes
// for a CSV (flow::extract_file: parsing and the flow stage on all cores) on one thread and on all,
// (4) binning, (5) writing the flow records.
//   bench_extract_stages FILE.csv [REPEATS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <fwsize/flow/extract.hpp>
#include <fwsize/flow/extract_file.hpp>
#include <fwsize/flow/flow_records_csv.hpp>
#include <fwsize/io/csv_reader.hpp>
#include <fwsize/series/machine_table.hpp>

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_extract_stages FILE.csv [REPEATS]\n");
        return 2;
    }
    const std::filesystem::path path(argv[1]);
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    const double mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
    double best_read = 1e300, best_general = 1e300, best_flow = 1e300, best_flow1 = 1e300, best_bin = 1e300;
    double best_chunked1 = 1e300, best_chunked = 1e300, best_write = 1e300;
    std::uint64_t rows = 0, checksum = 0;
    int reads = 0;
    for (int i = 0; i < repeats; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        fwsize::io::csv_reader reader(path);
        fwsize::io::packet_record r;
        rows = 0;
        while (reader.next(r)) {
            ++rows;
            checksum += static_cast<std::uint64_t>(r.timestamp_ns) + r.src_port;
        }
        best_read = std::min(best_read, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        fwsize::io::csv_reader general(path, fwsize::io::csv_row_parser::general_only);
        while (general.next(r)) checksum += static_cast<std::uint64_t>(r.timestamp_ns) + r.src_port;
        best_general = std::min(best_general, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        fwsize::flow::extract_options one_core;
        one_core.read_ahead = false;
        checksum += fwsize::flow::extract_csv(path, one_core).flows.size();
        best_flow1 = std::min(best_flow1, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        auto m = fwsize::flow::extract_csv(path);
        reads = m.reads;
        best_flow = std::min(best_flow, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        fwsize::flow::extract_options one_thread;
        one_thread.threads = 1;
        checksum += fwsize::flow::extract_file(path, one_thread).flows.size();
        best_chunked1 = std::min(best_chunked1, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        m = fwsize::flow::extract_file(path);
        best_chunked = std::min(best_chunked, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        {
            std::ofstream null("/dev/null");
            fwsize::flow::write_flow_rows(null, m.machine_id, 1, m.flows, m.first_ns);
        }
        best_write = std::min(best_write, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        const auto s = fwsize::series::bin_events(m);
        best_bin = std::min(best_bin, seconds_since(t0));
        checksum += s.seconds();
    }
    std::printf("file %s: %.1f MB, %llu rows (checksum %llu)\n", path.c_str(), mb,
                static_cast<unsigned long long>(rows), static_cast<unsigned long long>(checksum % 1000));
    std::printf("csv reader alone (1 pass):      %7.2f s  %7.1f MB/s\n", best_read, mb / best_read);
    std::printf("  general row parser only:      %7.2f s  %7.1f MB/s\n", best_general, mb / best_general);
    std::printf("flow stage, one thread:         %7.2f s  %7.1f MB/s\n", best_flow1, mb / best_flow1);
    std::printf("flow stage (%d read%s, read_ahead): %7.2f s  %7.1f MB/s\n", reads, reads == 1 ? "" : "s", best_flow,
                mb / best_flow);
    std::printf("extract_file (chunked), 1 thread:   %7.2f s  %7.1f MB/s\n", best_chunked1, mb / best_chunked1);
    std::printf("extract_file (chunked), all cores:  %7.2f s  %7.1f MB/s\n", best_chunked, mb / best_chunked);
    std::printf("binning the events:             %7.3f s\n", best_bin);
    std::printf("writing the flow records:       %7.3f s\n", best_write);
    return 0;
}
