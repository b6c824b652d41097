#include <fwsize/io/csv_reader.hpp>
#include <fwsize/io/records.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../../catch.hpp"
#include "../../support/shared_data.hpp"
#include "../../support/test_files.hpp"

using fwsize::input_error;
using fwsize::io::csv_reader;
using fwsize::io::ip_address;
using fwsize::io::packet_record;

namespace {

std::filesystem::path write_csv(const std::string& name, const std::string& text) {
    return fwsize::test::write_test_file("csv_reader_test", name, text);
}

std::vector<packet_record> read_all(const std::filesystem::path& p) {
    csv_reader r(p);
    std::vector<packet_record> out;
    for (const auto& rec : fwsize::io::records(r)) out.push_back(rec);
    return out;
}

/// The line and message of the input_error reading `p` raises (line 0 if none is raised).
std::pair<std::uint64_t, std::string> error_of(const std::filesystem::path& p) {
    try {
        read_all(p);
    } catch (const input_error& e) {
        return {e.where().line.value_or(0), e.what()};
    }
    return {0, ""};
}

const std::string header =
    "id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness\n";

} // namespace

TEST_CASE("csv_reader reads the seed schema exactly") {
    auto p =
        write_csv("basic.csv", header + "1,1320279554496.300,tcp,4,208.85.42.28,192.168.2.76,80,52025,0.000000000,0\n"
                                        "9,1320279554497.332,udp,4,10.0.2.16,10.0.2.3,4658,53,,\n"
                                        "12,1320279555874.426,tcp,6,2401:4900:91e0:26f8::1,2600:140f:d000::17c9:378a,"
                                        "55723,443,0.023800000,15\n");
    auto v = read_all(p);
    REQUIRE(v.size() == 3);
    CHECK(v[0].id == 1);
    CHECK(v[0].timestamp_ns == 1320279554496300000LL);
    CHECK(v[0].is_tcp());
    CHECK(v[0].src == ip_address::v4(208, 85, 42, 28));
    CHECK(v[0].dst == ip_address::v4(192, 168, 2, 76));
    CHECK(v[0].src_port == 80);
    CHECK(v[0].dst_port == 52025);
    CHECK(v[0].tcp_completeness == 0);
    CHECK(v[0].tcp_time_relative_ns == 0);
    CHECK_FALSE(v[0].tcp_flags.has_value());
    CHECK(v[1].is_udp());
    CHECK(v[1].tcp_completeness == -1);
    CHECK(v[1].tcp_time_relative_ns == -1);
    CHECK(v[1].timestamp_ns == 1320279554497332000LL);
    CHECK(v[2].src.is_v6());
    CHECK(v[2].src == *ip_address::parse("2401:4900:91e0:26f8::1"));
    CHECK(v[2].tcp_completeness == 15);
    CHECK(v[2].tcp_time_relative_ns == 23800000);
}

TEST_CASE("csv_reader: timestamps are exact integers, whatever the number of fraction digits") {
    auto p = write_csv("frac.csv", "timestamp,protocol,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,"
                                   "tcp_completeness\n"
                                   "1000,udp,1.2.3.4,5.6.7.8,1,2,,\n"
                                   "1000.5,udp,1.2.3.4,5.6.7.8,1,2,,\n"
                                   "1000.123456789,udp,1.2.3.4,5.6.7.8,1,2,,\n"
                                   "1000.000001,udp,1.2.3.4,5.6.7.8,1,2,,\n");
    auto v = read_all(p);
    REQUIRE(v.size() == 4);
    CHECK(v[0].timestamp_ns == 1'000'000'000);
    CHECK(v[1].timestamp_ns == 1'000'500'000);
    CHECK(v[2].timestamp_ns == 1'000'123'456); // below a nanosecond: truncated
    CHECK(v[3].timestamp_ns == 1'000'000'001);
    CHECK(v[0].id == 1); // no id column: the row number
    CHECK(v[3].id == 4);
}

TEST_CASE("csv_reader: columns by name in any order, extra columns, quotes, CRLF and BOM") {
    auto p = write_csv("odd.csv", "\xEF\xBB\xBF"
                                  "note,dst_port,src_port,\"dst_ip\",src_ip,protocol,timestamp,tcp_completeness,"
                                  "tcp_time_relative,extra\r\n"
                                  "\"a, b\",443,50000,\"10.0.0.2\",10.0.0.1,tcp,\"2000.25\",3,0.5,x\r\n"
                                  "\"multi\nline \"\"quoted\"\"\",53,5353,8.8.8.8,10.0.0.1,udp,2001,,,\r\n"
                                  "\r\n"
                                  "z,53,5353,8.8.8.8,10.0.0.1,udp,2002,,,y");
    csv_reader r(p);
    packet_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.dst == ip_address::v4(10, 0, 0, 2));
    CHECK(rec.src_port == 50000);
    CHECK(rec.dst_port == 443);
    CHECK(rec.timestamp_ns == 2'000'250'000);
    CHECK(rec.tcp_completeness == 3);
    CHECK(rec.tcp_time_relative_ns == 500'000'000);
    CHECK(r.line() == 2);
    REQUIRE(r.next(rec));
    CHECK(rec.is_udp());
    CHECK(r.line() == 3);
    REQUIRE(r.next(rec));
    CHECK(r.line() == 6); // the quoted line break counts; the blank line is skipped and counted
    CHECK(rec.timestamp_ns == 2'002'000'000);
    CHECK_FALSE(r.next(rec));
    CHECK(r.report().records == 3);
    CHECK(r.report().skipped.at("blank line") == 1);
}

TEST_CASE("csv_reader: bad input names the file, the line and what was expected") {
    struct bad {
        const char* name;
        std::string text;
        std::uint64_t line;
        const char* says;
    };
    const std::vector<bad> cases{
        {"empty.csv", "", 1, "empty file"},
        {"header_only.csv", header, 1, "header only"},
        {"missing_col.csv",
         "id,timestamp,protocol,src_ip,dst_ip,src_port,dst_port,tcp_completeness\n1,1,tcp,1.1.1.1,"
         "2.2.2.2,1,2,0\n",
         1, "missing column 'tcp_time_relative'"},
        {"nan_ts.csv", header + "1,1000.5,udp,4,1.1.1.1,2.2.2.2,1,2,,\n2,12a4.5,udp,4,1.1.1.1,2.2.2.2,1,2,,\n", 3,
         "timestamp: expected milliseconds"},
        {"proto.csv", header + "1,1000,icmp,4,1.1.1.1,2.2.2.2,1,2,,\n", 2, "protocol: expected tcp or udp"},
        {"addr.csv", header + "1,1000,udp,4,1.1.1.300,2.2.2.2,1,2,,\n", 2, "src_ip: expected"},
        {"port.csv", header + "1,1000,udp,4,1.1.1.1,2.2.2.2,1,65536,,\n", 2, "dst_port: expected"},
        {"version.csv", header + "1,1000,udp,6,1.1.1.1,2.2.2.2,1,2,,\n", 2, "ip_version"},
        {"completeness.csv", header + "1,1000,tcp,4,1.1.1.1,2.2.2.2,1,2,0.0,\n", 2, "tcp_completeness"},
        {"short.csv", header + "1,1000,udp,4,1.1.1.1\n", 2, "expected at least 10 fields"},
        {"quote.csv", header + "1,\"1000,udp,4,1.1.1.1,2.2.2.2,1,2,,\n", 2, "quoted field never ends"},
        {"back.csv", header + "1,10000000,udp,4,1.1.1.1,2.2.2.2,1,2,,\n2,1000,udp,4,1.1.1.1,2.2.2.2,1,2,,\n", 3,
         "clock jumps back"},
        {"gap.csv", header + "1,1000,udp,4,1.1.1.1,2.2.2.2,1,2,,\n2,100000000000,udp,4,1.1.1.1,2.2.2.2,1,2,,\n", 3,
         "clock jumps forward"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto p = write_csv(c.name, c.text);
        const auto [line, msg] = error_of(p);
        CHECK(line == c.line);
        CHECK(msg.find(c.says) != std::string::npos);
        CHECK(msg.find(p.string()) == 0);
    }
}

TEST_CASE("csv_reader: a small backwards step (reordered interfaces) is accepted") {
    auto p =
        write_csv("reorder.csv", header + "1,5000,udp,4,1.1.1.1,2.2.2.2,1,2,,\n2,4000,udp,4,1.1.1.1,2.2.2.2,1,2,,\n");
    CHECK(read_all(p).size() == 2);
}

TEST_CASE("csv_reader: the spliced-clock capture is rejected at the row where its clock jumps") {
    FWSIZE_REQUIRE_SHARED();
    const auto p = fwsize::test::shared_dir() / "data" / "robustness" / "spliced-clock.csv";
    const auto [line, msg] = error_of(p);
    // Oracle: the first row whose timestamp differs from the previous one by more than 24 h (awk).
    std::ifstream in(p);
    std::string row;
    std::getline(in, row);
    std::uint64_t n = 1, expect = 0;
    double prev = -1;
    while (std::getline(in, row)) {
        ++n;
        const auto a = row.find(','), b = row.find(',', a + 1);
        const double t = std::stod(row.substr(a + 1, b - a - 1));
        if (prev >= 0 && (t - prev > 86400e3 || prev - t > 3600e3)) {
            expect = n;
            break;
        }
        prev = std::max(prev, t);
    }
    REQUIRE(expect > 0);
    CHECK(line == expect);
    CHECK(msg.find("clock jumps") != std::string::npos);
}

TEST_CASE("csv_reader: every shared workstation CSV reads completely, row count = lines - 1") {
    FWSIZE_REQUIRE_SHARED();
    for (const auto& e : std::filesystem::directory_iterator(fwsize::test::shared_dir() / "data" / "workstations")) {
        if (e.path().extension() != ".csv") continue;
        INFO(e.path());
        std::ifstream in(e.path());
        std::uint64_t lines = 0;
        for (std::string s; std::getline(in, s);) ++lines;
        csv_reader r(e.path());
        packet_record rec;
        std::uint64_t n = 0;
        std::uint64_t last_id = 0;
        while (r.next(rec)) {
            ++n;
            CHECK(rec.id > last_id);
            last_id = rec.id;
        }
        CHECK(n == lines - 1);
        CHECK(r.report().records == n);
    }
}
