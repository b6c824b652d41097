// expect: vpn-vm under fortigate: 1[0-9][0-9] sessions
// args: @DATA@/vpn-vm.pcap fortigate
//
// Replays one capture through a firewall's session table under a timer profile and prints what
// that firewall would have seen: new sessions per second, log lines (session ends) per minute and
// table occupancy. Usage: example_extract_sessions CAPTURE [none|fortigate|paloalto[,key=s...]]
//
// The host is taken as the most frequent source of SYNs without ACK per IP family (the CLI uses the
// full local-address vote of flow/); link-local, multicast and broadcast traffic is left out.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include <fwsize/flow/session_table.hpp>
#include <fwsize/flow/timer_profile.hpp>
#include <fwsize/io/capture_reader.hpp>

using namespace fwsize;

namespace {
bool never_crosses_a_firewall(const io::ip_address& a) {
    const auto& b = a.bytes;
    if (a.is_v4()) return b[0] >= 224 || (b[0] == 169 && b[1] == 254); // multicast, broadcast, link-local
    return b[0] == 0xff || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);    // ff00::/8, fe80::/10
}
} // namespace

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " CAPTURE [timer profile]\n";
        return 2;
    }
    const std::filesystem::path path = argv[1];
    const flow::timer_profile profile = flow::parse_timer_profile(argc > 2 ? argv[2] : "fortigate");

    // Pass 1: who is the host, and the capture's span (first to last TCP/UDP packet).
    std::map<io::ip_address, std::size_t> syn_sources;
    std::int64_t first = 0, last = 0;
    bool any = false;
    {
        auto src = io::open_capture(path);
        io::packet_record r;
        while (src.next(r)) {
            first = any ? std::min(first, r.timestamp_ns) : r.timestamp_ns;
            last = any ? std::max(last, r.timestamp_ns) : r.timestamp_ns;
            any = true;
            if (r.is_tcp() && r.tcp_flags && (*r.tcp_flags & io::tcp_flags::syn) &&
                !(*r.tcp_flags & io::tcp_flags::ack))
                ++syn_sources[r.src];
        }
    }
    std::set<io::ip_address> local;
    for (auto fam : {io::ip_family::v4, io::ip_family::v6}) {
        const io::ip_address* best = nullptr;
        std::size_t n = 0;
        for (const auto& [a, c] : syn_sources)
            if (a.family == fam && c > n) best = &a, n = c;
        if (best) local.insert(*best);
    }

    // Pass 2: replay the host's in-scope packets.
    flow::session_packet_adapter adapt([&](const io::ip_address& a) { return local.count(a) > 0; });
    flow::session_table table(profile, {.source_name = path.string()});
    {
        auto src = io::open_capture(path);
        io::packet_record r;
        while (src.next(r)) {
            if (never_crosses_a_firewall(r.src) || never_crosses_a_firewall(r.dst)) continue;
            if (auto p = adapt(r)) table.add(*p);
        }
    }
    const flow::session_replay rep = std::move(table).finish(first, last);
    const auto& s = rep.series;

    std::size_t tcp = 0;
    for (const auto& x : rep.sessions) tcp += x.is_tcp();
    const auto news = s.new_per_second();
    const auto lines = s.ends_per_minute();
    std::int64_t occ_max = 0, new_max = 0;
    double occ_mean = 0;
    for (auto v : s.occupancy_max) occ_max = std::max(occ_max, v);
    for (auto v : s.occupancy) occ_mean += double(v);
    for (auto v : news) new_max = std::max(new_max, v);
    occ_mean /= double(std::max<std::size_t>(1, s.seconds()));

    std::cout << path.stem().string() << " under " << profile.name << ": " << rep.sessions.size() << " sessions ("
              << tcp << " TCP, " << rep.sessions.size() - tcp << " UDP), " << rep.left_truncated()
              << " open at capture start, " << rep.right_censored() << " open at capture end (no end invented)\n";
    std::cout << "  span " << s.seconds() << " s; new sessions per second: max " << new_max << "\n";
    std::cout << "  log lines per minute (minute totals; last minute has " << s.seconds_in_minute(s.minutes() - 1)
              << " s):";
    for (auto v : lines) std::cout << ' ' << v;
    std::cout << "\n  occupancy: mean " << occ_mean << ", max " << occ_max << " sessions\n";
    if (profile.longest_timer_s() * 1e9 > double(last - first))
        std::cout << "  note: the capture is shorter than the longest timer (" << profile.longest_timer_s()
                  << " s): long sessions are censored\n";
    return 0;
} catch (const input_error& e) {
    std::cerr << e.what() << "\n";
    return 2;
}
