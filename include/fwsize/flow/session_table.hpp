// session_table — replays one machine's time-ordered in-scope packets through a firewall's session
// table under a timer profile: which sessions exist, when each starts and leaves the table, and so
// the observed new sessions per second, log lines per minute and occupancy (docs/timers.md).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fwsize/flow/detail/session_adapter.hpp>
#include <fwsize/flow/detail/session_series.hpp>
#include <fwsize/flow/detail/session_state.hpp>
#include <fwsize/flow/detail/session_types.hpp>
#include <fwsize/flow/timer_profile.hpp>
#include <fwsize/input_error.hpp>

namespace fwsize::flow {
inline namespace v0 {

struct session_table_options {
    /// Inbound packets with no session open one (a host that serves). Default: only the host's
    /// outbound packets open sessions, as design.md §3 counts flows; others are counted, unmatched.
    bool inbound_opens_sessions = false;
    /// Packets may step back in time by this much (multi-interface pcapng); they are then taken
    /// at the previous timestamp. A larger step is a clock jump: input_error.
    std::int64_t max_backwards_step_ns = 1'000'000'000;
    std::string source_name = "<packets>"; ///< the file named in errors
};

/// Everything one replay yields.
struct session_replay {
    timer_profile profile;
    std::int64_t first_ns = 0, last_ns = 0; ///< span used for bins and censoring
    std::vector<session_record> sessions;   ///< in order of their first packet
    session_series series;
    std::uint64_t packets = 0;
    std::uint64_t orphan_packets = 0;    ///< TCP packets with no session that open none (dropped by a firewall)
    std::uint64_t unmatched_inbound = 0; ///< inbound packets that open no session
    std::uint64_t reordered_packets = 0; ///< taken at the previous timestamp (small steps back)

    [[nodiscard]] std::size_t count(session_end_reason r, io::transport proto) const {
        return std::size_t(std::count_if(sessions.begin(), sessions.end(), [&](const session_record& s) {
            return s.reason == r && s.key.proto == proto;
        }));
    }
    [[nodiscard]] std::size_t right_censored() const {
        return std::size_t(
            std::count_if(sessions.begin(), sessions.end(), [](const auto& s) { return s.right_censored(); }));
    }
    [[nodiscard]] std::size_t left_truncated() const {
        return std::size_t(
            std::count_if(sessions.begin(), sessions.end(), [](const auto& s) { return s.left_truncated; }));
    }
};

class session_table {
public:
    explicit session_table(timer_profile profile, session_table_options options = {})
        : profile_(std::move(profile)), timers_(profile_), opt_(std::move(options)) {}

    /// Feeds the next packet (time-ordered). Throws input_error on a clock jump backwards.
    void add(const session_packet& p) {
        std::int64_t t = p.timestamp_ns;
        if (out_.packets == 0) first_ns_ = t;
        else if (t < last_ns_) {
            if (last_ns_ - t > opt_.max_backwards_step_ns)
                throw input_error::in_file(opt_.source_name,
                                           "packet " + std::to_string(out_.packets + 1) + " is " +
                                               std::to_string(double(last_ns_ - t) * 1e-9) +
                                               " s earlier than the one before: expected time-ordered packets");
            t = last_ns_;
            ++out_.reordered_packets;
        }
        last_ns_ = t;
        if (++out_.packets % 65536 == 0) sweep(t);

        const bool first_sight = seen_.insert(p.key).second;
        auto it = live_.find(p.key);
        if (it != live_.end() && it->second.expired_before(t)) {
            finalize(it->second, it->second.deadline_ns, expiry_reason(it->second));
            live_.erase(it);
            it = live_.end();
        }
        const bool tcp = p.key.proto == io::transport::tcp;
        if (it != live_.end()) {
            detail::live_session& s = it->second;
            const bool closing = s.phase == detail::tcp_phase::half_closed || s.phase == detail::tcp_phase::time_wait;
            if (!(tcp && p.opens_stream && closing)) {
                touch(s, p, t);
                return;
            }
            // A new connection on the 5-tuple of one that is closing: the firewall replaces it.
            finalize(s, t, session_end_reason::replaced);
            live_.erase(it);
        }
        bool left_truncated = false;
        if (tcp ? p.opens_stream : p.outbound) {
            if (!p.outbound && !opt_.inbound_opens_sessions) {
                ++out_.unmatched_inbound;
                return;
            }
        } else if (!p.stream_opened_in_capture && first_sight) {
            left_truncated = true; // only a 5-tuple's first packet: later ones of it find no session
        } else if (!p.outbound && !tcp && opt_.inbound_opens_sessions) {
            // an inbound UDP flow of a serving host
        } else {
            ++(tcp ? out_.orphan_packets : out_.unmatched_inbound);
            return;
        }
        open(p, t, left_truncated);
    }

    /// Ends the replay. The span defaults to the first and last packet fed; pass the capture's
    /// own span (first/last TCP or UDP packet, in scope or not) to bin as design.md §3 says.
    /// Sessions whose timer has not run out by the span's end stay open: right-censored.
    [[nodiscard]] session_replay finish(std::optional<std::int64_t> span_first_ns = std::nullopt,
                                        std::optional<std::int64_t> span_last_ns = std::nullopt) && {
        std::int64_t first = span_first_ns.value_or(first_ns_), last = span_last_ns.value_or(last_ns_);
        if (out_.packets > 0) first = std::min(first, first_ns_), last = std::max(last, last_ns_);
        for (auto& [key, s] : live_)
            if (s.deadline_ns <= last) finalize(s, s.deadline_ns, expiry_reason(s));
        live_.clear();
        out_.profile = profile_;
        out_.first_ns = first;
        out_.last_ns = last;
        if (out_.packets > 0 || span_first_ns) out_.series = detail::build_session_series(out_.sessions, first, last);
        return std::move(out_);
    }

private:
    static session_end_reason expiry_reason(const detail::live_session& s) {
        switch (s.phase) {
        case detail::tcp_phase::handshake:
            return session_end_reason::handshake;
        case detail::tcp_phase::half_closed:
            return session_end_reason::half_closed;
        case detail::tcp_phase::time_wait:
            return s.rst ? session_end_reason::rst : session_end_reason::fin;
        case detail::tcp_phase::established:
        case detail::tcp_phase::udp:
            return session_end_reason::idle;
        }
        return session_end_reason::idle;
    }

    void open(const session_packet& p, std::int64_t t, bool left_truncated) {
        session_record r;
        r.key = p.key;
        r.initiated_outbound = p.outbound;
        r.left_truncated = left_truncated;
        r.start_ns = r.last_packet_ns = r.armed_ns = t;
        out_.sessions.push_back(r);
        detail::live_session s;
        s.record = out_.sessions.size() - 1;
        s.initiator_outbound = p.outbound;
        const bool tcp = p.key.proto == io::transport::tcp;
        s.phase = !tcp ? detail::tcp_phase::udp
                       : (left_truncated ? detail::tcp_phase::established : detail::tcp_phase::handshake);
        s.arm(timers_, t);
        auto [it, ok] = live_.emplace(p.key, s);
        (void)ok;
        count_packet(out_.sessions.back(), p);
        if (tcp) apply(it->second, p, t);
    }

    void touch(detail::live_session& s, const session_packet& p, std::int64_t t) {
        session_record& r = out_.sessions[s.record];
        r.last_packet_ns = t;
        count_packet(r, p);
        if (p.key.proto == io::transport::tcp) apply(s, p, t);
        else s.arm(timers_, t);
        r.armed_ns = s.armed_ns;
    }

    void apply(detail::live_session& s, const session_packet& p, std::int64_t t) {
        detail::apply_tcp_packet(s, timers_, t, p.outbound, p.tcp_flags, p.close_fin, p.close_rst);
        out_.sessions[s.record].armed_ns = s.armed_ns;
    }

    static void count_packet(session_record& r, const session_packet& p) {
        ++(p.outbound ? r.packets_out : r.packets_in);
    }

    void finalize(const detail::live_session& s, std::int64_t end, session_end_reason why) {
        session_record& r = out_.sessions[s.record];
        r.end_ns = end;
        r.reason = why;
    }

    /// Drops expired sessions so the map holds only live ones on long captures.
    void sweep(std::int64_t now) {
        for (auto it = live_.begin(); it != live_.end();) {
            if (it->second.expired_before(now)) {
                finalize(it->second, it->second.deadline_ns, expiry_reason(it->second));
                it = live_.erase(it);
            } else {
                ++it;
            }
        }
    }

    timer_profile profile_;
    detail::timers_ns timers_;
    session_table_options opt_;
    std::unordered_map<session_key, detail::live_session> live_;
    std::unordered_set<session_key> seen_; ///< every 5-tuple met so far
    session_replay out_;
    std::int64_t first_ns_ = 0, last_ns_ = 0;
};

/// Replays a range of session_packet (time-ordered) in one call.
template <class Range>
session_replay replay_sessions(const Range& packets, const timer_profile& profile, session_table_options options = {},
                               std::optional<std::int64_t> span_first_ns = std::nullopt,
                               std::optional<std::int64_t> span_last_ns = std::nullopt) {
    session_table table(profile, std::move(options));
    for (const session_packet& p : packets) table.add(p);
    return std::move(table).finish(span_first_ns, span_last_ns);
}

} // namespace v0
} // namespace fwsize::flow
