// Packets/s and MB/s of fwsize reading one capture end to end (open_capture: link layer, IP,
// reassembly, TCP/UDP, tshark's stream tracking — every record the seed CSV would hold), best of
// REPEATS passes, in wall and in CPU (user + system) seconds. benchmarks/read_compare.sh runs it beside tshark and cat
// on the same file. Usage: bench_read_throughput CAPTURE [REPEATS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <sys/resource.h>

#include <fwsize/io/capture_reader.hpp>

namespace {
/// User + system CPU seconds of this process: on a shared, overloaded machine the wall clock
/// mostly measures other people's jobs, CPU time measures ours.
double cpu_seconds() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_read_throughput CAPTURE [REPEATS]\n");
        return 2;
    }
    const std::filesystem::path path = argv[1];
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const double mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
    double best = 1e300, best_cpu = 1e300;
    std::uint64_t frames = 0, records = 0, checksum = 0;
    for (int i = 0; i < repeats; ++i) {
        const double c0 = cpu_seconds();
        const auto t0 = std::chrono::steady_clock::now();
        auto src = fwsize::io::open_capture(path);
        fwsize::io::packet_record r;
        std::uint64_t sum = 0;
        while (src.next(r)) sum += static_cast<std::uint64_t>(r.tcp_completeness) + r.src_port; // keep the work
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::min(best, s);
        best_cpu = std::min(best_cpu, cpu_seconds() - c0);
        frames = src.report().units_read;
        records = src.report().records;
        checksum = sum;
    }
    std::printf("fwsize file_MB %.1f frames %llu records %llu wall_s %.3f cpu_s %.3f frames_per_s %.0f MB_per_s %.1f "
                "frames_per_cpu_s %.0f MB_per_cpu_s %.1f checksum %llu\n",
                mb, static_cast<unsigned long long>(frames), static_cast<unsigned long long>(records), best, best_cpu,
                static_cast<double>(frames) / best, mb / best, static_cast<double>(frames) / best_cpu, mb / best_cpu,
                static_cast<unsigned long long>(checksum));
}
