// extract_file's chunked, parallel route for CSVs must give extract_machine's result exactly. Oracle:
// the sequential flow stage (extract_csv on the calling thread). Compared: every flow record field,
// the per-second table, the local addresses with votes and shares, scope and protocol counts, the
// span — for chunks of one row each up to the whole file, on 1–3 threads. Random tables put a
// stream's first row, its second row, a FIN row and a UDP flow's rows on every side of a chunk
// boundary; the real CSVs check the common case. Files the route does not model must fall back.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fwsize/flow/extract.hpp>
#include <fwsize/flow/extract_file.hpp>
#include <fwsize/input_error.hpp>

#include "../../catch.hpp"
#include "../../support/extraction_summary.hpp"
#include "../../support/shared_data.hpp"
#include "../../support/test_files.hpp"

namespace {
using namespace fwsize;

flow::machine_extraction sequential(const std::filesystem::path& p, flow::extract_options opt) {
    opt.read_ahead = false;
    return flow::extract_csv(p, opt);
}

/// A random seed-schema table of one host (10.0.0.5, 2001:db8::5) talking to a few peers, with
/// out-of-scope and foreign rows, few ports (so keys repeat and streams restart), streams starting
/// anywhere, every completeness value, and timestamps that sometimes step back a little.
std::string random_table(std::uint32_t seed, std::size_t rows) {
    std::mt19937 g(seed);
    const char* host[] = {"10.0.0.5", "2001:db8::5"};
    const char* peers[2][5] = {
        {"93.184.216.34", "1.1.1.1", "224.0.0.251", "169.254.3.4", "255.255.255.255"},
        {"2606:4700::1111", "2a00:1450:4001:80b::200e", "ff02::fb", "fe80::1", "2606:4700::1111"}};
    std::ostringstream os;
    os << "id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness\n";
    std::int64_t ms = 1700000000000;
    for (std::size_t i = 1; i <= rows; ++i) {
        ms += std::uniform_int_distribution<int>(-40, 400)(g);
        const int fam = g() % 4 == 0 ? 1 : 0;
        const char* a = g() % 10 == 0 ? peers[fam][g() % 2] : host[fam]; // 1 in 10: foreign
        const char* b = peers[fam][g() % 5];
        const bool out = g() % 2 == 0;
        const bool tcp = g() % 5 != 0;
        const int local_port = 50000 + static_cast<int>(g() % 4), remote_port = g() % 2 ? 443 : 53;
        static constexpr const char* frac[] = {".5",     ".25",     ".125",     ".0625",
                                               ".03125", ".015625", ".0078125", ".00390625"};
        os << i << ',' << ms << frac[g() % 8] << ',' << (tcp ? "tcp" : "udp") << ',' << (fam ? 6 : 4) << ','
           << (out ? a : b) << ',' << (out ? b : a) << ',' << (out ? local_port : remote_port) << ','
           << (out ? remote_port : local_port) << ',';
        if (tcp) {
            // Streams start mostly from the host, so that the vote names it alone (a peer voted
            // local would make host-peer flows local-local: the fallback, tested below).
            const int kind = static_cast<int>(g() % 6);
            const bool start = kind == 0 && ((out && a == host[fam]) || g() % 64 == 0);
            // Forms next to 0: a 1 in the 9th decimal is not 0; in the 10th it is (truncated).
            static constexpr const char* first[] = {"0.000000000", "0.000000000", "0.0000000001", "0"};
            static constexpr const char* later[] = {"0.25", "0.000000001", "1.000000000", "10.000000000",
                                                    "0.100000000"};
            os << (start ? first[g() % 4] : later[g() % 5]) << ',';
            const int c = kind == 1 ? 1 : kind == 2 ? 0 : kind == 3 ? 31 : static_cast<int>(g() % 64);
            os << c;
        } else {
            os << ',';
        }
        os << '\n';
    }
    return os.str();
}

void check_same(const std::filesystem::path& p, const flow::extract_options& base, int& chunked_runs) {
    const auto want = test::extraction_summary(sequential(p, base));
    for (std::size_t bytes :
         {std::size_t{1}, std::size_t{61}, std::size_t{700}, std::size_t{1} << 16, std::size_t{32} << 20}) {
        for (unsigned threads : {1u, 2u, 3u}) {
            auto opt = base;
            opt.chunk_bytes = bytes;
            opt.threads = threads;
            INFO(p.filename().string() << ": chunks of " << bytes << " bytes on " << threads << " threads");
            const auto m = flow::extract_csv_chunked(p, opt);
            if (m) {
                ++chunked_runs;
                CHECK(test::extraction_summary(*m) == want);
            }
            CHECK(test::extraction_summary(flow::extract_file(p, opt)) == want);
        }
    }
}
} // namespace

TEST_CASE("extract_file, chunked: random tables give the sequential result for every chunking") {
    int chunked_runs = 0, files = 0;
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
        const auto p = test::write_test_file("extract_file", "random" + std::to_string(seed) + ".csv",
                                             random_table(seed, 300 + 60 * seed));
        flow::extract_options opt;
        if (seed % 3 == 0) opt.scope.exclude.push_back(*flow::cidr::parse("1.1.1.0/24"));
        if (seed % 4 == 0) opt.local = {*io::ip_address::parse("10.0.0.5"), *io::ip_address::parse("2001:db8::5")};
        check_same(p, opt, chunked_runs);
        ++files;
    }
    // The chunked route answered (not only its fallback) on nearly every run: 15 runs per file.
    CHECK(chunked_runs >= files * 15 * 3 / 4);
}

TEST_CASE("extract_file, chunked: a last row without a line break gives the sequential result") {
    // The last row is scanned from a copy with a line break: as a TCP or UDP row, after CR, alone.
    int chunked_runs = 0, files = 0;
    for (std::uint32_t seed = 21; seed <= 24; ++seed) {
        std::string text = random_table(seed, 200);
        text.pop_back(); // the final '\n'
        if (seed % 2 == 0) text += '\r';
        check_same(test::write_test_file("extract_file", "open-end" + std::to_string(seed) + ".csv", text), {},
                   chunked_runs);
        ++files;
    }
    const std::string header =
        "id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness\n";
    for (const char* row : {"1,1700000000000.0,tcp,4,10.0.0.5,1.1.1.1,50000,443,0.000000000,2",
                            "1,1700000000000.0,udp,4,10.0.0.5,1.1.1.1,5353,53,,"}) {
        check_same(test::write_test_file("extract_file", "one-open-row.csv", header + row), {}, chunked_runs);
        ++files;
    }
    CHECK(chunked_runs >= files * 15 * 3 / 4);
}

TEST_CASE("extract_file, chunked: the real CSVs give the sequential result") {
    FWSIZE_REQUIRE_SHARED();
    int chunked_runs = 0;
    for (const char* id : {"win11-browsing", "wechat-66min", "vpn-vm", "http-browsing-2011"})
        check_same(test::shared_dir() / "data" / "workstations" / (std::string(id) + ".csv"), {}, chunked_runs);
    CHECK(chunked_runs == 4 * 15);
}

TEST_CASE("extract_file, chunked: one-character mutations give the sequential result or its error") {
    // Oracle for the row parsers (the straight-line one, the column walk) and the fallback: a file
    // of valid rows with one character replaced, deleted or duplicated. Either both routes read it
    // alike, or both raise the same input_error.
    std::mt19937 g(11);
    const std::string base = random_table(99, 40);
    const std::size_t body = base.find('\n') + 1;
    static constexpr char alphabet[] = "0123456789.,:\"\r\nx-";
    int rejected = 0, read = 0;
    for (int it = 0; it < 600; ++it) {
        std::string text = base;
        const std::size_t at = body + g() % (text.size() - body);
        switch (g() % 3) {
        case 0:
            text[at] = alphabet[g() % (sizeof alphabet - 1)];
            break;
        case 1:
            text.erase(at, 1);
            break;
        default:
            text.insert(at, 1, text[at]);
        }
        const auto p = test::write_test_file("extract_file", "mutated.csv", text);
        flow::extract_options opt;
        opt.chunk_bytes = 1 + g() % 400;
        std::string want, got;
        try {
            want = test::extraction_summary(sequential(p, opt));
        } catch (const input_error& e) {
            want = std::string("error: ") + e.what();
        }
        try {
            got = test::extraction_summary(flow::extract_file(p, opt));
        } catch (const input_error& e) {
            got = std::string("error: ") + e.what();
        }
        INFO("mutation at byte " << at << ", chunks of " << opt.chunk_bytes << " bytes");
        CHECK(got == want);
        (want.rfind("error: ", 0) == 0 ? rejected : read) += 1;
    }
    CHECK(rejected > 50); // both kinds of outcome occurred
    CHECK(read > 50);
}

TEST_CASE("extract_file, chunked: what it does not model falls back to the sequential stage") {
    const std::string header =
        "id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness\n";
    const std::string plain = header + "1,1700000000000.0,tcp,4,10.0.0.5,1.1.1.1,50000,443,0.000000000,0\n"
                                       "2,1700000000001.0,tcp,4,1.1.1.1,10.0.0.5,443,50000,0.001,1\n";
    flow::extract_options small;
    small.chunk_bytes = 1;
    const auto route = [&](const std::string& name, const std::string& text, const flow::extract_options& opt) {
        const auto p = test::write_test_file("extract_file", name, text);
        return flow::extract_csv_chunked(p, opt).has_value();
    };
    CHECK(route("plain.csv", plain, small));
    auto seed_rules = small;
    seed_rules.rules = flow::rule_set::seed;
    CHECK_FALSE(route("seed.csv", plain, seed_rules));
    CHECK(route("no-final-newline.csv", plain.substr(0, plain.size() - 1), small)); // modelled: see below
    CHECK_FALSE(route("quoted.csv", plain + "3,1700000000002.0,\"tcp\",4,10.0.0.5,1.1.1.1,50000,443,0.002,3\n", small));
    // Two local addresses talking: the sequential stage keys each direction by its source.
    const std::string both_local = header + "1,1700000000000.0,tcp,4,10.0.0.5,10.0.0.6,50000,443,0.000000000,0\n"
                                            "2,1700000000001.0,tcp,4,10.0.0.6,10.0.0.5,443,50000,0.001,1\n";
    auto two = small;
    two.local = {*io::ip_address::parse("10.0.0.5"), *io::ip_address::parse("10.0.0.6")};
    CHECK_FALSE(route("both-local.csv", both_local, two));
    const auto p = test::write_test_file("extract_file", "both-local.csv", both_local);
    CHECK(test::extraction_summary(flow::extract_file(p, two)) == test::extraction_summary(sequential(p, two)));
}

TEST_CASE("extract_file, chunked: a clock jump across chunks is the reader's error, with its line") {
    std::string text =
        "id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness\n";
    for (int i = 0; i < 6; ++i)
        text += std::to_string(i + 1) + (i < 3 ? ",1700000000000.0" : ",1700100000000.0") + // 27.8 h later
                ",udp,4,10.0.0.5,1.1.1.1,5353,53,,\n";
    const auto p = test::write_test_file("extract_file", "jump.csv", text);
    flow::extract_options opt;
    opt.chunk_bytes = 100; // the jump (row 4, line 5) is at a chunk boundary or inside a chunk
    std::string want;
    try {
        sequential(p, opt);
    } catch (const input_error& e) {
        want = e.what();
    }
    REQUIRE(want.find(":5") != std::string::npos);
    for (std::size_t bytes : {std::size_t{1}, std::size_t{100}, std::size_t{1} << 20}) {
        opt.chunk_bytes = bytes;
        CHECK_FALSE(flow::extract_csv_chunked(p, opt).has_value());
        CHECK_THROWS_WITH(flow::extract_file(p, opt), want);
    }
}
