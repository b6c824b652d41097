// The session table's input and output records (public names of fwsize::flow, kept here so that
// flow/session_table.hpp stays one concept: the table). Included by flow/session_table.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

#include <fwsize/io/ip_address.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

/// Canonical 5-tuple: the host's side first, so both directions of a flow share one key.
struct session_key {
    io::ip_address local, remote;
    std::uint16_t local_port = 0, remote_port = 0;
    io::transport proto = io::transport::udp;

    friend bool operator==(const session_key&, const session_key&) = default;
};

/// One in-scope packet of the host, as the session table consumes it (time-ordered).
struct session_packet {
    std::int64_t timestamp_ns = 0;
    session_key key;
    bool outbound = true;                  ///< sent by the host
    std::optional<std::uint8_t> tcp_flags; ///< raw TCP flags when known (captures), else nullopt
    /// This packet starts a TCP connection: a SYN without ACK, or (CSV) a stream's first row.
    bool opens_stream = false;
    /// False for packets of a stream that was already open when the capture began.
    bool stream_opened_in_capture = true;
    /// CSV only (flags unknown): tshark's completeness first shows FIN / RST on this packet,
    /// i.e. the previous packet of the stream closed it (one-packet lag, data/README.md).
    bool close_fin = false, close_rst = false;
};

enum class session_end_reason : std::uint8_t {
    fin,         ///< both sides sent FIN: time-wait timer after the second FIN
    rst,         ///< RST: time-wait timer after it
    half_closed, ///< one side sent FIN, the half-closed timer ran out
    idle,        ///< established (or UDP) idle timer ran out
    handshake,   ///< SYN never answered within the handshake timer
    replaced,    ///< a new SYN on the same 5-tuple while the old session was closing
    open         ///< still in the table at capture end: right-censored, no end invented
};

inline const char* to_string(session_end_reason r) {
    switch (r) {
    case session_end_reason::fin:
        return "fin";
    case session_end_reason::rst:
        return "rst";
    case session_end_reason::half_closed:
        return "half_closed";
    case session_end_reason::idle:
        return "idle";
    case session_end_reason::handshake:
        return "handshake";
    case session_end_reason::replaced:
        return "replaced";
    case session_end_reason::open:
        return "open";
    }
    return "?";
}

/// One firewall session as the table kept it.
struct session_record {
    session_key key;
    bool initiated_outbound = true;
    bool left_truncated = false; ///< began before the capture: start_ns is its first packet seen
    std::int64_t start_ns = 0;   ///< first packet
    std::int64_t last_packet_ns = 0;
    /// When the last running timer was armed: the last packet (idle-type timers) or the closing
    /// packet (time-wait). end_ns = armed_ns + that timer, so duration + timer = holding time.
    std::int64_t armed_ns = 0;
    std::optional<std::int64_t> end_ns; ///< removal from the table; nullopt = open at capture end
    session_end_reason reason = session_end_reason::open;
    std::uint64_t packets_out = 0, packets_in = 0;

    [[nodiscard]] bool is_tcp() const { return key.proto == io::transport::tcp; }
    [[nodiscard]] bool right_censored() const { return !end_ns.has_value(); }
    /// Active duration (first packet to the packet that armed the final timer), seconds. A lower
    /// bound when right_censored(); starts at the first packet seen when left_truncated.
    [[nodiscard]] double duration_s() const { return double(armed_ns - start_ns) * 1e-9; }
    /// Time in the table, seconds: to end_ns, or to capture_end_ns when open (then a lower bound).
    [[nodiscard]] double holding_s(std::int64_t capture_end_ns) const {
        return double(end_ns.value_or(capture_end_ns) - start_ns) * 1e-9;
    }
};

} // namespace v0
} // namespace fwsize::flow

template <>
struct std::hash<fwsize::flow::session_key> {
    std::size_t operator()(const fwsize::flow::session_key& k) const noexcept {
        const std::hash<fwsize::io::ip_address> h;
        std::size_t x = h(k.local) * 0x9E3779B97F4A7C15ull;
        x ^= h(k.remote) + 0x7f4a7c159e3779b9ull + (x << 6) + (x >> 2);
        x ^= (std::size_t(k.local_port) << 24) ^ (std::size_t(k.remote_port) << 8) ^ std::size_t(k.proto);
        return x ^ (x >> 31);
    }
};
