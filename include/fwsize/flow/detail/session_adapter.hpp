// session_packet_adapter — turns io::packet_record into the session table's input, given which
// addresses are the host's. Public name of fwsize::flow (included by flow/session_table.hpp); it
// keeps a little state per 5-tuple to tell stream starts and, from a CSV, FIN/RST.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>

#include <fwsize/flow/detail/session_types.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

/// IsLocal: bool(const io::ip_address&). Scope (multicast, link-local, --exclude) is the caller's
/// business: feed only in-scope records.
///
/// From a capture (TCP flags known): a stream opens at a SYN without ACK; a 5-tuple whose first
/// packet is not such a SYN was open before the capture (left-truncated).
/// From a CSV (no flags): a stream opens at its first row (tcp_time_relative == 0) — tshark cannot
/// tell there whether that row was a SYN, so a stream picked up mid-connection counts as new —
/// and FIN/RST are taken at the row where tcp.completeness first shows bit 16/32, one packet late
/// (data/README.md), without the side that sent it.
template <class IsLocal>
class session_packet_adapter {
public:
    explicit session_packet_adapter(IsLocal is_local) : is_local_(std::move(is_local)) {}

    /// nullopt when neither address is the host's.
    std::optional<session_packet> operator()(const io::packet_record& r) {
        session_packet p;
        p.timestamp_ns = r.timestamp_ns;
        if (is_local_(r.src)) {
            p.outbound = true;
            p.key = {r.src, r.dst, r.src_port, r.dst_port, r.proto};
        } else if (is_local_(r.dst)) {
            p.outbound = false;
            p.key = {r.dst, r.src, r.dst_port, r.src_port, r.proto};
        } else {
            return std::nullopt;
        }
        if (!r.is_tcp()) return p;

        auto [it, first_of_key] = streams_.try_emplace(p.key);
        stream_state& st = it->second;
        if (r.tcp_flags) {
            p.tcp_flags = r.tcp_flags;
            p.opens_stream = (*r.tcp_flags & io::tcp_flags::syn) && !(*r.tcp_flags & io::tcp_flags::ack);
            if (first_of_key || p.opens_stream) st.opened_in_capture = p.opens_stream;
        } else {
            const bool stream_first = r.tcp_time_relative_ns == 0;
            if (stream_first) st = stream_state{};
            p.opens_stream = stream_first;
            const int c = r.tcp_completeness < 0 ? 0 : r.tcp_completeness;
            p.close_fin = (c & io::completeness::fin) && !(st.bits & io::completeness::fin);
            p.close_rst = (c & io::completeness::rst) && !(st.bits & io::completeness::rst);
            st.bits |= c;
        }
        p.stream_opened_in_capture = st.opened_in_capture;
        return p;
    }

private:
    struct stream_state {
        bool opened_in_capture = true;
        int bits = 0;
    };
    IsLocal is_local_;
    std::unordered_map<session_key, stream_state> streams_;
};

} // namespace v0
} // namespace fwsize::flow
