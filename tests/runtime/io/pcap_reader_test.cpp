// pcap_reader: every field of a record against frames built byte by byte, link types, skip
// reasons, byte orders and resolutions, truncation and corrupt headers.
#include <string>

#include <fwsize/io/pcap_reader.hpp>

#include "../../catch.hpp"
#include "capture_builder.hpp"

using namespace fwsize;
using namespace fwsize::test;

namespace {
std::vector<io::packet_record> read_all(io::pcap_reader& r) {
    std::vector<io::packet_record> out;
    io::packet_record rec;
    while (r.next(rec)) out.push_back(rec);
    return out;
}
std::vector<io::packet_record> read_file(const std::string& name, const bytes& b) {
    io::pcap_reader r(write_temp(name, b));
    return read_all(r);
}
} // namespace

TEST_CASE("pcap: an Ethernet IPv4 TCP segment fills every field") {
    tcp_seg s{.sport = 51000, .dport = 443, .seq = 0xDEADBEEF, .flags = 0x18, .payload = 100};
    const auto b = pcap_file(1, {{1700000000, 123456, ethernet(ipv4(6, tcp_header(s)))}});
    const auto recs = read_file("eth4.pcap", b);
    REQUIRE(recs.size() == 1);
    const auto& r = recs[0];
    CHECK(r.id == 1);
    CHECK(r.timestamp_ns == 1700000000'123456000LL);
    CHECK(r.src.to_string() == "192.168.1.10");
    CHECK(r.dst.to_string() == "93.184.216.20");
    CHECK(r.src_port == 51000);
    CHECK(r.dst_port == 443);
    CHECK(r.is_tcp());
    CHECK(r.tcp_flags == std::optional<std::uint8_t>(0x18));
    CHECK(r.tcp_seq == 0xDEADBEEFu);
    CHECK(r.tcp_payload_len == 100);
    CHECK(r.tcp_completeness == 0);
    CHECK(r.tcp_time_relative_ns == 0);
    REQUIRE(r.src_mac);
    CHECK((*r.src_mac)[5] == 0xAA);
    CHECK((*r.dst_mac)[5] == 0xBB);
}

TEST_CASE("pcap: byte order and nanosecond resolution give the same records") {
    const bytes f = ethernet(ipv4(17, udp_header(5353, 53)));
    for (bool big : {false, true}) {
        const auto micro = read_file("u.pcap", pcap_file(1, {{10, 999999, f}}, big, false));
        const auto nano = read_file("n.pcap", pcap_file(1, {{10, 999999000, f}}, big, true));
        REQUIRE(micro.size() == 1);
        REQUIRE(nano.size() == 1);
        CHECK(micro[0].timestamp_ns == 10'999999000LL);
        CHECK(nano[0].timestamp_ns == micro[0].timestamp_ns);
        CHECK(nano[0].is_udp());
        CHECK(nano[0].src_port == 5353);
        CHECK(nano[0].tcp_completeness == -1);
    }
}

TEST_CASE("pcap: frame ids count every frame; skipped frames are counted by reason") {
    const bytes arp = ethernet(bytes(28, 0), 0x0806);
    const bytes icmp = ethernet(ipv4(1, bytes(8, 0)));
    const bytes gre = ethernet(ipv4(47, bytes(8, 0)));
    const bytes pppoe = ethernet(bytes(20, 0), 0x8864);
    const bytes udp = ethernet(ipv4(17, udp_header(1, 2)));
    io::pcap_reader r(
        write_temp("skips.pcap", pcap_file(1, {{1, 0, arp}, {1, 1, icmp}, {1, 2, gre}, {1, 3, pppoe}, {1, 4, udp}})));
    const auto recs = read_all(r);
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].id == 5);
    const auto& rep = r.report();
    CHECK(rep.units_read == 5);
    CHECK(rep.records == 1);
    CHECK(rep.skipped.at("non-IP frame") == 1);
    CHECK(rep.skipped.at("ICMP") == 1);
    CHECK(rep.skipped.at("tunnel (out of scope)") == 2);
    CHECK(rep.skipped_total() == 4);
}

TEST_CASE("pcap: an unknown link type is counted by number") {
    io::pcap_reader r(write_temp("lt147.pcap", pcap_file(147, {{1, 0, ipv4(17, udp_header(1, 2))}})));
    CHECK(read_all(r).empty());
    CHECK(r.report().skipped.at("link type 147") == 1);
}

TEST_CASE("pcap: 802.1Q and QinQ tags, IPv4 options and Ethernet padding") {
    const tcp_seg ack{.flags = 0x10, .payload = 0};
    bytes padded = ethernet(ipv4(6, tcp_header(ack), 10, 20, 1, 0, 2), 0x0800, {0x88A8, 0x8100});
    padded.resize(padded.size() + 6, 0); // trailer bytes past the IP total length
    const auto recs = read_file("vlan.pcap", pcap_file(1, {{1, 0, padded}}));
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].dst_port == 443);
    CHECK(recs[0].tcp_payload_len == 0); // from the IP length, not the padded frame
}

TEST_CASE("pcap: Linux cooked v1/v2, BSD null/loop and raw IP link types") {
    const bytes ip = ipv4(17, udp_header(1234, 53));
    bytes sll1;
    put16(sll1, 4);
    put16(sll1, 1);
    put16(sll1, 6);
    sll1.insert(sll1.end(), {2, 0, 0, 0, 0, 0xCC, 0, 0});
    put16(sll1, 0x0800);
    append(sll1, ip);
    bytes sll2;
    put16(sll2, 0x0800);
    put16(sll2, 0);
    put32(sll2, 3);
    put16(sll2, 1);
    sll2.push_back(4);
    sll2.push_back(6);
    sll2.insert(sll2.end(), {2, 0, 0, 0, 0, 0xDD, 0, 0});
    append(sll2, ip);
    bytes null_le{2, 0, 0, 0}, null_be{0, 0, 0, 2}, loop{0, 0, 0, 2}, null6{30, 0, 0, 0};
    append(null_le, ip);
    append(null_be, ip);
    append(loop, ip);
    append(null6, ipv6(17, udp_header(1234, 53)));
    struct c {
        std::uint32_t lt;
        bytes f;
    };
    for (const auto& [lt, f] : {c{113, sll1}, c{276, sll2}, c{0, null_le}, c{0, null_be}, c{108, loop}, c{0, null6},
                                c{101, ip}, c{12, ip}, c{228, ip}, c{229, ipv6(17, udp_header(1234, 53))}}) {
        INFO("link type " << lt);
        const auto recs = read_file("lt.pcap", pcap_file(lt, {{1, 0, f}}));
        REQUIRE(recs.size() == 1);
        CHECK(recs[0].src_port == 1234);
        CHECK(recs[0].dst_port == 53);
    }
    CHECK((*read_file("sll.pcap", pcap_file(113, {{1, 0, sll1}}))[0].src_mac)[5] == 0xCC);
    CHECK((*read_file("sll2.pcap", pcap_file(276, {{1, 0, sll2}}))[0].src_mac)[5] == 0xDD);
}

TEST_CASE("pcap: IPv6 extension headers are walked to the transport header") {
    bytes rest;
    // hop-by-hop (8 bytes) -> routing (8) -> destination options (16) -> TCP
    rest.insert(rest.end(), {43, 0, 1, 4, 0, 0, 0, 0});
    rest.insert(rest.end(), {60, 0, 0, 0, 0, 0, 0, 0});
    rest.insert(rest.end(), {6, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    append(rest, tcp_header({.sport = 7, .dport = 8, .flags = 0x02}));
    const auto recs = read_file("v6ext.pcap", pcap_file(1, {{1, 0, ethernet(ipv6(0, rest), 0x86DD)}}));
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].src.to_string() == "2001:db8::a");
    CHECK(recs[0].src_port == 7);
    CHECK(recs[0].tcp_payload_len == 0);
}

TEST_CASE("pcap: a fragmented datagram shows on the frame that completes it, with the first piece's ports") {
    const bytes udp = udp_header(4444, 53, 40); // 48 transport bytes: pieces of 24 + 24
    const bytes first(udp.begin(), udp.begin() + 24), second(udp.begin() + 24, udp.end());
    const bytes f1 = ethernet(ipv4(17, first, 10, 20, 77, 0x2000));
    const bytes f2 = ethernet(ipv4(17, second, 10, 20, 77, 24 / 8));
    // Out of order: the last piece first, then the first one completes the datagram.
    io::pcap_reader r(write_temp("frag.pcap", pcap_file(1, {{1, 0, f2}, {1, 5, f1}})));
    const auto recs = read_all(r);
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].id == 2);
    CHECK(recs[0].src_port == 4444);
    CHECK(r.report().skipped.at("IP fragment (not the completing one)") == 1);

    // IPv6 fragment header: offset 0 with M, then offset 24 without.
    bytes h1{17, 0, 0, 1, 0, 0, 0, 9}, h2{17, 0, 0, 24, 0, 0, 0, 9};
    append(h1, first);
    append(h2, second);
    const auto v6 = read_file(
        "frag6.pcap", pcap_file(1, {{1, 0, ethernet(ipv6(44, h1), 0x86DD)}, {1, 1, ethernet(ipv6(44, h2), 0x86DD)}}));
    REQUIRE(v6.size() == 1);
    CHECK(v6[0].id == 2);
    CHECK(v6[0].dst_port == 53);
}

TEST_CASE("pcap: a truncated last record keeps every complete packet and warns") {
    const bytes f = ethernet(ipv4(17, udp_header(1, 2)));
    bytes b = pcap_file(1, {{1, 0, f}, {2, 0, f}, {3, 0, f}});
    b.resize(b.size() - 10);
    io::pcap_reader r(write_temp("trunc.pcap", b));
    CHECK(read_all(r).size() == 2);
    REQUIRE(r.report().warnings.size() == 1);
    CHECK(r.report().warnings[0].find("byte 148") != std::string::npos); // 24 + 2 * (16 + 46)
}

TEST_CASE("pcap: corrupt headers raise input_error naming the byte offset") {
    bytes bad_magic = pcap_file(1, {});
    bad_magic[0] = 0x00;
    CHECK_THROWS_WITH(io::pcap_reader(write_temp("magic.pcap", bad_magic)),
                      Catch::Contains("byte 0") && Catch::Contains("magic"));
    bytes huge = pcap_file(1, {{1, 0, ethernet(ipv4(17, udp_header(1, 2)))}});
    huge[24 + 8 + 3] = 0x7F; // little-endian caplen of the first record: about 2 GB
    io::pcap_reader r(write_temp("huge.pcap", huge));
    io::packet_record rec;
    try {
        r.next(rec);
        FAIL("no input_error");
    } catch (const input_error& e) {
        CHECK(e.where().byte_offset == std::optional<std::uint64_t>(32));
    }
}
