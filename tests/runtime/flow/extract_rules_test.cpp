// Each rule of docs/event-rules.md on a small hand-made table, under both rule sets.
#include <fwsize/detail/ranges.hpp>
#include <fwsize/flow/classify.hpp>
#include <fwsize/flow/extract.hpp>
#include <fwsize/io/records.hpp>
#include <fwsize/series/machine_table.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../../catch.hpp"

using namespace fwsize;
using flow::event_kind;
using flow::rule_set;

namespace {

const std::string header =
    "id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness\n";

/// A table row; t in ms after a fixed origin, rel = tcp_time_relative in ms (-1: UDP).
struct row {
    double t_ms;
    const char* proto;
    const char* src;
    const char* dst;
    int sport, dport;
    double rel_ms;
    int completeness;
};

std::filesystem::path write_table(const std::string& name, const std::vector<row>& rows) {
    auto dir = std::filesystem::path(FWSIZE_TEST_BINARY_DIR) / "extract_rules_test";
    std::filesystem::create_directories(dir);
    const auto p = dir / (name + ".csv");
    std::ofstream out(p);
    out << header;
    int id = 1;
    for (const auto& r : rows) {
        const bool v6 = std::string(r.src).find(':') != std::string::npos;
        char ts[64], rel[64];
        std::snprintf(ts, sizeof ts, "%.3f", 1'600'000'000'000.0 + r.t_ms);
        std::snprintf(rel, sizeof rel, "%.9f", r.rel_ms / 1000.0);
        out << id++ << ',' << ts << ',' << r.proto << ',' << (v6 ? 6 : 4) << ',' << r.src << ',' << r.dst << ','
            << r.sport << ',' << r.dport << ',';
        if (std::string(r.proto) == "tcp") out << rel << ',' << r.completeness;
        else out << ',';
        out << '\n';
    }
    return p;
}

flow::machine_extraction run(const std::filesystem::path& p, rule_set rules = rule_set::exact,
                             flow::extract_options opt = {}) {
    opt.rules = rules;
    return flow::extract_csv(p, opt);
}

std::size_t n(const flow::machine_extraction& m, event_kind k) {
    return m.events[k].size();
}

/// A normal outbound connection from `host` (SYN .. FIN, ACK): gives `host` a stream-opening vote.
std::vector<row> normal_stream(double t, const char* host, const char* server, int port) {
    return {{t, "tcp", host, server, port, 443, 0, 0},          {t + 10, "tcp", server, host, 443, port, 10, 1},
            {t + 11, "tcp", host, server, port, 443, 11, 3},    {t + 12, "tcp", host, server, port, 443, 12, 7},
            {t + 30, "tcp", server, host, 443, port, 30, 15},   {t + 900, "tcp", host, server, port, 443, 900, 15},
            {t + 910, "tcp", server, host, 443, port, 910, 31}, {t + 911, "tcp", host, server, port, 443, 911, 63}};
}

template <class... V>
std::vector<row> concat(V... v) {
    std::vector<row> out;
    (out.insert(out.end(), v.begin(), v.end()), ...);
    std::stable_sort(out.begin(), out.end(), [](const row& a, const row& b) { return a.t_ms < b.t_ms; });
    return out;
}

const char* const H = "192.168.1.10";
const char* const S = "93.184.216.34";

} // namespace

TEST_CASE("a normal connection: one new at its SYN, one end at its FIN (row before bit 16)") {
    const auto m = run(write_table("normal", normal_stream(0, H, S, 50000)));
    REQUIRE(n(m, event_kind::tcp_new) == 1);
    REQUIRE(n(m, event_kind::tcp_end) == 1);
    CHECK(m.events[event_kind::tcp_new][0] == 1'600'000'000'000'000'000);
    CHECK(m.events[event_kind::tcp_end][0] == 1'600'000'000'900'000'000); // the FIN at +900 ms
    REQUIRE(m.flows.size() == 1);
    const auto& f = m.flows[0];
    CHECK(f.reason == flow::end_reason::fin);
    CHECK(f.opened_by_host);
    CHECK_FALSE(f.open_at_start);
    CHECK(f.packets_out == 5);
    CHECK(f.packets_in == 3);
    CHECK(f.last_in_ns == 1'600'000'000'910'000'000);
    // seed: new = completeness 0 outbound; end = the first outbound row reaching 15 (data, not a close)
    const auto s = run(write_table("normal", normal_stream(0, H, S, 50000)), rule_set::seed);
    CHECK(n(s, event_kind::tcp_new) == 1);
    REQUIRE(n(s, event_kind::tcp_end) == 1);
    CHECK(s.events[event_kind::tcp_end][0] == 1'600'000'000'900'000'000);
}

TEST_CASE("mid-stream pickup (two zero rows) is open at start: no new, no end under exact") {
    const std::vector<row> pickup{{100, "tcp", H, S, 50001, 443, 0, 0},  {101, "tcp", S, H, 443, 50001, 1, 0},
                                  {102, "tcp", H, S, 50001, 443, 2, 8},  {103, "tcp", S, H, 443, 50001, 3, 12},
                                  {104, "tcp", H, S, 50001, 443, 4, 12}, {105, "tcp", S, H, 443, 50001, 5, 28}};
    const auto p = write_table("pickup", concat(normal_stream(0, H, S, 50000), pickup));
    const auto m = run(p);
    CHECK(n(m, event_kind::tcp_new) == 1);
    CHECK(n(m, event_kind::tcp_end) == 1);
    REQUIRE(m.flows.size() == 2);
    CHECK(m.flows[1].open_at_start);
    CHECK_FALSE(m.flows[1].opened_by_host);
    CHECK(m.flows[1].fin_rst_ns == 1'600'000'000'104'000'000); // still a flow record with its FIN
    // seed: every outbound completeness-0 row is "new": the pickup's first row counts
    CHECK(n(run(p, rule_set::seed), event_kind::tcp_new) == 2);
}

TEST_CASE("port reuse: a new stream on the same 4-tuple whose SYN shows 1 is a new connection") {
    auto first = normal_stream(0, H, S, 50000);
    std::vector<row> reuse{{2000, "tcp", H, S, 50000, 443, 0, 1},
                           {2010, "tcp", S, H, 443, 50000, 10, 1},
                           {2011, "tcp", H, S, 50000, 443, 11, 3},
                           {2012, "tcp", H, S, 50000, 443, 12, 7}};
    const auto p = write_table("reuse", concat(first, reuse));
    const auto m = run(p);
    CHECK(n(m, event_kind::tcp_new) == 2);
    CHECK(n(m, event_kind::tcp_end) == 1);
    REQUIRE(m.flows.size() == 2);
    CHECK(m.flows[1].reason == flow::end_reason::capture_end);
    const auto s = run(p, rule_set::seed);
    CHECK(n(s, event_kind::tcp_new) == 1); // the reused SYN shows 1, not 0
    CHECK(n(s, event_kind::tcp_end) == 1); // one per 4-tuple
}

TEST_CASE("a FIN that is the stream's last row cannot be seen in a CSV") {
    const std::vector<row> t{
        {0, "tcp", H, S, 50000, 443, 0, 0},
        {10, "tcp", S, H, 443, 50000, 10, 1},
        {11, "tcp", H, S, 50000, 443, 11, 3},
        {12, "tcp", H, S, 50000, 443, 12, 7}, // this one is the FIN: nothing shows it
    };
    const auto m = run(write_table("fin_last", t));
    CHECK(n(m, event_kind::tcp_new) == 1);
    CHECK(n(m, event_kind::tcp_end) == 0);
    REQUIRE(m.flows.size() == 1);
    CHECK(m.flows[0].reason == flow::end_reason::capture_end);
}

TEST_CASE("IPv6-only machine") {
    const char* h6 = "2001:db8:1::10";
    const char* s6 = "2001:db8:99::1";
    const auto m =
        run(write_table("v6only", concat(normal_stream(0, h6, s6, 40000), normal_stream(5000, h6, s6, 40001))));
    CHECK(m.local.v4.empty());
    REQUIRE(m.local.v6.size() == 1);
    CHECK(m.local.v6[0].addr.to_string() == h6);
    CHECK(m.local.v6[0].share == 1.0);
    CHECK(n(m, event_kind::tcp_new) == 2);
    CHECK(n(m, event_kind::tcp_end) == 2);
}

TEST_CASE("dual-stack machine: a local address per family, both families' events") {
    const char* h6 = "2001:db8:1::10";
    const auto p =
        write_table("dual", concat(normal_stream(0, H, S, 50000), normal_stream(100, h6, "2001:db8:99::1", 40000),
                                   std::vector<row>{{200, "udp", h6, "2001:4860:4860::8888", 5353, 53, -1, 0}}));
    for (auto rules : {rule_set::exact, rule_set::seed}) {
        const auto m = run(p, rules);
        REQUIRE(m.local.v4.size() == 1);
        REQUIRE(m.local.v6.size() == 1);
        CHECK(m.local.v4[0].addr.to_string() == H);
        CHECK(m.local.v6[0].addr.to_string() == h6);
        CHECK(n(m, event_kind::tcp_new) == 2);
        CHECK(n(m, event_kind::udp_new) == 1);
    }
}

TEST_CASE("two IPv6 addresses on one host (stable + temporary): both local with their shares; seed keeps one") {
    const char* stable = "2001:db8:1::10";
    const char* temp = "2001:db8:1:0:a1b2:c3d4:e5f6:1";
    const char* s6 = "2001:db8:99::1";
    const auto p =
        write_table("two_v6", concat(normal_stream(0, stable, s6, 40000), normal_stream(2000, temp, s6, 40001),
                                     normal_stream(4000, temp, s6, 40002), normal_stream(6000, temp, s6, 40003)));
    const auto m = run(p);
    REQUIRE(m.local.v6.size() == 2);
    CHECK(m.local.v6[0].addr.to_string() == temp);
    CHECK(m.local.v6[0].share == Approx(0.75));
    CHECK(m.local.v6[1].share == Approx(0.25));
    CHECK(n(m, event_kind::tcp_new) == 4);
    const auto s = run(p, rule_set::seed);
    REQUIRE(s.local.v6.size() == 1);
    CHECK(n(s, event_kind::tcp_new) == 3);
}

TEST_CASE("UDP: single-packet flows are new and end in the same packet; replies alone are not flows") {
    const std::vector<row> t{{0, "udp", H, "8.8.8.8", 5000, 53, -1, 0},
                             {5, "udp", H, "8.8.4.4", 5001, 53, -1, 0},
                             {20, "udp", "8.8.8.8", H, 53, 5000, -1, 0},
                             {1500, "udp", H, "8.8.8.8", 5000, 53, -1, 0},
                             {1600, "udp", "1.1.1.1", H, 53, 7000, -1, 0}}; // unsolicited inbound
    const auto p = write_table("udp", concat(normal_stream(0, H, S, 50000), t));
    const auto m = run(p);
    REQUIRE(n(m, event_kind::udp_new) == 2);
    REQUIRE(n(m, event_kind::udp_end) == 2);
    auto news = m.events[event_kind::udp_new], ends = m.events[event_kind::udp_end];
    std::sort(news.begin(), news.end());
    std::sort(ends.begin(), ends.end());
    CHECK(news == std::vector<std::int64_t>{1'600'000'000'000'000'000, 1'600'000'000'005'000'000});
    CHECK(ends == std::vector<std::int64_t>{1'600'000'000'005'000'000, 1'600'000'001'500'000'000});
    CHECK(m.flows.size() == 4); // tcp + two outbound UDP 4-tuples + the unsolicited inbound one
}

TEST_CASE("mDNS, broadcast and link-local are out of scope under exact, counted per category; seed keeps them") {
    const std::vector<row> t{
        {0, "udp", H, "224.0.0.251", 5353, 5353, -1, 0},         {1, "udp", "fe80::1", "ff02::fb", 5353, 5353, -1, 0},
        {2, "udp", "0.0.0.0", "255.255.255.255", 68, 67, -1, 0}, {3, "udp", H, "255.255.255.255", 68, 67, -1, 0},
        {4, "udp", H, "169.254.1.1", 5000, 80, -1, 0},           {5, "udp", H, "8.8.8.8", 5000, 53, -1, 0}};
    const auto p = write_table("scope", concat(normal_stream(0, H, S, 50000), t));
    const auto m = run(p);
    CHECK(n(m, event_kind::udp_new) == 1);
    CHECK(m.scope[flow::scope_category::multicast] == 2);
    CHECK(m.scope[flow::scope_category::broadcast] == 2);
    CHECK(m.scope[flow::scope_category::link_local] == 1);
    CHECK(m.scope[flow::scope_category::in_scope] == 9);
    CHECK(n(run(p, rule_set::seed), event_kind::udp_new) == 4);
    // --exclude: the LAN resolver is on-link
    flow::extract_options opt;
    opt.scope.exclude.push_back(*flow::cidr::parse("8.8.8.0/24"));
    const auto x = run(p, rule_set::exact, opt);
    CHECK(n(x, event_kind::udp_new) == 0);
    CHECK(x.scope[flow::scope_category::excluded] == 1);
}

TEST_CASE("ties in the local-address vote") {
    const char* other = "192.168.1.11";
    const auto p = write_table("tie", concat(normal_stream(0, other, S, 50000), normal_stream(10, H, S, 50001)));
    // streams: both open one stream each -> both local, 50 % each, the earlier first
    const auto m = run(p);
    REQUIRE(m.local.v4.size() == 2);
    CHECK(m.local.v4[0].addr.to_string() == other);
    CHECK(m.local.v4[0].share == 0.5);
    // seed: one address; a tie goes to the address seen first
    const auto s = run(p, rule_set::seed);
    REQUIRE(s.local.v4.size() == 1);
    CHECK(s.local.v4[0].addr.to_string() == other);
    CHECK(n(s, event_kind::tcp_new) == 1);
}

TEST_CASE("an address below the least share, or never answered, is not local") {
    std::vector<row> many;
    for (int i = 0; i < 25; ++i) {
        auto s = normal_stream(1000.0 * i, H, S, 50000 + i);
        many.insert(many.end(), s.begin(), s.end());
    }
    // a remote that opens one connection to the host (1 of 26 openings < 5 %)
    const std::vector<row> inbound{{30000, "tcp", "203.0.113.7", H, 40000, 22, 0, 0},
                                   {30001, "tcp", H, "203.0.113.7", 22, 40000, 1, 1}};
    // an address that only sends SYNs nobody answers to it (never a destination)
    const std::vector<row> spoof{{31000, "tcp", "10.9.9.9", S, 1, 443, 0, 0},
                                 {31001, "tcp", "10.9.9.9", S, 1, 443, 1, 1},
                                 {31002, "tcp", "10.9.9.9", S, 2, 443, 0, 0},
                                 {31003, "tcp", "10.9.9.9", S, 2, 443, 1, 1}};
    const auto m = run(write_table("share", concat(many, inbound, spoof)));
    REQUIRE(m.local.v4.size() == 1);
    CHECK(m.local.v4[0].addr.to_string() == H);
    CHECK(n(m, event_kind::tcp_new) == 25);
}

TEST_CASE("the --local option overrides the vote and reports shares of packets sent") {
    flow::extract_options opt;
    opt.local.push_back(*io::ip_address::parse(S));
    const auto m = run(write_table("override", normal_stream(0, H, S, 50000)), rule_set::exact, opt);
    CHECK(m.local.method == flow::local_method::override);
    REQUIRE(m.local.v4.size() == 1);
    CHECK(m.local.v4[0].votes == 3);
    CHECK(n(m, event_kind::tcp_new) == 0); // from the server's side the host opened it
}

TEST_CASE("the classified packet stream composes as a range-v3 view") {
    const auto p = write_table("view", normal_stream(0, H, S, 50000));
    const auto m = run(p);
    io::csv_reader src(p);
    flow::scope_rules scope;
    auto outbound =
        io::records(src) | flow::classify(m.local, scope) |
        fwsize::detail::rv::filter([](const flow::classified_packet& c) { return c.dir == flow::direction::outbound; });
    std::size_t k = 0;
    for (const auto& c : outbound) {
        CHECK(c.key.local.addr.to_string() == H);
        CHECK(c.key.remote.port == 443);
        ++k;
    }
    CHECK(k == 5);
}

TEST_CASE("machine span and protocol presence: a capture without UDP has its UDP series missing") {
    const auto m = run(write_table("noudp", normal_stream(0, H, S, 50000)));
    CHECK(m.protocols.has_tcp());
    CHECK_FALSE(m.protocols.has_udp());
    const auto s = series::bin_events(m);
    CHECK(s.seconds() == 1);
    CHECK_FALSE(s.present(series::series_kind::udp_new));
    CHECK_FALSE(s.present(series::series_kind::new_connections));
    CHECK(s.present(series::series_kind::tcp_new));
}
