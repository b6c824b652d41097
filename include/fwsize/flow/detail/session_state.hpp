// The per-session state machine of the session table: which timer runs, when it fires, and what a
// packet does to it. Private to flow/session_table.hpp.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include <fwsize/flow/timer_profile.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {
namespace detail {

enum class tcp_phase : std::uint8_t { handshake, established, half_closed, time_wait, udp };

inline std::int64_t saturating_add(std::int64_t t, std::int64_t d) {
    constexpr auto never = std::numeric_limits<std::int64_t>::max();
    return d >= never - t ? never : t + d;
}

/// Timers of a profile in nanoseconds (INT64_MAX = never).
struct timers_ns {
    std::int64_t tcp_idle, tcp_handshake, tcp_half_closed, tcp_time_wait, udp_idle;
    explicit timers_ns(const timer_profile& p)
        : tcp_idle(timer_ns(p.tcp_idle_s)), tcp_handshake(timer_ns(p.tcp_handshake_s)),
          tcp_half_closed(timer_ns(p.tcp_half_closed_s)), tcp_time_wait(timer_ns(p.tcp_time_wait_s)),
          udp_idle(timer_ns(p.udp_idle_s)) {}
    [[nodiscard]] std::int64_t of(tcp_phase ph) const {
        switch (ph) {
        case tcp_phase::handshake:
            return tcp_handshake;
        case tcp_phase::established:
            return tcp_idle;
        case tcp_phase::half_closed:
            return tcp_half_closed;
        case tcp_phase::time_wait:
            return tcp_time_wait;
        case tcp_phase::udp:
            return udp_idle;
        }
        return udp_idle;
    }
};

/// A session still in the table. `armed_ns` is when the running timer started: the last packet
/// for idle-type timers, the closing packet for time-wait (which later packets do not refresh).
struct live_session {
    std::size_t record = 0; ///< index into the replay's session records
    tcp_phase phase = tcp_phase::udp;
    bool initiator_outbound = true;
    bool fin_out = false, fin_in = false;
    bool rst = false;
    std::int64_t armed_ns = 0;
    std::int64_t deadline_ns = 0;

    void arm(const timers_ns& t, std::int64_t now) {
        armed_ns = now;
        deadline_ns = saturating_add(now, t.of(phase));
    }
    /// A timer "longer than the gap" keeps the session: it expires only when the gap exceeds it.
    [[nodiscard]] bool expired_before(std::int64_t now) const { return deadline_ns < now; }
};

/// Applies one TCP packet (flags known or not) to a live session.
inline void apply_tcp_packet(live_session& s, const timers_ns& t, std::int64_t now, bool outbound,
                             std::optional<std::uint8_t> flags, bool close_unknown_direction_fin, bool close_rst) {
    if (s.phase == tcp_phase::time_wait) return; // the closing timer is not refreshed
    const bool from_responder = outbound != s.initiator_outbound;
    if (s.phase == tcp_phase::handshake && from_responder) s.phase = tcp_phase::established;
    bool fin = false, rst = close_rst;
    if (flags) {
        fin = (*flags & io::tcp_flags::fin) != 0;
        rst = rst || (*flags & io::tcp_flags::rst) != 0;
    }
    if (rst) {
        s.rst = true;
        s.phase = tcp_phase::time_wait;
    } else if (close_unknown_direction_fin) {
        // From a CSV, tshark's FIN bit does not say which side closed: treat it as a full close.
        s.fin_out = s.fin_in = true;
        s.phase = tcp_phase::time_wait;
    } else if (fin) {
        (outbound ? s.fin_out : s.fin_in) = true;
        s.phase = (s.fin_out && s.fin_in) ? tcp_phase::time_wait : tcp_phase::half_closed;
    }
    s.arm(t, now);
}

} // namespace detail
} // namespace v0
} // namespace fwsize::flow
