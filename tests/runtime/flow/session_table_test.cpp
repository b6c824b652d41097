// Session table replay: hand-made packet streams under each timer profile, every expected value
// worked out by hand from the profile's timers (docs/timers.md).
#include <cstdint>
#include <optional>
#include <vector>

#include <fwsize/flow/session_table.hpp>

#include "../../catch.hpp"

using namespace fwsize;
using flow::session_end_reason;
using flow::session_packet;

namespace {

constexpr std::int64_t s_ns(double s) {
    return static_cast<std::int64_t>(s * 1e9 + (s >= 0 ? 0.5 : -0.5));
}

flow::session_key key(io::transport proto, std::uint16_t local_port, std::uint16_t remote_port = 443) {
    return {io::ip_address::v4(10, 0, 0, 2), io::ip_address::v4(93, 184, 216, 34), local_port, remote_port, proto};
}

session_packet udp(double t, bool out, std::uint16_t port = 5000) {
    session_packet p;
    p.timestamp_ns = s_ns(t);
    p.key = key(io::transport::udp, port, 53);
    p.outbound = out;
    return p;
}

session_packet tcp(double t, bool out, std::uint8_t flags, std::uint16_t port = 40000, bool opened_in_capture = true) {
    session_packet p;
    p.timestamp_ns = s_ns(t);
    p.key = key(io::transport::tcp, port);
    p.outbound = out;
    p.tcp_flags = flags;
    p.opens_stream = (flags & io::tcp_flags::syn) && !(flags & io::tcp_flags::ack);
    p.stream_opened_in_capture = opened_in_capture;
    return p;
}

constexpr std::uint8_t SYN = io::tcp_flags::syn, ACK = io::tcp_flags::ack,
                       FIN = io::tcp_flags::fin | io::tcp_flags::ack, RST = io::tcp_flags::rst;

/// A complete handshake at t0 (SYN out, SYN-ACK in, ACK out).
std::vector<session_packet> handshake(double t0, std::uint16_t port = 40000) {
    return {tcp(t0, true, SYN, port), tcp(t0 + 0.1, false, SYN | ACK, port), tcp(t0 + 0.2, true, ACK, port)};
}

flow::session_replay run(const std::vector<session_packet>& ps, const flow::timer_profile& prof,
                         std::optional<double> span_end_s = std::nullopt,
                         std::optional<double> span_first_s = std::nullopt) {
    std::optional<std::int64_t> last, first;
    if (span_end_s) last = s_ns(*span_end_s);
    if (span_first_s) first = s_ns(*span_first_s);
    return flow::replay_sessions(ps, prof, {}, first, last);
}

} // namespace

TEST_CASE("UDP: an idle gap longer than the UDP timer splits a 4-tuple into sessions") {
    // Gaps: 10, 30 (exactly the PAN-OS timer: kept), 40.5 (> 30: split), 1.
    const std::vector<session_packet> ps{udp(0, true), udp(10, true), udp(40, true), udp(80.5, true), udp(81.5, false)};

    SECTION("paloalto: UDP 30 s") {
        const auto r = run(ps, flow::paloalto_profile(), 200.0);
        REQUIRE(r.sessions.size() == 2);
        CHECK(r.sessions[0].start_ns == s_ns(0));
        CHECK(r.sessions[0].end_ns == s_ns(70)); // last packet 40 + 30
        CHECK(r.sessions[0].reason == session_end_reason::idle);
        CHECK(r.sessions[0].duration_s() == Approx(40));
        CHECK(r.sessions[1].start_ns == s_ns(80.5));
        CHECK(r.sessions[1].end_ns == s_ns(111.5)); // 81.5 + 30
        CHECK(r.sessions[1].packets_out == 1);
        CHECK(r.sessions[1].packets_in == 1);
        CHECK(r.right_censored() == 0);
        // new at seconds 0 and 80; ends at seconds 70 and 111.
        const auto& s = r.series;
        REQUIRE(s.seconds() == 201);
        CHECK(s.new_udp[0] == 1);
        CHECK(s.new_udp[80] == 1);
        CHECK(s.end_udp[70] == 1);
        CHECK(s.end_udp[111] == 1);
        std::int64_t total_new = 0, total_end = 0;
        for (std::size_t i = 0; i < s.seconds(); ++i) total_new += s.new_udp[i], total_end += s.end_udp[i];
        CHECK(total_new == 2);
        CHECK(total_end == 2);
        // Ends per minute: minute 1 holds second 70, minute 1 also 111? No: 111 is in minute 1 (60..119).
        const auto epm = s.ends_per_minute();
        REQUIRE(epm.size() == 4);
        CHECK(epm[0] == 0);
        CHECK(epm[1] == 2);
        CHECK(s.seconds_in_minute(3) == 21);
    }
    SECTION("fortigate: UDP 180 s keeps one session, open at capture end") {
        const auto r = run(ps, flow::fortigate_profile(), 200.0);
        REQUIRE(r.sessions.size() == 1);
        CHECK(r.sessions[0].right_censored()); // 81.5 + 180 > 200: no end invented
        CHECK(r.sessions[0].reason == session_end_reason::open);
        CHECK(r.sessions[0].holding_s(r.last_ns) == Approx(200));
        CHECK(r.series.ends_per_second() == std::vector<std::int64_t>(201, 0));
        // ... and with a longer capture it ends 180 s after its last packet.
        const auto r2 = run(ps, flow::fortigate_profile(), 400.0);
        REQUIRE(r2.sessions[0].end_ns == s_ns(261.5));
    }
    SECTION("none: never split, never ended") {
        const auto r = run(ps, flow::none_profile(), 5000.0);
        REQUIRE(r.sessions.size() == 1);
        CHECK(r.sessions[0].right_censored());
    }
    SECTION("override: UDP 5 s splits at every gap above 5 s") {
        const auto r = run(ps, flow::parse_timer_profile("paloalto,udp_idle=5"), 200.0);
        CHECK(r.sessions.size() == 4); // {0}, {10}, {40}, {80.5, 81.5}
    }
}

TEST_CASE("TCP: FIN from both sides ends the session after the time-wait linger") {
    std::vector<session_packet> ps = handshake(1.0);
    for (auto p : {tcp(2, true, ACK), tcp(2.5, false, ACK), tcp(5, true, FIN), tcp(5.1, false, ACK), tcp(6, false, FIN),
                   tcp(6.05, true, ACK)})
        ps.push_back(p);
    SECTION("fortigate: time-wait 1 s") {
        const auto r = run(ps, flow::fortigate_profile(), 100.0, 0.0);
        REQUIRE(r.sessions.size() == 1);
        CHECK(r.sessions[0].end_ns == s_ns(7)); // second FIN at 6, + 1 s; the ACK at 6.05 does not refresh
        CHECK(r.sessions[0].reason == session_end_reason::fin);
        CHECK(r.sessions[0].duration_s() == Approx(5.0)); // 1.0 -> 6.0
        CHECK(r.sessions[0].packets_out == 5);
        CHECK(r.sessions[0].packets_in == 4);
        CHECK(r.series.new_tcp[1] == 1);
        CHECK(r.series.end_tcp[7] == 1);
    }
    SECTION("paloalto: time-wait 15 s") {
        const auto r = run(ps, flow::paloalto_profile(), 100.0);
        CHECK(r.sessions[0].end_ns == s_ns(21));
    }
    SECTION("none: ends at the second FIN, no linger") {
        const auto r = run(ps, flow::none_profile(), 100.0);
        CHECK(r.sessions[0].end_ns == s_ns(6));
        CHECK(r.sessions[0].reason == session_end_reason::fin);
    }
}

TEST_CASE("TCP: one FIN starts the half-closed timer, refreshed by packets") {
    std::vector<session_packet> ps = handshake(0);
    ps.push_back(tcp(5, true, FIN));
    ps.push_back(tcp(5.5, false, ACK));
    const auto r = run(ps, flow::fortigate_profile(), 1000.0);
    REQUIRE(r.sessions.size() == 1);
    CHECK(r.sessions[0].end_ns == s_ns(125.5)); // 5.5 + 120
    CHECK(r.sessions[0].reason == session_end_reason::half_closed);
}

TEST_CASE("TCP: RST ends the session after the time-wait linger") {
    std::vector<session_packet> ps = handshake(0);
    ps.push_back(tcp(3, false, RST));
    CHECK(run(ps, flow::fortigate_profile(), 50.0).sessions[0].end_ns == s_ns(4));
    const auto r = run(ps, flow::paloalto_profile(), 50.0);
    CHECK(r.sessions[0].end_ns == s_ns(18));
    CHECK(r.sessions[0].reason == session_end_reason::rst);
}

TEST_CASE("TCP: idle expiry, then a late packet finds no session") {
    std::vector<session_packet> ps = handshake(0);
    ps.push_back(tcp(4000, true, ACK)); // 4000 - 0.2 > 3600: the firewall dropped the session
    const auto r = run(ps, flow::fortigate_profile(), 5000.0);
    REQUIRE(r.sessions.size() == 1);
    CHECK(r.sessions[0].end_ns == s_ns(3600.2));
    CHECK(r.sessions[0].reason == session_end_reason::idle);
    CHECK(r.orphan_packets == 1);
    CHECK(r.series.end_tcp[3600] == 1);
}

TEST_CASE("TCP: an unanswered SYN ends at the handshake timer") {
    const std::vector<session_packet> ps{tcp(0, true, SYN), tcp(1, true, SYN), tcp(3, true, SYN)};
    const auto f = run(ps, flow::fortigate_profile(), 100.0);
    REQUIRE(f.sessions.size() == 1);
    CHECK(f.sessions[0].end_ns == s_ns(13));
    CHECK(f.sessions[0].reason == session_end_reason::handshake);
    CHECK(run(ps, flow::paloalto_profile(), 100.0).sessions[0].end_ns == s_ns(8));
}

TEST_CASE("TCP: a new SYN on a closing 5-tuple replaces the old session") {
    std::vector<session_packet> ps = handshake(0);
    ps.push_back(tcp(1, true, FIN));
    ps.push_back(tcp(1.1, false, FIN));
    for (auto p : handshake(3)) ps.push_back(p); // within PAN-OS time-wait (15 s)
    const auto r = run(ps, flow::paloalto_profile(), 100.0);
    REQUIRE(r.sessions.size() == 2);
    CHECK(r.sessions[0].end_ns == s_ns(3));
    CHECK(r.sessions[0].reason == session_end_reason::replaced);
    CHECK(r.sessions[1].start_ns == s_ns(3));
    CHECK(r.sessions[1].right_censored()); // established, 3600 s idle timer, capture ends at 100
}

TEST_CASE("Capture edges: left-truncated streams are flagged, not new; open sessions are censored") {
    std::vector<session_packet> ps{tcp(0.5, false, ACK, 41000, false), tcp(0.6, true, ACK, 41000, false)};
    for (auto p : handshake(2)) ps.push_back(p);
    const auto r = run(ps, flow::fortigate_profile(), 30.0, 0.0);
    REQUIRE(r.sessions.size() == 2);
    CHECK(r.sessions[0].left_truncated);
    CHECK_FALSE(r.sessions[1].left_truncated);
    CHECK(r.left_truncated() == 1);
    CHECK(r.right_censored() == 2);
    CHECK(r.series.new_tcp[0] == 0); // the left-truncated one is not a new session
    CHECK(r.series.new_tcp[2] == 1);
    CHECK(r.series.occupancy[0] == 1);
    CHECK(r.series.occupancy[2] == 2);
    CHECK(r.series.occupancy.back() == 2);
    // A left-truncated stream that closes: its late packets open no second session.
    const std::vector<session_packet> late{tcp(0.5, false, FIN, 42000, false), tcp(0.6, true, FIN, 42000, false),
                                           tcp(0.7, false, ACK, 42000, false)};
    const auto n = run(late, flow::none_profile(), 30.0, 0.0);
    REQUIRE(n.sessions.size() == 1);
    CHECK(n.sessions[0].end_ns == s_ns(0.6));
    CHECK(n.orphan_packets == 1);
    // An inbound SYN opens nothing by default (design.md §3 counts the host's outbound flows).
    const auto in = run({tcp(1, false, SYN)}, flow::fortigate_profile());
    CHECK(in.sessions.empty());
    CHECK(in.unmatched_inbound == 1);
}

TEST_CASE("Occupancy per second: exact counts at the end of each second and the peak within it") {
    // paloalto UDP 30 s. Sessions: A [0.5, 30.5), B [1.2, 31.7 + ...) ...
    const std::vector<session_packet> ps{udp(0.5, true, 1), udp(1.2, true, 2), udp(1.7, true, 2), udp(2.0, true, 3),
                                         udp(31.0, true, 4)};
    const auto r = run(ps, flow::parse_timer_profile("paloalto,udp_idle=1"), 40.0);
    // timers 1 s: A [0.5, 1.5), B [1.2, 2.7), C [2.0, 3.0), D [31.0, 32.0)
    REQUIRE(r.sessions.size() == 4);
    const auto& s = r.series;
    // At instants 1, 2, 3, ..., 32, 33: A+0; at 1: A live -> 1; at 2: B, C(start 2.0 <= 2) -> 2;
    // at 3: C ends at 3.0 (not live) -> 0.
    CHECK(s.occupancy[0] == 1);
    CHECK(s.occupancy[1] == 2);
    CHECK(s.occupancy[2] == 0);
    CHECK(s.occupancy[29] == 0);
    CHECK(s.occupancy[30] == 1);    // instant 31: D starts at 31.0 -> live
    CHECK(s.occupancy[31] == 0);    // instant 32: D ended at 32.0
    CHECK(s.occupancy_max[0] == 1); // A alone in [0, 1)
    CHECK(s.occupancy_max[1] == 2); // A and B overlap in [1.2, 1.5)
    CHECK(s.occupancy_max[2] == 2); // B and C in [2.0, 2.7)
    CHECK(s.occupancy_max[31] == 1);
    CHECK(s.occupancy_max[35] == 0);
}

TEST_CASE("Occupancy matches a brute-force count from the session records") {
    std::vector<session_packet> ps;
    // A deterministic pseudo-random stream of UDP packets on 40 ports over 600 s.
    std::uint64_t x = 12345;
    double t = 0;
    for (int i = 0; i < 3000; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        t += double((x >> 33) % 400) / 1000.0;
        ps.push_back(udp(t, ((x >> 20) & 7) != 0, std::uint16_t(1000 + (x >> 40) % 40)));
    }
    for (const auto& prof : {flow::paloalto_profile(), flow::fortigate_profile()}) {
        const auto r = run(ps, prof);
        const auto& s = r.series;
        std::size_t mismatches = 0;
        for (std::size_t k = 0; k < s.seconds(); ++k) {
            const std::int64_t instant = s.origin_ns + std::int64_t(k + 1) * 1'000'000'000;
            std::int64_t n = 0;
            for (const auto& rec : r.sessions) n += rec.start_ns <= instant && (!rec.end_ns || instant < *rec.end_ns);
            mismatches += n != s.occupancy[k];
        }
        CHECK(mismatches == 0);
        CHECK(r.sessions.size() >= 40);
    }
}

TEST_CASE("A clock jump backwards is bad input; small steps back are tolerated") {
    flow::session_table table(flow::fortigate_profile(), {.source_name = "x.pcap"});
    table.add(udp(10, true));
    table.add(udp(9.5, true)); // 0.5 s back: taken at 10
    CHECK_THROWS_AS(table.add(udp(5, true)), fwsize::input_error);
}

TEST_CASE("Adapter: packet_record with flags (capture) and with completeness only (CSV)") {
    const auto host = io::ip_address::v4(10, 0, 0, 2), peer = io::ip_address::v4(1, 1, 1, 1);
    auto is_local = [&](const io::ip_address& a) { return a == host; };
    flow::session_packet_adapter adapt(is_local);
    io::packet_record r;
    r.src = peer, r.dst = host, r.src_port = 443, r.dst_port = 40000, r.proto = io::transport::tcp;
    r.tcp_flags = io::tcp_flags::ack; // first packet of the 5-tuple is not a SYN: open before the capture
    auto p = adapt(r);
    REQUIRE(p);
    CHECK_FALSE(p->outbound);
    CHECK(p->key.local == host);
    CHECK(p->key.local_port == 40000);
    CHECK_FALSE(p->opens_stream);
    CHECK_FALSE(p->stream_opened_in_capture);
    std::swap(r.src, r.dst), std::swap(r.src_port, r.dst_port);
    r.tcp_flags = io::tcp_flags::syn;
    p = adapt(r);
    CHECK(p->outbound);
    CHECK(p->opens_stream);
    CHECK(p->stream_opened_in_capture);
    r.src = peer, r.dst = io::ip_address::v4(8, 8, 8, 8);
    CHECK_FALSE(adapt(r));

    // CSV: no flags; FIN shows on the row after the FIN (one-packet lag).
    flow::session_packet_adapter csv(is_local);
    io::packet_record c;
    c.src = host, c.dst = peer, c.src_port = 40001, c.dst_port = 443, c.proto = io::transport::tcp;
    c.tcp_time_relative_ns = 0, c.tcp_completeness = 0;
    CHECK(csv(c)->opens_stream);
    c.tcp_time_relative_ns = 1000, c.tcp_completeness = 15;
    CHECK_FALSE(csv(c)->close_fin);
    c.tcp_completeness = 31;
    CHECK(csv(c)->close_fin);
    c.tcp_completeness = 31;
    CHECK_FALSE(csv(c)->close_fin); // only where the bit first shows
}
