// expect: vpn-vm: 142 new connections \(79 tcp \+ 63 udp\), 129 ends over 548 s
// args: @DATA@/vpn-vm.pcap
//
// One capture through the flow stage (exact rules) into typed count series: the new connections
// per second (tcp_new + udp_new) and the session ends per minute (tcp_end + udp_end, the log lines
// of a firewall that logs each session when it ends). Usage: example_extract_events CAPTURE
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include <fwsize/flow/extract_file.hpp>
#include <fwsize/series.hpp>

using namespace fwsize;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: example_extract_events CAPTURE\n");
        return 2;
    }
    const std::filesystem::path path(argv[1]);
    const auto m = flow::extract_file(path);
    const auto s = series::bin_events(m);

    // The sum's kind is in its type: tcp_new + udp_new is new_connections; tcp_new + tcp_end would
    // not compile (tests/compile_fail/add_start_to_end.cpp).
    const auto tcp = s.series<series::tcp_new>();
    const auto udp = s.series<series::udp_new>();
    const series::count_series<series::new_connections, std::chrono::seconds> fresh = tcp + udp;
    const auto logs = series::log_lines_per_minute(s.series<series::tcp_end>() + s.series<series::udp_end>());

    std::printf("%s: %llu new connections (%llu tcp + %llu udp), %llu ends over %zu s\n", m.machine_id.c_str(),
                static_cast<unsigned long long>(fresh.total()), static_cast<unsigned long long>(tcp.total()),
                static_cast<unsigned long long>(udp.total()), static_cast<unsigned long long>(logs.total()),
                s.seconds());
    const auto& c = fresh.counts();
    const auto& l = logs.counts();
    std::printf("busiest second: %u new connections; busiest minute: %u log lines (of %zu minutes)\n",
                c.empty() ? 0u : *std::max_element(c.begin(), c.end()),
                l.empty() ? 0u : *std::max_element(l.begin(), l.end()), logs.size());
    return 0;
}
