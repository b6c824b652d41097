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
