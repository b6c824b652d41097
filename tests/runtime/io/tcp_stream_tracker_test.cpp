// tcp_stream_tracker against tshark 4.0's own single-pass values, taken from
// ../shared/data/tcp_completeness_evidence.txt (streams of real captures, flags and lengths as shown).
#include <vector>

#include <fwsize/io/tcp_stream_tracker.hpp>

#include "../../catch.hpp"

using namespace fwsize::io;

namespace {
constexpr std::uint8_t S = 0x02, A = 0x10, F = 0x01, R = 0x04, P = 0x08;

struct pkt {
    bool from_client;
    std::uint8_t flags;
    std::uint32_t len;
    int expected;
    std::uint32_t seq = 1000;
};

std::vector<int> run(tcp_stream_tracker& t, const std::vector<pkt>& ps, std::int64_t t0 = 0,
                     std::uint16_t cport = 50000) {
    const auto client = ip_address::v4(10, 0, 0, 1), server = ip_address::v4(10, 0, 0, 2);
    std::vector<int> got;
    std::int64_t ts = t0;
    for (const auto& p : ps) {
        packet_record r;
        r.proto = transport::tcp;
        r.src = p.from_client ? client : server;
        r.dst = p.from_client ? server : client;
        r.src_port = p.from_client ? cport : 445;
        r.dst_port = p.from_client ? 445 : cport;
        r.tcp_flags = p.flags;
        r.tcp_seq = p.seq;
        r.tcp_payload_len = p.len;
        r.timestamp_ns = ts;
        t.update(r);
        got.push_back(r.tcp_completeness);
        ts += 1000;
    }
    return got;
}
std::vector<int> expected(const std::vector<pkt>& ps) {
    std::vector<int> e;
    for (const auto& p : ps) e.push_back(p.expected);
    return e;
}
} // namespace

TEST_CASE("tracker: a full connection with a retransmitted SYN (shetty stream 36)") {
    const std::vector<pkt> ps{{true, S, 0, 0},       {true, S, 0, 1},      {false, S | A, 0, 1}, {true, A, 0, 3},
                              {true, A | P, 223, 7}, {false, A, 0, 15},    {true, A | F, 0, 15}, {false, A | P, 51, 31},
                              {true, A | R, 0, 31},  {false, A | R, 0, 63}};
    tcp_stream_tracker t;
    CHECK(run(t, ps) == expected(ps));
    CHECK(t.streams() == 1);
}

TEST_CASE("tracker: a stream picked up at its SYN-ACK adds nothing with its first packet (stream 7)") {
    const std::vector<pkt> ps{{false, S | A, 0, 0},  {true, A, 0, 0},        {true, A | P, 1340, 4},
                              {false, S | A, 0, 12}, {true, A, 0, 14},       {false, S | A, 0, 14},
                              {true, A | F, 0, 14},  {false, A | P, 24, 30}, {true, A | F, 0, 30},
                              {true, A | R, 0, 30}};
    tcp_stream_tracker t;
    CHECK(run(t, ps) == expected(ps));
}

TEST_CASE("tracker: a SYN with a new sequence number on used ports starts a new stream showing 1") {
    // emix.pcap streams 25 -> 26: the new SYN shows 1, time_relative restarts at 0.
    tcp_stream_tracker t;
    const std::vector<pkt> first{{true, S, 0, 0, 111},
                                 {false, S | A, 0, 1, 900},
                                 {true, A, 0, 3, 112},
                                 {true, A | F, 0, 7, 112},
                                 {false, A | F, 0, 23, 901}};
    CHECK(run(t, first) == expected(first));
    const std::vector<pkt> again{{true, S, 0, 1, 5555}, {false, S | A, 0, 1, 7777}, {true, A, 0, 3, 5556}};
    const auto client = ip_address::v4(10, 0, 0, 1), server = ip_address::v4(10, 0, 0, 2);
    packet_record r;
    r.src = client;
    r.dst = server;
    r.src_port = 50000;
    r.dst_port = 445;
    r.tcp_flags = S;
    r.tcp_seq = 5555;
    r.timestamp_ns = 9'000'000;
    t.update(r);
    CHECK(r.tcp_completeness == 1);
    CHECK(r.tcp_time_relative_ns == 0);
    CHECK(t.streams() == 2);
    // A retransmission of that SYN (same sequence number) stays in the stream.
    r.timestamp_ns = 9'500'000;
    t.update(r);
    CHECK(t.streams() == 2);
    CHECK(r.tcp_time_relative_ns == 500'000);
}

TEST_CASE("tracker: time_relative counts from the stream's first packet, backwards too") {
    tcp_stream_tracker t;
    packet_record r;
    r.src = ip_address::v4(1, 1, 1, 1);
    r.dst = ip_address::v4(2, 2, 2, 2);
    r.src_port = 1;
    r.dst_port = 2;
    r.tcp_flags = A;
    r.timestamp_ns = 5'000'000'000;
    t.update(r);
    std::swap(r.src, r.dst);
    std::swap(r.src_port, r.dst_port);
    r.timestamp_ns = 4'750'000'000; // a clock step backwards
    t.update(r);
    CHECK(r.tcp_time_relative_ns == -250'000'000);
    CHECK(t.streams() == 1);
}
