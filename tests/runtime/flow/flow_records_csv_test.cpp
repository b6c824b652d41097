// The flow-record CSV writer: times as printf("%lld.%09lld") writes them (the oracle), empty where
// there was no packet; one row per record with the header's 18 columns.
#include <fwsize/flow/flow_records_csv.hpp>

#include <cstdio>
#include <random>
#include <sstream>
#include <string>

#include "../../catch.hpp"

using namespace fwsize;

TEST_CASE("relative seconds are written exactly, as printf writes them") {
    std::mt19937_64 rng(3);
    for (int i = 0; i < 100000; ++i) {
        const std::int64_t origin = static_cast<std::int64_t>(rng() % (std::uint64_t{1} << 61));
        const std::int64_t d =
            i < 4 ? std::int64_t{i} * 999'999'999 : static_cast<std::int64_t>(rng() >> (2 + rng() % 62)); // t < 2^63
        std::string got;
        flow::detail::append_relative_seconds(got, origin + d, origin);
        char want[40];
        std::snprintf(want, sizeof want, "%lld.%09lld", static_cast<long long>(d / 1'000'000'000),
                      static_cast<long long>(d % 1'000'000'000));
        INFO(d);
        REQUIRE(got == want);
    }
    std::string none;
    flow::detail::append_relative_seconds(none, -1, 0);
    CHECK(none.empty());
}

TEST_CASE("flow rows: the header's columns, empty times where no packet went that way") {
    flow::flow_record f;
    f.key.proto = io::transport::udp;
    f.key.local = {*io::ip_address::parse("2001:db8::1"), 5353};
    f.key.remote = {io::ip_address::v4(0, 0, 0, 0), 0};
    f.key.remote.addr = *io::ip_address::parse("2001:db8::2");
    f.start_ns = f.first_out_ns = f.last_out_ns = 5'000'000'123;
    f.packets_out = 3;
    f.reason = flow::end_reason::idle;
    std::ostringstream os;
    flow::write_flow_rows(os, "pc-7", 2, {f, f}, 1'000'000'000);
    const std::string row = "pc-7,2,udp,2001:db8::1,5353,2001:db8::2,0,4.000000123,4.000000123,4.000000123,,,," +
                            std::string(flow::to_string(flow::end_reason::idle)) + ",0,0,3,0\n";
    CHECK(os.str() == row + row);
    std::size_t commas = 0;
    for (char c : std::string(flow::flows_header)) commas += c == ',';
    CHECK(commas == 17);
}

namespace {
// The oracle: one row the plain way, with ostream and printf, field by field.
std::string plain_row(const std::string& id, std::size_t machine, const flow::flow_record& f, std::int64_t origin) {
    std::ostringstream os;
    os << id << ',' << machine << ',' << (f.is_tcp() ? "tcp" : "udp") << ',' << f.key.local.addr.to_string() << ','
       << f.key.local.port << ',' << f.key.remote.addr.to_string() << ',' << f.key.remote.port;
    for (const std::int64_t t :
         {f.start_ns, f.first_out_ns, f.last_out_ns, f.first_in_ns, f.last_in_ns, f.fin_rst_ns}) {
        os << ',';
        if (t < 0) continue;
        char buf[48];
        std::snprintf(buf, sizeof buf, "%lld.%09lld", static_cast<long long>((t - origin) / 1'000'000'000),
                      static_cast<long long>((t - origin) % 1'000'000'000));
        os << buf;
    }
    os << ',' << flow::to_string(f.reason) << ',' << f.open_at_start << ',' << f.opened_by_host << ',' << f.packets_out
       << ',' << f.packets_in << '\n';
    return os.str();
}
} // namespace

TEST_CASE("flow rows: many records in many blocks, on any thread count, as the plain writer writes them") {
    std::mt19937_64 rng(11);
    const std::int64_t origin = 1'700'000'000'000'000'000;
    std::vector<flow::flow_record> flows(3 * 4096 + 77); // several blocks and a short last one
    for (auto& f : flows) {
        f.key.proto = rng() % 2 ? io::transport::tcp : io::transport::udp;
        f.key.local = {
            rng() % 3 ? io::ip_address::v4(10, 0, 0, static_cast<std::uint8_t>(rng() % 4))
                      : *io::ip_address::parse("2001:db8:ffff:ffff:ffff:ffff:ffff:fff" + std::to_string(rng() % 10)),
            static_cast<std::uint16_t>(rng())};
        f.key.remote = {io::ip_address::v4(static_cast<std::uint8_t>(rng()), static_cast<std::uint8_t>(rng()),
                                           static_cast<std::uint8_t>(rng()), static_cast<std::uint8_t>(rng())),
                        static_cast<std::uint16_t>(rng() % 3 ? rng() : 65535)};
        for (std::int64_t* t :
             {&f.start_ns, &f.first_out_ns, &f.last_out_ns, &f.first_in_ns, &f.last_in_ns, &f.fin_rst_ns})
            *t = rng() % 5 == 0 ? -1 : origin + static_cast<std::int64_t>(rng() >> (1 + rng() % 40));
        f.reason = static_cast<flow::end_reason>(rng() % 4);
        f.open_at_start = rng() % 2;
        f.opened_by_host = rng() % 2;
        f.packets_out = rng() % 7 == 0 ? UINT64_MAX : rng() % 100000;
        f.packets_in = rng() >> (rng() % 64);
    }
    std::string want;
    for (const auto& f : flows) want += plain_row("machine-with-a-long-name", 12, f, origin);
    for (unsigned threads : {1u, 2u, 3u}) {
        std::ostringstream os;
        flow::write_flow_rows(os, "machine-with-a-long-name", 12, flows, origin, threads);
        INFO("threads " << threads);
        REQUIRE(os.str() == want);
    }
}
