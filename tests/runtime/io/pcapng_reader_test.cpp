// pcapng_reader: sections in both byte orders, several interfaces with their own link type,
// if_tsresol and if_tsoffset, simple and enhanced packet blocks, unknown blocks, bad input.
#include <string>

#include <fwsize/io/capture_reader.hpp>
#include <fwsize/io/pcapng_reader.hpp>

#include "../../catch.hpp"
#include "capture_builder.hpp"

using namespace fwsize;
using namespace fwsize::test;

namespace {
bytes block(std::uint32_t type, bytes body, bool big) {
    while (body.size() % 4) body.push_back(0);
    bytes b;
    put32(b, type, big);
    put32(b, std::uint32_t(body.size() + 12), big);
    append(b, body);
    put32(b, std::uint32_t(body.size() + 12), big);
    return b;
}
bytes shb(bool big) {
    bytes body;
    put32(body, 0x1A2B3C4D, big);
    put16(body, 1, big);
    put16(body, 0, big);
    put32(body, 0xFFFFFFFF, big);
    put32(body, 0xFFFFFFFF, big);
    return block(0x0A0D0D0A, body, big);
}
bytes idb(std::uint16_t lt, bool big, int tsresol = -1, std::int64_t tsoffset = 0) {
    bytes body;
    put16(body, lt, big);
    put16(body, 0, big);
    put32(body, 0, big);
    if (tsresol >= 0) {
        put16(body, 9, big);
        put16(body, 1, big);
        body.insert(body.end(), {std::uint8_t(tsresol), 0, 0, 0});
    }
    if (tsoffset) {
        put16(body, 14, big);
        put16(body, 8, big);
        const auto u = static_cast<std::uint64_t>(tsoffset);
        if (big) {
            put32(body, std::uint32_t(u >> 32), true);
            put32(body, std::uint32_t(u), true);
        } else {
            put32(body, std::uint32_t(u), false);
            put32(body, std::uint32_t(u >> 32), false);
        }
    }
    put16(body, 0, big);
    put16(body, 0, big);
    return block(1, body, big);
}
bytes epb(std::uint32_t ifid, std::uint64_t ts, const bytes& data, bool big) {
    bytes body;
    put32(body, ifid, big);
    put32(body, std::uint32_t(ts >> 32), big);
    put32(body, std::uint32_t(ts), big);
    put32(body, std::uint32_t(data.size()), big);
    put32(body, std::uint32_t(data.size()), big);
    append(body, data);
    return block(6, body, big);
}
std::vector<io::packet_record> drain(io::pcapng_reader& r) {
    std::vector<io::packet_record> v;
    io::packet_record rec;
    while (r.next(rec)) v.push_back(rec);
    return v;
}
} // namespace

TEST_CASE("pcapng: interfaces with their own link type and timestamp resolution, two sections") {
    const bytes eth = ethernet(ipv4(17, udp_header(1000, 53)));
    const bytes raw = ipv4(6, tcp_header({.sport = 2000, .dport = 80, .flags = 0x02}));
    bytes f = shb(false);
    append(f, idb(1, false));            // microseconds (default)
    append(f, idb(101, false, 9, 100));  // nanoseconds, +100 s offset
    append(f, idb(1, false, 0x80 | 10)); // 2^-10 s units
    append(f, epb(0, 1'700'000'000'123456ull, eth, false));
    append(f, block(0x0BAD, bytes(8, 1), false)); // custom block: skipped by length
    append(f, epb(1, 5'000000001ull, raw, false));
    append(f, epb(2, 1024ull * 7 + 512, eth, false));
    bytes spb_body;
    put32(spb_body, std::uint32_t(eth.size()), false);
    append(spb_body, eth);
    append(f, block(3, spb_body, false));
    // A second section, big-endian, resets the interface table.
    append(f, shb(true));
    append(f, idb(101, true, 6));
    append(f, epb(0, 42'000001ull, raw, true));

    const auto path = write_temp("multi.pcapng", f);
    CHECK(io::detect_capture_format(path) == io::capture_format::pcapng);
    io::pcapng_reader r(path);
    const auto recs = drain(r);
    REQUIRE(recs.size() == 5);
    CHECK(recs[0].timestamp_ns == 1'700'000'000'123456000LL);
    CHECK(recs[0].is_udp());
    CHECK(recs[1].timestamp_ns == 105'000000001LL);
    CHECK(recs[1].is_tcp());
    CHECK(recs[1].src_port == 2000);
    CHECK(recs[2].timestamp_ns == 7'500000000LL);
    CHECK(recs[3].timestamp_ns == 0); // simple packet blocks carry no timestamp
    CHECK(recs[4].timestamp_ns == 42'000001000LL);
    CHECK(recs[4].id == 5);
    // Same 4-tuple as record 1 in the other section: the stream continues (tshark keys by endpoints).
    CHECK(recs[4].tcp_completeness == 1);
}

TEST_CASE("pcapng: an undeclared interface, a bad length and a truncated block") {
    const bytes eth = ethernet(ipv4(17, udp_header(1000, 53)));
    bytes f = shb(false);
    append(f, idb(1, false));
    append(f, epb(0, 1, eth, false));
    const std::size_t second = f.size();
    bytes g = f;
    append(g, epb(3, 2, eth, false));
    {
        io::pcapng_reader r(write_temp("ifid.pcapng", g));
        io::packet_record rec;
        REQUIRE(r.next(rec));
        try {
            r.next(rec);
            FAIL("no input_error");
        } catch (const input_error& e) {
            CHECK(e.where().byte_offset == std::optional<std::uint64_t>(second + 8));
            CHECK(e.problem().find("interface id") != std::string::npos);
        }
    }
    bytes h = f;
    append(h, epb(0, 2, eth, false));
    h[second + 4] = 13; // block length not a multiple of 4
    {
        io::pcapng_reader r(write_temp("len.pcapng", h));
        io::packet_record rec;
        REQUIRE(r.next(rec));
        CHECK_THROWS_AS(r.next(rec), input_error);
    }
    bytes t = f;
    append(t, epb(0, 2, eth, false));
    t.resize(t.size() - 7);
    io::pcapng_reader r(write_temp("trunc.pcapng", t));
    CHECK(drain(r).size() == 1);
    REQUIRE(r.report().warnings.size() == 1);
    CHECK(r.report().warnings[0].find("byte " + std::to_string(second)) != std::string::npos);
    CHECK_THROWS_AS(io::pcapng_reader(write_temp("notng.pcapng", bytes(16, 0))), input_error);
}

TEST_CASE("pcapng: a time beyond int64 nanoseconds is skipped and counted, its neighbours kept") {
    // Found by fuzz_pcapng: if_tsresol 10^0 with 2^40 units is year ~36800; seconds * 1e9 overflowed.
    const bytes eth = ethernet(ipv4(17, udp_header(1000, 53)));
    bytes f = shb(false);
    append(f, idb(1, false, 0));                // whole seconds
    append(f, idb(1, false, 9, INT64_MAX / 2)); // nanoseconds, an offset no clock has
    append(f, epb(0, 1'700'000'000ull, eth, false));
    append(f, epb(0, 1ull << 40, eth, false));
    append(f, epb(1, 5, eth, false));
    append(f, epb(0, 1'700'000'001ull, eth, false));
    io::pcapng_reader r(write_temp("far.pcapng", f));
    const auto recs = drain(r);
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].timestamp_ns == 1'700'000'000'000000000LL);
    CHECK(recs[1].timestamp_ns == 1'700'000'001'000000000LL);
    CHECK(recs[1].id == 4); // frames keep tshark's numbering
    CHECK(r.report().units_read == 4);
    CHECK(r.report().skipped.at("timestamp outside the int64 nanosecond range (years 1677-2262)") == 2);
}
