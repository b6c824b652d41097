// read_ahead against reading the source directly: the same records in the same order, the same
// final report, the same error after the same records; stopping early neither hangs nor leaks.
#include <fwsize/input_error.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/io/csv_reader.hpp>
#include <fwsize/io/read_ahead.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "../../catch.hpp"
#include "../../support/shared_data.hpp"
#include "../../support/test_files.hpp"

using fwsize::io::packet_record;

static_assert(fwsize::io::packet_source<fwsize::io::read_ahead<fwsize::io::csv_reader>>);

namespace {

struct result {
    std::vector<packet_record> records;
    std::string error;
    std::uint64_t units = 0;
};

template <class Source>
result drain(Source& s) {
    result out;
    try {
        packet_record r;
        while (s.next(r)) out.records.push_back(r);
        out.units = s.report().units_read;
    } catch (const fwsize::input_error& e) {
        out.error = e.what();
    }
    return out;
}

bool same(const result& a, const result& b) {
    if (a.records.size() != b.records.size() || a.error != b.error || a.units != b.units) return false;
    for (std::size_t i = 0; i < a.records.size(); ++i) {
        const auto &x = a.records[i], &y = b.records[i];
        if (x.id != y.id || x.timestamp_ns != y.timestamp_ns || x.src != y.src || x.dst != y.dst ||
            x.src_port != y.src_port || x.tcp_flags != y.tcp_flags || x.tcp_seq != y.tcp_seq)
            return false;
    }
    return true;
}

std::filesystem::path csv_with_bad_row(int good_rows) {
    std::string text =
        "id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness\n";
    for (int i = 1; i <= good_rows; ++i)
        text += std::to_string(i) + "," + std::to_string(1320279554496 + i) + ".5,udp,4,10.0.2.16,10.0.2.3,4658,53,,\n";
    text += std::to_string(good_rows + 1) + ",not-a-time,udp,4,10.0.2.16,10.0.2.3,4658,53,,\n";
    return fwsize::test::write_test_file("read_ahead_test", "bad" + std::to_string(good_rows) + ".csv", text);
}

} // namespace

TEST_CASE("read_ahead yields a capture's records and report exactly as the reader does") {
    for (const char* name : {"vpn-vm.pcap", "http-browsing-2011.pcap"}) {
        const auto path = fwsize::test::bundled_data() / name;
        auto direct_src = fwsize::io::open_capture(path);
        const auto direct = drain(direct_src);
        // Batch sizes around the record count's divisors, and a one-record batch.
        for (std::size_t batch : {std::size_t{1}, std::size_t{7}, std::size_t{2048}}) {
            auto src = fwsize::io::open_capture(path);
            fwsize::io::read_ahead ahead(src, batch, 2);
            const auto via = drain(ahead);
            INFO(name << " batch " << batch);
            CHECK(via.records.size() > 1000);
            CHECK(same(direct, via));
            CHECK(ahead.report().records == src.report().records);
        }
    }
}

TEST_CASE("read_ahead passes the source's input_error on after the records before it") {
    for (int good : {0, 5, 4096, 5000}) {
        const auto p = csv_with_bad_row(good);
        fwsize::io::csv_reader direct_src(p);
        const auto direct = drain(direct_src);
        REQUIRE(direct.error.find("timestamp") != std::string::npos);
        fwsize::io::csv_reader src(p);
        fwsize::io::read_ahead ahead(src, 64, 3);
        const auto via = drain(ahead);
        INFO(good);
        CHECK(via.records.size() == static_cast<std::size_t>(good));
        CHECK(same(direct, via));
        packet_record r;
        CHECK_FALSE(ahead.next(r)); // after the error: the end, not a second throw
    }
}

TEST_CASE("read_ahead stopped early joins its helper") {
    const auto p = csv_with_bad_row(20000);
    fwsize::io::csv_reader src(p);
    {
        fwsize::io::read_ahead ahead(src, 16, 2);
        packet_record r;
        for (int i = 0; i < 10; ++i) REQUIRE(ahead.next(r));
        CHECK(r.id == 10);
    } // the destructor stops the helper mid-file
    SUCCEED("no hang");
}
