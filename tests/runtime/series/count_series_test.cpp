// Typed count series at run time: re-binning and sums against plain loops over the per-second
// table's own minute column, binning of event times (design.md "Bins"), and the K-machine table.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <fwsize/series.hpp>

#include "../../catch.hpp"

namespace {
using namespace fwsize::series;
using std::chrono::minutes;
using std::chrono::seconds;
namespace flow = fwsize::flow;
constexpr std::int64_t s_ns = 1'000'000'000;

std::vector<std::uint32_t> random_counts(std::size_t n, std::uint32_t seed) {
    boost::random::mt19937 rng(seed);
    boost::random::uniform_int_distribution<std::uint32_t> d(0, 7);
    std::vector<std::uint32_t> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

flow::machine_extraction machine(std::string id, std::int64_t first_ns, std::int64_t last_ns) {
    flow::machine_extraction m;
    m.machine_id = std::move(id);
    m.first_ns = first_ns;
    m.last_ns = last_ns;
    m.protocols.tcp_packets = 1;
    return m;
}
} // namespace

TEST_CASE("rebin to minutes sums each minute of the table's minute column, the last one partial") {
    for (std::size_t n : {1u, 59u, 60u, 61u, 600u, 3954u}) {
        const auto v = random_counts(n, static_cast<std::uint32_t>(n));
        const count_series<tcp_new, seconds> s(v);
        std::map<std::size_t, std::uint64_t> oracle; // minute -> sum, via minute = (second - 1) div 60 + 1
        for (std::size_t sec = 1; sec <= n; ++sec) oracle[minute_of_second(sec)] += v[sec - 1];
        const auto m = rebin<minutes>(s);
        REQUIRE(m.size() == oracle.size());
        for (const auto& [minute, sum] : oracle) CHECK(m.bin(minute) == sum);
        CHECK(m.total() == s.total());
        CHECK(m.span() == minutes(static_cast<std::int64_t>(oracle.size())));
        CHECK(rebin<seconds>(s) == s); // the identity re-binning
    }
}

TEST_CASE("tcp_new + udp_new is new_connections, bin by bin, the shorter series zero-filled") {
    const auto a = random_counts(130, 1), b = random_counts(95, 2);
    const count_series<tcp_new, seconds> t(a);
    const count_series<udp_new, seconds> u(b);
    const auto n = t + u;
    STATIC_REQUIRE(std::same_as<decltype(n)::event, new_connections>);
    REQUIRE(n.size() == 130);
    for (std::size_t i = 0; i < 130; ++i) CHECK(n[i] == a[i] + (i < 95 ? b[i] : 0u));
    CHECK(n.total() == t.total() + u.total());
    CHECK((u + t) == n);
    // re-binning commutes with the sum
    CHECK(rebin<minutes>(n) == rebin<minutes>(t) + rebin<minutes>(u));
}

TEST_CASE("log lines per minute are the session ends of each minute") {
    const count_series<tcp_end, seconds> te(random_counts(200, 3));
    const count_series<udp_end, seconds> ue(random_counts(200, 4));
    const auto logs = log_lines_per_minute(te + ue);
    REQUIRE(logs.size() == 4);
    for (std::size_t m = 1; m <= 4; ++m) {
        std::uint64_t want = 0;
        for (std::size_t sec = (m - 1) * 60 + 1; sec <= std::min<std::size_t>(m * 60, 200); ++sec)
            want += te.bin(sec) + ue.bin(sec);
        CHECK(logs.bin(m) == want);
    }
}

TEST_CASE("binning: second 1 is the first packet's second, the span ends at the last packet's") {
    // first packet at 100.999 s, last at 160.000 s: seconds 100..160 -> 61 bins
    auto m = machine("a", 100 * s_ns + 999'000'000, 160 * s_ns);
    m.events[flow::event_kind::tcp_new] = {100 * s_ns + 999'000'000, 101 * s_ns, 101 * s_ns + 999'999'999, 160 * s_ns};
    m.events[flow::event_kind::tcp_end] = {159 * s_ns + 500'000'000};
    const auto s = bin_events(m);
    REQUIRE(s.seconds() == 61);
    CHECK(s.first_epoch_s == 100);
    const auto tn = s.series<tcp_new>();
    CHECK(tn.bin(1) == 1);
    CHECK(tn.bin(2) == 2);
    CHECK(tn.bin(61) == 1);
    CHECK(tn.total() == 4);
    CHECK(s.series<tcp_end>().bin(60) == 1);
    CHECK(s.series<udp_new>().total() == 0); // zero-filled over the span...
    CHECK(s.series<udp_new>().size() == 61);
    CHECK(s.present(series_kind::tcp_new));
    CHECK_FALSE(s.present(series_kind::udp_new)); // ...but missing: the capture held no UDP
    CHECK_FALSE(s.present(series_kind::new_connections));
}

TEST_CASE("binning: an event outside its machine's span is a bug; no packet means no span") {
    auto m = machine("epoch", 0, 2 * s_ns + s_ns / 2); // 0 .. 2.5 s: seconds 0, 1, 2
    m.events[flow::event_kind::udp_new] = {0, s_ns - 1, 2 * s_ns + s_ns / 2};
    m.protocols.udp_packets = 1;
    const auto s = bin_events(m);
    REQUIRE(s.seconds() == 3);
    CHECK(s.first_epoch_s == 0);
    CHECK(s.series<udp_new>().counts() == std::vector<std::uint32_t>{2, 0, 1});
    m.events[flow::event_kind::udp_end] = {3 * s_ns};
    CHECK_THROWS_AS(bin_events(m), std::logic_error);
    const auto none = bin_events(machine("empty", -1, -1));
    CHECK(none.seconds() == 0);
    CHECK(none.series<tcp_new>().size() == 0);
}

TEST_CASE("K machines: seconds re-indexed from 1 within each machine, machine = 1..K, minute column") {
    auto a = machine("alpha", 1'000 * s_ns, 1'000 * s_ns + 61 * s_ns); // 62 seconds
    a.events[flow::event_kind::tcp_new] = {1'000 * s_ns, 1'061 * s_ns};
    auto b = machine("beta", 5'000'000 * s_ns, 5'000'000 * s_ns + 2 * s_ns); // 3 seconds, much later
    b.events[flow::event_kind::udp_end] = {5'000'001 * s_ns};
    b.protocols.udp_packets = 4;
    machine_table t;
    t.add(bin_events(a));
    t.add(bin_events(b));
    std::ostringstream os;
    write_cps_csv(os, t);
    std::istringstream in(os.str());
    std::string line;
    std::vector<std::string> rows;
    while (std::getline(in, line)) rows.push_back(line);
    REQUIRE(rows.size() == 1 + 62 + 3);
    CHECK(rows[0] == "machine_id,machine,second,minute,tcp_new,udp_new,tcp_end,udp_end");
    CHECK(rows[1] == "alpha,1,1,1,1,0,0,0");
    CHECK(rows[60] == "alpha,1,60,1,0,0,0,0");
    CHECK(rows[61] == "alpha,1,61,2,0,0,0,0");
    CHECK(rows[62] == "alpha,1,62,2,1,0,0,0");
    CHECK(rows[63] == "beta,2,1,1,0,0,0,0");
    CHECK(rows[64] == "beta,2,2,1,0,0,0,1");
    CHECK(rows[65] == "beta,2,3,1,0,0,0,0");
    const auto c = t.counts(series_kind::new_connections);
    REQUIRE(c.size() == 2);
    CHECK(c[0].size() == 62);
    CHECK(c[1].size() == 3);
    CHECK(t.series<session_ends>(1).total() == 1);
}
