// flow_record — one connection as the capture saw it: a TCP stream or a UDP 4-tuple of the host,
// in scope. Times are ns since the epoch; -1 where there was no such packet. This is the input of
// the holding-time model and of a timer profile's session split.
#pragma once

#include <cstdint>
#include <string_view>

#include <fwsize/flow/flow_key.hpp>

namespace fwsize::flow {
inline namespace v0 {

/// Why a flow's record ends where it does.
/// fin / rst: the first FIN or RST of the stream (either direction);
/// idle: UDP — it ends only by silence, its last packet is the last we know of;
/// capture_end: a TCP stream still open when the capture stopped (right-censored).
enum class end_reason : std::uint8_t { fin, rst, idle, capture_end };

constexpr std::string_view to_string(end_reason e) {
    switch (e) {
    case end_reason::fin:
        return "fin";
    case end_reason::rst:
        return "rst";
    case end_reason::idle:
        return "idle";
    case end_reason::capture_end:
        return "capture_end";
    }
    return "?";
}

/// The end a CSV row's completeness bits show (io::completeness: 16 FIN, 32 RST): RST only when
/// no FIN was seen; 0 when neither (the stream has not ended).
constexpr bool csv_shows_end(int completeness) {
    return (completeness & (io::completeness::fin | io::completeness::rst)) != 0;
}
constexpr end_reason csv_end_reason(int completeness) {
    return (completeness & io::completeness::rst) && !(completeness & io::completeness::fin) ? end_reason::rst
                                                                                             : end_reason::fin;
}

struct flow_record {
    flow_key key;                                     ///< local end first (see flow_key.hpp)
    std::int64_t start_ns = -1;                       ///< first packet of the flow
    std::int64_t first_out_ns = -1, last_out_ns = -1; ///< host -> remote
    std::int64_t first_in_ns = -1, last_in_ns = -1;   ///< remote -> host
    std::int64_t fin_rst_ns = -1; ///< first FIN or RST (TCP; from a CSV: the row before bit 16/32 shows)
    end_reason reason = end_reason::capture_end;
    bool open_at_start = false;  ///< TCP stream whose opening SYN was not captured
    bool opened_by_host = false; ///< TCP: first packet a SYN without ACK from the host
    std::uint64_t packets_out = 0, packets_in = 0;

    /// The last packet of the flow, either direction.
    [[nodiscard]] std::int64_t last_ns() const { return last_out_ns > last_in_ns ? last_out_ns : last_in_ns; }
    [[nodiscard]] bool is_tcp() const { return key.proto == io::transport::tcp; }
};

} // namespace v0
} // namespace fwsize::flow
