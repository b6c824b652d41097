// Timer profiles: the vendor defaults (docs/timers.md cites each) and the --timers syntax.
#include <cmath>

#include <fwsize/flow/timer_profile.hpp>

#include "../../catch.hpp"

using namespace fwsize;

TEST_CASE("Vendor defaults as documented") {
    const auto f = flow::fortigate_profile();
    CHECK(f.tcp_idle_s == 3600);       // config system session-ttl: default 3600
    CHECK(f.tcp_handshake_s == 10);    // config system global: tcp-halfopen-timer 10
    CHECK(f.tcp_half_closed_s == 120); // tcp-halfclose-timer 120
    CHECK(f.tcp_time_wait_s == 1);     // tcp-timewait-timer 1
    CHECK(f.udp_idle_s == 180);        // udp-idle-timer 180
    const auto p = flow::paloalto_profile();
    CHECK(p.tcp_idle_s == 3600);
    CHECK(p.tcp_handshake_s == 5);
    CHECK(p.tcp_half_closed_s == 120);
    CHECK(p.tcp_time_wait_s == 15);
    CHECK(p.udp_idle_s == 30);
    CHECK(f.sessions_expire());
    CHECK(f.longest_timer_s() == 3600);
    const auto n = flow::none_profile();
    CHECK_FALSE(n.sessions_expire());
    CHECK(std::isinf(n.longest_timer_s()));
    CHECK(n.tcp_time_wait_s == 0);
}

TEST_CASE("the --timers option parses NAME[,key=seconds...]") {
    CHECK(flow::parse_timer_profile("paloalto").name == "paloalto");
    const auto o = flow::parse_timer_profile("fortigate,udp_idle=60,tcp_time_wait=2.5");
    CHECK(o.udp_idle_s == 60);
    CHECK(o.tcp_time_wait_s == 2.5);
    CHECK(o.tcp_idle_s == 3600);
    CHECK(o.name == "fortigate+overrides");
    CHECK(std::isinf(flow::parse_timer_profile("paloalto,tcp_idle=inf").tcp_idle_s));
    CHECK_THROWS_AS(flow::parse_timer_profile("cisco"), input_error);
    CHECK_THROWS_AS(flow::parse_timer_profile("fortigate,udp=5"), input_error);
    CHECK_THROWS_AS(flow::parse_timer_profile("fortigate,udp_idle=-1"), input_error);
    CHECK_THROWS_AS(flow::parse_timer_profile("fortigate,udp_idle=5s"), input_error);
    CHECK_THROWS_AS(flow::parse_timer_profile("fortigate,udp_idle"), input_error);
    try {
        flow::parse_timer_profile("cisco");
    } catch (const input_error& e) {
        CHECK(std::string(e.what()).find("expected none, fortigate or paloalto") != std::string::npos);
    }
}

TEST_CASE("timer_ns saturates: +inf is never") {
    CHECK(flow::timer_ns(1.5) == 1'500'000'000);
    CHECK(flow::timer_ns(INFINITY) == INT64_MAX);
}
