// fwsize's reader equals tshark (make_csv.sh) row for row, all ten columns, on real captures:
// the shared workstations and spliced-clock (expected CSVs in ../shared) and the in-scope subset of
// tcpdump's test captures (expected CSVs committed under tests/data/packets/). Skips loudly
// without ../shared, where the captures live.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fwsize/io/capture_reader.hpp>
#include <fwsize/io/csv_writer.hpp>

#include "../../catch.hpp"
#include "../../support/shared_data.hpp"

namespace fs = std::filesystem;
using namespace fwsize;

namespace {
std::vector<std::string> lines_of(std::istream& in) {
    std::vector<std::string> v;
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
}

/// Empty when equal; otherwise where and how the first difference shows.
std::string compare_with_tshark(const fs::path& capture, const fs::path& expected_csv) {
    std::ostringstream out;
    try {
        auto src = io::open_capture(capture);
        io::write_seed_csv(out, src);
    } catch (const std::exception& e) {
        return std::string("reader failed: ") + e.what();
    }
    std::istringstream ours_in(out.str());
    std::ifstream want_in(expected_csv);
    if (!want_in) return "missing expected CSV " + expected_csv.string();
    const auto ours = lines_of(ours_in), want = lines_of(want_in);
    for (std::size_t i = 0; i < std::max(ours.size(), want.size()); ++i) {
        const std::string a = i < ours.size() ? ours[i] : "<none>", b = i < want.size() ? want[i] : "<none>";
        if (a != b)
            return "line " + std::to_string(i + 1) + ": fwsize '" + a + "' tshark '" + b + "' (" +
                   std::to_string(ours.size()) + " vs " + std::to_string(want.size()) + " lines)";
    }
    return {};
}
} // namespace

TEST_CASE("corpus: every shared workstation capture equals make_csv.sh row for row") {
    FWSIZE_REQUIRE_SHARED();
    int n = 0;
    for (const auto& e : fs::directory_iterator(test::shared_dir() / "data" / "workstations")) {
        const auto ext = e.path().extension();
        if (ext != ".pcap" && ext != ".pcapng") continue;
        INFO(e.path());
        CHECK(compare_with_tshark(e.path(), fs::path(e.path()).replace_extension(".csv")) == "");
        ++n;
    }
    CHECK(n == 4);
}

TEST_CASE("corpus: spliced-clock.pcap equals make_csv.sh (clock jumps are passed on, not judged here)") {
    FWSIZE_REQUIRE_SHARED();
    const auto dir = test::shared_dir() / "data" / "robustness";
    CHECK(compare_with_tshark(dir / "spliced-clock.pcap", dir / "spliced-clock.csv") == "");
}

TEST_CASE("corpus: the in-scope tcpdump test captures equal the committed tshark CSVs") {
    FWSIZE_REQUIRE_SHARED();
    const auto data = test::source_dir() / "tests" / "data" / "packets";
    std::ifstream list(data / "tcpdump-tests.list");
    REQUIRE(list);
    int files = 0, rows = 0;
    for (std::string name; std::getline(list, name);) {
        if (name.empty() || name[0] == '#') continue;
        INFO(name);
        const auto expected = data / "tcpdump-tests" / (name + ".csv");
        CHECK(compare_with_tshark(test::shared_dir() / "data" / "robustness" / "tcpdump-tests" / name, expected) == "");
        std::ifstream e(expected);
        rows += static_cast<int>(lines_of(e).size()) - 1;
        ++files;
    }
    CHECK(files == 526);
    CHECK(rows == 3237); // TCP/UDP rows tshark finds in the subset
}
