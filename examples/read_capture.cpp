// expect: vpn-vm.pcap \(pcap\): 4952 packet records \(tcp 4767, udp 185; IPv4 4944, IPv6 8\)
// args: @DATA@/vpn-vm.pcap
//
// Reads one capture (pcap, pcapng or the seed CSV, recognised by its magic number) as a range of
// packet records and says what was read and what was skipped, by reason: nothing is dropped
// uncounted. The expected counts are tshark's (`../shared/data/make_csv.sh` on the same file gives
// 4952 rows: 4759 tcp/IPv4, 8 tcp/IPv6, 185 udp/IPv4). Usage: example_read_capture CAPTURE
#include <cstdint>
#include <cstdio>
#include <filesystem>

#include <fwsize/io/capture_reader.hpp>
#include <fwsize/io/records.hpp>

using namespace fwsize;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: example_read_capture CAPTURE\n");
        return 2;
    }
    const std::filesystem::path path(argv[1]);
    try {
        auto src = io::open_capture(path);
        std::uint64_t tcp = 0, udp = 0, v4 = 0, v6 = 0;
        std::int64_t first = -1, last = -1;
        for (const io::packet_record& r : io::records(src)) {
            (r.is_tcp() ? tcp : udp) += 1;
            (r.src.is_v4() ? v4 : v6) += 1;
            if (first < 0) first = r.timestamp_ns;
            last = r.timestamp_ns;
        }
        const auto& rep = src.report();
        std::printf("%s (%s): %llu packet records (tcp %llu, udp %llu; IPv4 %llu, IPv6 %llu) over %.3f s\n",
                    path.filename().string().c_str(), io::to_string(src.format()),
                    static_cast<unsigned long long>(rep.records), static_cast<unsigned long long>(tcp),
                    static_cast<unsigned long long>(udp), static_cast<unsigned long long>(v4),
                    static_cast<unsigned long long>(v6), first < 0 ? 0.0 : double(last - first) / 1e9);
        std::printf("frames read %llu, skipped %llu\n", static_cast<unsigned long long>(rep.units_read),
                    static_cast<unsigned long long>(rep.skipped_total()));
        for (const auto& [reason, n] : rep.skipped)
            std::printf("  skipped %llu: %s\n", static_cast<unsigned long long>(n), reason.c_str());
        for (const auto& w : rep.warnings) std::printf("  warning: %s\n", w.c_str());
    } catch (const input_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    return 0;
}
