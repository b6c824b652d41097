// What the typed count series allow and refuse, as named concepts (the build is the test; each
// STATIC_REQUIRE is also recorded by Catch). tests/compile_fail/ shows the refusals as compiler errors.
#include <chrono>
#include <concepts>
#include <cstdint>
#include <vector>

#include <fwsize/series.hpp>

#include "../catch.hpp"

namespace {
using namespace fwsize::series;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
template <class E>
using per_s = count_series<E, seconds>;
template <class E>
using per_min = count_series<E, minutes>;

// A duration with a period that is not a whole multiple of a second (1.5 s).
using sesqui = std::chrono::duration<std::int64_t, std::ratio<3, 2>>;
} // namespace

TEST_CASE("series: kinds that may be added, and what their sum is") {
    STATIC_REQUIRE(combinable<per_s<tcp_new>, per_s<udp_new>>);
    STATIC_REQUIRE(combinable<per_s<udp_new>, per_s<tcp_new>>);
    STATIC_REQUIRE(combinable<const per_min<tcp_end>&, per_min<udp_end>&&>);
    STATIC_REQUIRE(std::same_as<decltype(per_s<tcp_new>{} + per_s<udp_new>{}), per_s<new_connections>>);
    STATIC_REQUIRE(std::same_as<decltype(per_min<udp_end>{} + per_min<tcp_end>{}), per_min<session_ends>>);
    // starts and ends, a kind with itself, sums with sums: meaningless, so not combinable
    STATIC_REQUIRE_FALSE(combinable<per_s<tcp_new>, per_s<tcp_end>>);
    STATIC_REQUIRE_FALSE(combinable<per_s<udp_new>, per_s<udp_end>>);
    STATIC_REQUIRE_FALSE(combinable<per_s<tcp_new>, per_s<tcp_new>>);
    STATIC_REQUIRE_FALSE(combinable<per_s<new_connections>, per_s<tcp_new>>);
    STATIC_REQUIRE_FALSE(combinable<per_s<new_connections>, per_s<session_ends>>);
}

TEST_CASE("series: different bin periods never combine") {
    STATIC_REQUIRE_FALSE(combinable<per_s<tcp_new>, per_min<udp_new>>);
    STATIC_REQUIRE_FALSE(combinable<per_min<tcp_new>, per_s<udp_new>>);
    STATIC_REQUIRE_FALSE(combinable<per_s<tcp_new>, count_series<udp_new, milliseconds>>);
    // not series at all
    STATIC_REQUIRE_FALSE(combinable<per_s<tcp_new>, int>);
    STATIC_REQUIRE_FALSE(a_count_series<std::vector<std::uint32_t>>);
    STATIC_REQUIRE_FALSE(bin_period<int>);
    STATIC_REQUIRE(bin_period<sesqui>);
}

TEST_CASE("series: re-binning only to whole multiples of the period") {
    STATIC_REQUIRE(rebinnable_to<minutes, per_s<tcp_new>>);
    STATIC_REQUIRE(rebinnable_to<hours, per_min<tcp_new>>);
    STATIC_REQUIRE(rebinnable_to<seconds, per_s<tcp_new>>); // the identity
    STATIC_REQUIRE(rebinnable_to<seconds, count_series<tcp_new, milliseconds>>);
    STATIC_REQUIRE_FALSE(rebinnable_to<seconds, per_min<tcp_new>>); // finer bins cannot be invented
    STATIC_REQUIRE_FALSE(rebinnable_to<milliseconds, per_s<tcp_new>>);
    STATIC_REQUIRE_FALSE(rebinnable_to<seconds, count_series<tcp_new, sesqui>>); // 1 s is not k * 1.5 s
    STATIC_REQUIRE(rebinnable_to<std::chrono::duration<int, std::ratio<3>>, count_series<tcp_new, sesqui>>);
    STATIC_REQUIRE(std::same_as<decltype(rebin<minutes>(per_s<udp_end>{})), per_min<udp_end>>);
}

TEST_CASE("series: session starts and session ends are different roles") {
    STATIC_REQUIRE(session_start_series<per_s<tcp_new>>);
    STATIC_REQUIRE(session_start_series<per_min<new_connections>>);
    STATIC_REQUIRE_FALSE(session_start_series<per_s<udp_end>>);
    STATIC_REQUIRE(session_end_series<per_s<udp_end>>);
    STATIC_REQUIRE(session_end_series<const per_s<session_ends>&>);
    STATIC_REQUIRE_FALSE(session_end_series<per_s<tcp_new>>);
    STATIC_REQUIRE_FALSE(session_end_series<per_s<new_connections>>);
    STATIC_REQUIRE(series_of<per_s<udp_new>, udp_new, seconds>);
    STATIC_REQUIRE_FALSE(series_of<per_s<tcp_new>, udp_new, seconds>);
    STATIC_REQUIRE_FALSE(series_of<per_min<udp_new>, udp_new, seconds>);
    STATIC_REQUIRE(std::same_as<decltype(log_lines_per_minute(per_s<tcp_end>{})), per_min<tcp_end>>);
}

TEST_CASE("series: the kinds behind the tags") {
    STATIC_REQUIRE(event_tag<tcp_new>);
    STATIC_REQUIRE_FALSE(event_tag<int>);
    STATIC_REQUIRE(flow_kind_of<udp_end>() == fwsize::flow::event_kind::udp_end);
    STATIC_REQUIRE(has_flow_kind<tcp_new>);
    STATIC_REQUIRE_FALSE(has_flow_kind<new_connections>); // a sum, not an event of flow/
    STATIC_REQUIRE(new_connections::name == "new");
    STATIC_REQUIRE(minute_of_second(1) == 1);
    STATIC_REQUIRE(minute_of_second(60) == 1);
    STATIC_REQUIRE(minute_of_second(61) == 2);
    STATIC_REQUIRE(floor_seconds(-1) == -1); // before 1970 still rounds down
    STATIC_REQUIRE(floor_seconds(1'999'999'999) == 1);
}
