// timer_profile — how long a firewall keeps a session in its table: idle timers per protocol and
// state, and the linger after FIN/RST. Defaults are the vendors' documented values; docs/timers.md
// cites each one.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>

#include <fwsize/input_error.hpp>

namespace fwsize::flow {
inline namespace v0 {

/// All timers in seconds. +inf means "never expires". A timer counts from the last packet of the
/// session in that state (a firewall's state timers are idle timers refreshed by traffic), except
/// tcp_time_wait_s, which counts from the closing packet (FIN of the second side, or RST).
struct timer_profile {
    std::string name = "custom";
    double tcp_idle_s = std::numeric_limits<double>::infinity();      ///< established, no packets
    double tcp_handshake_s = std::numeric_limits<double>::infinity(); ///< SYN sent, no reply yet
    double tcp_half_closed_s = 0.0;                                   ///< one side sent FIN, the other not yet
    double tcp_time_wait_s = 0.0;                                     ///< both sides sent FIN, or a RST was seen
    double udp_idle_s = std::numeric_limits<double>::infinity();

    /// The longest timer a session can wait for (for the "capture shorter than the longest
    /// timer" warning); +inf under `none`.
    [[nodiscard]] double longest_timer_s() const {
        double m = tcp_idle_s;
        for (double t : {tcp_handshake_s, tcp_half_closed_s, tcp_time_wait_s, udp_idle_s}) m = t > m ? t : m;
        return m;
    }
    /// True when every idle timer is finite, so every session eventually leaves the table.
    [[nodiscard]] bool sessions_expire() const {
        return std::isfinite(tcp_idle_s) && std::isfinite(tcp_handshake_s) && std::isfinite(tcp_half_closed_s) &&
               std::isfinite(tcp_time_wait_s) && std::isfinite(udp_idle_s);
    }
};

/// No firewall: nothing expires by idleness and nothing lingers. A session ends only at a full
/// close (FIN from both sides) or RST;
/// UDP sessions never end (open at capture end = right-censored). The flow view, for comparison.
inline timer_profile none_profile() {
    timer_profile p;
    p.name = "none";
    p.tcp_half_closed_s = std::numeric_limits<double>::infinity(); // only a full close ends it
    return p;
}

/// FortiOS defaults: `config system session-ttl` default 3600; `config system global`
/// tcp-halfopen-timer 10, tcp-halfclose-timer 120, tcp-timewait-timer 1, udp-idle-timer 180.
inline timer_profile fortigate_profile() {
    timer_profile p;
    p.name = "fortigate";
    p.tcp_idle_s = 3600;
    p.tcp_handshake_s = 10;
    p.tcp_half_closed_s = 120;
    p.tcp_time_wait_s = 1;
    p.udp_idle_s = 180;
    return p;
}

/// PAN-OS defaults (Device > Setup > Session > Session Timeouts): TCP 3600, TCP Init (before
/// SYN-ACK) 5, TCP Half Closed 120, TCP Time Wait 15, UDP 30.
inline timer_profile paloalto_profile() {
    timer_profile p;
    p.name = "paloalto";
    p.tcp_idle_s = 3600;
    p.tcp_handshake_s = 5;
    p.tcp_half_closed_s = 120;
    p.tcp_time_wait_s = 15;
    p.udp_idle_s = 30;
    return p;
}

namespace detail {
/// One cold path for every --timers error.
[[noreturn, gnu::noinline, gnu::cold]] inline void timers_error(const std::string& problem) {
    throw input_error::in_file("--timers", problem);
}

inline double parse_timer_seconds(std::string_view spec, std::string_view value) {
    if (value == "inf" || value == "never") return std::numeric_limits<double>::infinity();
    double v = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc{} || ptr != value.data() + value.size() || !(v >= 0) || !std::isfinite(v))
        timers_error("in '" + std::string(spec) + "': timer value '" + std::string(value) +
                     "' is not a number of seconds >= 0 (or inf)");
    return v;
}
} // namespace detail

/// Parses `NAME[,key=seconds...]`: NAME is none, fortigate or paloalto; keys tcp_idle,
/// tcp_handshake, tcp_half_closed, tcp_time_wait, udp_idle override single timers, e.g.
/// "fortigate,udp_idle=60". Throws input_error (file "--timers") on anything else.
inline timer_profile parse_timer_profile(std::string_view spec) {
    const auto comma = spec.find(',');
    const std::string_view base = spec.substr(0, comma);
    timer_profile p;
    if (base == "none") p = none_profile();
    else if (base == "fortigate") p = fortigate_profile();
    else if (base == "paloalto") p = paloalto_profile();
    else
        detail::timers_error("unknown timer profile '" + std::string(base) + "': expected none, fortigate or paloalto");
    if (comma == std::string_view::npos) return p;
    bool overridden = false;
    std::string_view rest = spec.substr(comma + 1);
    while (!rest.empty()) {
        const auto next = rest.find(',');
        const std::string_view item = rest.substr(0, next);
        rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos)
            detail::timers_error("in '" + std::string(spec) + "': expected key=seconds, got '" + std::string(item) +
                                 "'");
        const std::string_view key = item.substr(0, eq);
        const double v = detail::parse_timer_seconds(spec, item.substr(eq + 1));
        if (key == "tcp_idle") p.tcp_idle_s = v;
        else if (key == "tcp_handshake") p.tcp_handshake_s = v;
        else if (key == "tcp_half_closed") p.tcp_half_closed_s = v;
        else if (key == "tcp_time_wait") p.tcp_time_wait_s = v;
        else if (key == "udp_idle") p.udp_idle_s = v;
        else
            detail::timers_error("in '" + std::string(spec) + "': unknown timer '" + std::string(key) +
                                 "' (expected tcp_idle, tcp_handshake, tcp_half_closed, "
                                 "tcp_time_wait or udp_idle)");
        overridden = true;
    }
    if (overridden) p.name = std::string(base) + "+overrides";
    return p;
}

/// Seconds to integer nanoseconds, saturating (+inf -> INT64_MAX, "never").
inline std::int64_t timer_ns(double seconds) {
    constexpr auto never = std::numeric_limits<std::int64_t>::max();
    if (!(seconds < 9.2e9)) return never;
    return static_cast<std::int64_t>(std::llround(seconds * 1e9));
}

} // namespace v0
} // namespace fwsize::flow
