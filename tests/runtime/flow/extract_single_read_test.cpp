// extract_machine reads a file once: pass 2 starts on the local addresses the vote names after the
// first speculation_rows rows, and re-reads the file only when the whole file's vote disagrees.
// Oracle: the same extraction with the whole file held before pass 2 starts (pass 2 on the final
// addresses, i.e. the two-pass rules). Every table, flow record and address must be identical for
// any speculation length, and both the one-read and the fallback path must actually occur. The
// oracle reads on the calling thread; the others through io::read_ahead (the default).
#include <cstdint>
#include <filesystem>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <fwsize/flow/extract.hpp>
#include <fwsize/flow/flow_records_csv.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/series/cps_table.hpp>
#include <fwsize/series/machine_table.hpp>

#include "../../catch.hpp"
#include "../../support/extraction_summary.hpp"
#include "../../support/shared_data.hpp"

namespace {
using namespace fwsize;

flow::machine_extraction run(const std::filesystem::path& p, flow::rule_set rules, std::size_t speculation,
                             std::vector<io::ip_address> local = {}, bool read_ahead = true) {
    flow::extract_options opt;
    opt.read_ahead = read_ahead;
    opt.rules = rules;
    opt.local = std::move(local);
    opt.speculation_rows = speculation;
    int opened = 0;
    auto m = flow::extract_machine(
        [&] {
            ++opened;
            return io::open_capture(p);
        },
        p.stem().string(), opt);
    CHECK(opened == m.reads);
    return m;
}

std::vector<std::filesystem::path> inputs() {
    std::vector<std::filesystem::path> v{test::bundled_data() / "vpn-vm.pcap",
                                         test::bundled_data() / "http-browsing-2011.pcap"};
    if (test::have_shared())
        for (const char* id : {"win11-browsing", "wechat-66min", "vpn-vm", "http-browsing-2011"})
            v.push_back(test::shared_dir() / "data" / "workstations" / (std::string(id) + ".csv"));
    return v;
}
} // namespace

TEST_CASE("one read or two: the result is the two-pass result for any speculation length") {
    int one_read_streaming = 0, fell_back = 0;
    for (const auto& p : inputs()) {
        for (auto rules : {flow::rule_set::exact, flow::rule_set::seed}) {
            const auto oracle = run(p, rules, std::numeric_limits<std::size_t>::max(), {}, false);
            REQUIRE(oracle.reads == 1);
            const auto want = test::extraction_summary(oracle);
            for (std::size_t spec : {std::size_t{1}, std::size_t{40}, std::size_t{1000}, std::size_t{1} << 16}) {
                INFO(p.filename().string() << " " << flow::to_string(rules) << " speculation " << spec);
                const auto m = run(p, rules, spec);
                CHECK(test::extraction_summary(m) == want);
                if (spec < m.report.records) (m.reads == 1 ? one_read_streaming : fell_back) += 1;
            }
            // With --local the early guess is the override itself: one read from the first row on.
            std::vector<io::ip_address> local;
            for (const auto* fam : {&oracle.local.v4, &oracle.local.v6})
                for (const auto& l : *fam) local.push_back(l.addr);
            const auto pinned = test::extraction_summary(run(p, rules, std::numeric_limits<std::size_t>::max(), local));
            const auto m = run(p, rules, 1, local);
            INFO(p.filename().string() << " " << flow::to_string(rules) << " --local, speculation 1");
            CHECK(test::extraction_summary(m) == pinned);
            if (m.reads == 1) ++one_read_streaming;
        }
    }
    // Both paths were exercised: a right early guess streamed to the end, a wrong one re-read.
    CHECK(one_read_streaming > 0);
    CHECK(fell_back > 0);
}
