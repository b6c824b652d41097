// Session replay of real captures against the independent per-second reference tables
// (shared/reference/cps/<id>.exact.csv, made from the captures' TCP flags by other tools):
// under any timer profile, new TCP sessions per second are the exact tcp_new; under `none`, new UDP
// sessions are the exact udp_new (one per outbound 4-tuple). The bundled captures are also
// replayed when ../shared is absent, against their committed copies of the same counts.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fwsize/flow/session_table.hpp>
#include <fwsize/io/capture_reader.hpp>

#include "../../catch.hpp"
#include "../../support/shared_data.hpp"

using namespace fwsize;

namespace {

bool out_of_scope_address(const io::ip_address& a) {
    const auto& b = a.bytes;
    if (a.is_v4()) return b[0] >= 224 || (b[0] == 169 && b[1] == 254);
    return b[0] == 0xff || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
}

/// The reference's host rule: the MAC sending the most SYNs without ACK; every IP it sends from.
std::set<io::ip_address> local_addresses(const std::filesystem::path& capture) {
    std::map<io::mac_address, std::size_t> syns;
    {
        auto src = io::open_capture(capture);
        io::packet_record r;
        while (src.next(r))
            if (r.is_tcp() && r.src_mac && r.tcp_flags && (*r.tcp_flags & io::tcp_flags::syn) &&
                !(*r.tcp_flags & io::tcp_flags::ack))
                ++syns[*r.src_mac];
    }
    REQUIRE(!syns.empty());
    auto host = syns.begin();
    for (auto it = syns.begin(); it != syns.end(); ++it)
        if (it->second > host->second) host = it;
    std::set<io::ip_address> local;
    auto src = io::open_capture(capture);
    io::packet_record r;
    while (src.next(r))
        if (r.src_mac == host->first) local.insert(r.src);
    return local;
}

flow::session_replay replay(const std::filesystem::path& capture, const flow::timer_profile& profile) {
    const auto local = local_addresses(capture);
    flow::session_packet_adapter adapt([&](const io::ip_address& a) { return local.count(a) > 0; });
    flow::session_table table(profile, {.source_name = capture.string()});
    std::int64_t first = 0, last = 0;
    bool any = false;
    auto src = io::open_capture(capture);
    io::packet_record r;
    while (src.next(r)) {
        first = any ? std::min(first, r.timestamp_ns) : r.timestamp_ns;
        last = any ? std::max(last, r.timestamp_ns) : r.timestamp_ns;
        any = true;
        if (out_of_scope_address(r.src) || out_of_scope_address(r.dst)) continue;
        if (r.dst_mac && ((*r.dst_mac)[0] & 1)) continue; // group-bit destination MAC
        if (auto p = adapt(r)) table.add(*p);
    }
    return std::move(table).finish(first, last);
}

struct reference_columns {
    std::vector<std::int64_t> tcp_new, udp_new;
};

reference_columns read_reference(const std::filesystem::path& csv) {
    std::ifstream in(csv);
    REQUIRE(in);
    std::string line;
    std::getline(in, line);
    reference_columns r;
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        std::string f[8];
        for (auto& x : f) std::getline(ss, x, ',');
        r.tcp_new.push_back(std::stoll(f[4]));
        r.udp_new.push_back(std::stoll(f[5]));
    }
    return r;
}

void check_against_reference(const std::filesystem::path& capture, const std::filesystem::path& reference) {
    INFO(capture.string());
    const auto ref = read_reference(reference);
    for (const auto& profile : {flow::fortigate_profile(), flow::paloalto_profile(), flow::none_profile()}) {
        INFO(profile.name);
        const auto rep = replay(capture, profile);
        REQUIRE(rep.series.seconds() == ref.tcp_new.size());
        CHECK(rep.series.new_tcp == ref.tcp_new);
        if (profile.name == "none") CHECK(rep.series.new_udp == ref.udp_new);
        // Table invariants: every end was a start; occupancy never negative.
        std::int64_t starts = 0, ends = 0;
        for (const auto& s : rep.sessions) starts += 1, ends += s.end_ns.has_value();
        CHECK(ends + std::int64_t(rep.right_censored()) == starts);
        for (auto v : rep.series.occupancy) CHECK(v >= 0);
    }
}

} // namespace

TEST_CASE("Replay of the shared captures: new TCP (and, under none, UDP) sessions per second are the exact reference") {
    FWSIZE_REQUIRE_SHARED();
    const auto ws = test::shared_dir() / "data" / "workstations";
    for (const char* id : {"vpn-vm", "http-browsing-2011", "wechat-66min"}) {
        const auto cap = ws / (std::string(id) + ".pcap");
        check_against_reference(cap, test::shared_dir() / "reference" / "cps" / (std::string(id) + ".exact.csv"));
    }
    check_against_reference(ws / "win11-browsing.pcapng",
                            test::shared_dir() / "reference" / "cps" / "win11-browsing.exact.csv");
}

TEST_CASE("Replay of a bundled capture: UDP sessions split by the PAN-OS timer, not by FortiOS's") {
    const auto cap = test::bundled_data() / "vpn-vm.pcap";
    const auto none = replay(cap, flow::none_profile());
    const auto forti = replay(cap, flow::fortigate_profile());
    const auto pan = replay(cap, flow::paloalto_profile());
    auto udp_count = [](const flow::session_replay& r) {
        std::size_t n = 0;
        for (const auto& s : r.sessions) n += !s.is_tcp();
        return n;
    };
    // 63 outbound UDP 4-tuples (shared/data/README.md); a 30 s timer splits some, 180 s fewer.
    CHECK(udp_count(none) == 63);
    CHECK(udp_count(forti) >= 63);
    CHECK(udp_count(pan) >= udp_count(forti));
    // Shorter timers empty the table sooner.
    double occ_f = 0, occ_p = 0;
    for (auto v : forti.series.occupancy) occ_f += double(v);
    for (auto v : pan.series.occupancy) occ_p += double(v);
    CHECK(occ_p < occ_f);
    CHECK(forti.right_censored() < none.right_censored());
}
