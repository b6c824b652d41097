// The exact rules on records that carry TCP flags and MACs (what the capture readers give),
// on synthetic packets: host by MAC, SYN-without-ACK starts, first FIN/RST either way ends.
#include <fwsize/flow/extract.hpp>
#include <fwsize/io/packet_source.hpp>

#include <vector>

#include "../../catch.hpp"

using namespace fwsize;
using flow::event_kind;
namespace tf = io::tcp_flags;

namespace {

/// A packet_source over a vector (a test double for a capture reader).
struct vector_source {
    std::vector<io::packet_record> v;
    std::size_t i = 0;
    io::read_report rep{};
    bool next(io::packet_record& r) {
        if (i == v.size()) return false;
        r = v[i++];
        ++rep.records;
        return true;
    }
    [[nodiscard]] const io::read_report& report() const { return rep; }
};
static_assert(io::packet_source<vector_source>);

const io::mac_address host_mac{0x02, 0, 0, 0, 0, 0x10}, router_mac{0x02, 0, 0, 0, 0, 0x01},
    other_mac{0x02, 0, 0, 0, 0, 0x20};
const auto host_ip = io::ip_address::v4(192, 168, 1, 10);
const auto host_vpn_ip = io::ip_address::v4(10, 8, 0, 2); // the host's VPN address, same MAC
const auto server_ip = io::ip_address::v4(93, 184, 216, 34);

io::packet_record tcp(std::int64_t t_ms, bool out, std::uint16_t local_port, std::uint8_t flags,
                      io::ip_address local = host_ip, io::mac_address lmac = host_mac) {
    io::packet_record r;
    r.timestamp_ns = t_ms * 1'000'000;
    r.proto = io::transport::tcp;
    r.src = out ? local : server_ip;
    r.dst = out ? server_ip : local;
    r.src_port = out ? local_port : 443;
    r.dst_port = out ? 443 : local_port;
    r.src_mac = out ? lmac : router_mac;
    r.dst_mac = out ? router_mac : lmac;
    r.tcp_flags = flags;
    return r;
}

flow::machine_extraction run(std::vector<io::packet_record> v, flow::rule_set rules = flow::rule_set::exact) {
    flow::extract_options opt;
    opt.rules = rules;
    return flow::extract_machine([&] { return vector_source{v}; }, "synthetic", opt);
}

} // namespace

TEST_CASE("flags: SYN without ACK from the host starts; the first FIN or RST, either way, ends") {
    const auto m = run({
        tcp(0, true, 50000, tf::syn), // start
        tcp(10, false, 50000, tf::syn | tf::ack), tcp(11, true, 50000, tf::ack),
        tcp(500, false, 50000, tf::fin | tf::ack),                                  // end: the server's FIN
        tcp(501, true, 50000, tf::fin | tf::ack), tcp(1000, true, 50001, tf::syn),  // start
        tcp(1010, false, 50001, tf::rst | tf::ack),                                 // end: refused
        tcp(2000, true, 50002, tf::ack),                                            // open at start: neither
        tcp(2001, true, 50002, tf::fin | tf::ack), tcp(3000, true, 50003, tf::syn), // unanswered SYN: new, no end
        tcp(3500, true, 50003, tf::syn),                                            // its retransmission: same stream
    });
    CHECK(m.from_flags);
    CHECK(m.local.method == flow::local_method::mac);
    REQUIRE(m.local.host_mac);
    CHECK(*m.local.host_mac == host_mac);
    auto news = m.events[event_kind::tcp_new], ends = m.events[event_kind::tcp_end];
    std::sort(news.begin(), news.end());
    std::sort(ends.begin(), ends.end());
    CHECK(news == std::vector<std::int64_t>{0, 1'000'000'000, 3'000'000'000});
    CHECK(ends == std::vector<std::int64_t>{500'000'000, 1'010'000'000});
    REQUIRE(m.flows.size() == 4);
    CHECK(m.flows[0].reason == flow::end_reason::fin);
    CHECK(m.flows[1].reason == flow::end_reason::rst);
    CHECK(m.flows[2].open_at_start);
    CHECK(m.flows[2].fin_rst_ns == 2'001'000'000);
    CHECK(m.flows[3].reason == flow::end_reason::capture_end);
    CHECK(m.flows[3].packets_out == 2);
}

TEST_CASE("flags: an inbound SYN (a connection to the host) is not a new outbound session") {
    auto in = tcp(0, false, 22, tf::syn);
    const auto m = run({tcp(0, true, 50000, tf::syn), in, tcp(1, true, 22, tf::syn | tf::ack)});
    CHECK(m.events[event_kind::tcp_new].size() == 1);
}

TEST_CASE("flags: every IP the host MAC sends from is local (a VPN address too); ties go to the lowest MAC") {
    const auto m = run({tcp(0, true, 50000, tf::syn), tcp(1, true, 50001, tf::syn, host_vpn_ip),
                        tcp(2, true, 50002, tf::syn, host_vpn_ip),
                        tcp(3, true, 50003, tf::syn, io::ip_address::v4(192, 168, 1, 20), other_mac)});
    // host_mac sent 3 SYNs, other_mac 1
    REQUIRE(m.local.v4.size() == 2);
    CHECK(m.local.v4[0].addr == host_vpn_ip);
    CHECK(m.local.v4[0].share == Approx(2.0 / 3));
    CHECK(m.events[event_kind::tcp_new].size() == 3);
    // a tie: one SYN each -> the lower MAC (host_mac 02:..:10 < other_mac 02:..:20)
    const auto t = run(
        {tcp(0, true, 50000, tf::syn, io::ip_address::v4(192, 168, 1, 20), other_mac), tcp(1, true, 50001, tf::syn)});
    REQUIRE(t.local.host_mac);
    CHECK(*t.local.host_mac == host_mac);
}

TEST_CASE("flags: without tshark's stream numbers, a SYN after a FIN on the same ports reopens (port reuse)") {
    const auto m = run({tcp(0, true, 50000, tf::syn), tcp(1, false, 50000, tf::syn | tf::ack),
                        tcp(2, true, 50000, tf::fin | tf::ack), tcp(3, false, 50000, tf::fin | tf::ack),
                        tcp(100, true, 50000, tf::syn), tcp(101, false, 50000, tf::syn | tf::ack)});
    CHECK(m.events[event_kind::tcp_new].size() == 2);
    CHECK(m.events[event_kind::tcp_end].size() == 1);
    CHECK(m.flows.size() == 2);
}

TEST_CASE("flags: a frame to a group-bit MAC is broadcast, out of scope") {
    auto b = tcp(5, true, 50001, tf::syn);
    b.dst_mac = io::mac_address{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    const auto m = run({tcp(0, true, 50000, tf::syn), b});
    CHECK(m.scope[flow::scope_category::broadcast] == 1);
    CHECK(m.events[event_kind::tcp_new].size() == 1);
}

TEST_CASE("a clock jump in any source is rejected, naming the frame") {
    auto a = tcp(0, true, 50000, tf::syn), b = tcp(0, true, 50000, tf::ack);
    a.id = 1;
    b.id = 2;
    b.timestamp_ns = a.timestamp_ns + std::int64_t{400} * 24 * 3600 * 1'000'000'000;
    try {
        run({a, b});
        FAIL("no error");
    } catch (const input_error& e) {
        CHECK(std::string(e.what()).find("frame 2") != std::string::npos);
        CHECK(std::string(e.what()).find("clock jumps") != std::string::npos);
    }
}
