// sizing_warnings: which warnings appear, and that the wide-interval one lists every wide entry
// once, grouped by quantity, with its causes named once (most prior-like first).
#include <fwsize/predict/sizing_warnings.hpp>

#include <string>
#include <vector>

#include "../../catch.hpp"

using namespace fwsize::predict;

namespace {
sizing_row row(std::string q, std::int64_t users, double lo, double hi) {
    sizing_row r;
    r.quantity = std::move(q);
    r.users = users;
    r.p99_lo = lo;
    r.p99_hi = hi;
    return r;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

sizing_context informed_context() {
    sizing_context c;
    c.machines = 5;
    c.shortest_capture_s = 8 * 3600;
    c.longest_timer_s = 3600;
    c.parameters = {{"alpha", 2.0, 0.1, "more machines"}, {"sigma_machine", 0.6, 0.05, "more machines"}};
    c.rows = {row("new_per_second", 1, 3, 9), row("new_per_second", 10, 20, 40)};
    return c;
}
} // namespace

TEST_CASE("sizing_warnings: none when machines, captures and intervals are all sufficient") {
    CHECK(sizing_warnings(informed_context()).empty());
}

TEST_CASE("sizing_warnings: too few machines, and captures shorter than the longest timer") {
    auto c = informed_context();
    c.machines = 2;
    c.shortest_capture_s = 600;
    const auto w = sizing_warnings(c);
    REQUIRE(w.size() == 2);
    CHECK(w[0].find("Only 2 machines captured") == 0);
    CHECK(w[1].find("The shortest capture lasts 600 s, less than the longest session timer (3600 s)") == 0);
    c.machines = 1;
    CHECK(sizing_warnings(c)[0].find("Only 1 machine captured") == 0);
}

TEST_CASE("sizing_warnings: wide entries in one warning, grouped by quantity, causes once") {
    auto c = informed_context();
    c.rows = {row("new_per_second", 1, 3.2, 120.4),
              row("new_per_second", 10, 16, 1689.05),
              row("new_per_second", 50, 100, 300),      // 3x: not wide
              row("log_lines_per_minute", 1, 0.2, 3.5), // lo below 1 counts as 1: 3.5x, not wide
              row("log_lines_per_minute", 10, 141.1, 10168.1),
              row("concurrent_sessions", 100, 13851.8, 262144)};
    c.rows.back().at_least = {"p99_hi"}; // beyond the PMF's window: a lower bound, marked as in the table
    c.parameters = {{"alpha (log rate)", 2.0, 0.4, "more machines"},                           // 0.2: informed
                    {"sigma_minute (minutes)", 0.6, 0.40, "longer captures"},                  // 0.67
                    {"sigma_machine (machines)", 0.6, 0.576, "more machines (each capture)"}}; // 0.96
    const auto w = sizing_warnings(c);
    REQUIRE(w.size() == 1);
    const std::string& s = w[0];
    CHECK(s.find("Wide intervals: the 90 % CrI of p99 spans more than 4x in 4 of 6 table entries "
                 "(new_per_second N = 1: 3.2 to 120, N = 10: 16 to 1689; log_lines_per_minute N = 10: 141 to "
                 "10168; concurrent_sessions N = 100: 13852 to ≥ 262144).") == 0);
    CHECK(count(s, "is still near its prior") == 2); // alpha is informed
    const auto machine =
        s.find("sigma_machine (machines) is still near its prior (posterior sd 0.576 vs prior sd 0.6)");
    const auto minute = s.find("sigma_minute (minutes) is still near its prior (posterior sd 0.4 vs prior sd 0.6)");
    REQUIRE(machine != std::string::npos);
    REQUIRE(minute != std::string::npos);
    CHECK(machine < minute); // closest to its prior first
    CHECK(s.find("more machines (each capture) would narrow it.") != std::string::npos);
    CHECK(s.find("alpha") == std::string::npos);
}

TEST_CASE("sizing_warnings: a wide interval with every parameter informed says so") {
    auto c = informed_context();
    c.rows = {row("concurrent_sessions", 1, 10, 100)};
    const auto w = sizing_warnings(c);
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("1 of 1 table entries (concurrent_sessions N = 1: 10 to 100).") != std::string::npos);
    CHECK(w[0].find("No parameter is near its prior") != std::string::npos);
}
