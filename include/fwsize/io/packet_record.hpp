// packet_record — what every reader yields and the flow stage consumes: one TCP or UDP packet.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include <fwsize/io/ip_address.hpp>

namespace fwsize::io {
inline namespace v0 {

enum class transport : std::uint8_t { tcp = 6, udp = 17 };

using mac_address = std::array<std::uint8_t, 6>;

/// TCP header flag bits as on the wire.
namespace tcp_flags {
inline constexpr std::uint8_t fin = 0x01;
inline constexpr std::uint8_t syn = 0x02;
inline constexpr std::uint8_t rst = 0x04;
inline constexpr std::uint8_t psh = 0x08;
inline constexpr std::uint8_t ack = 0x10;
} // namespace tcp_flags

/// tshark's tcp.completeness bits (Wireshark User's Guide, "TCP Conversation Completeness").
namespace completeness {
inline constexpr int syn = 1, syn_ack = 2, ack = 4, data = 8, fin = 16, rst = 32;
} // namespace completeness

struct packet_record {
    std::uint64_t id = 0;          ///< frame number, 1-based, as tshark counts (all frames)
    std::int64_t timestamp_ns = 0; ///< since the Unix epoch
    ip_address src, dst;           ///< family tells the IP version
    std::uint16_t src_port = 0, dst_port = 0;
    transport proto = transport::tcp;

    // TCP only. A CSV carries completeness and time_relative but no flags; a capture carries all.
    std::optional<std::uint8_t> tcp_flags; ///< raw flag byte (tcp_flags:: bits)
    std::uint32_t tcp_seq = 0;
    std::int16_t tcp_completeness = -1;     ///< tshark single-pass value; -1 for UDP
    std::int64_t tcp_time_relative_ns = -1; ///< since the stream's first packet; -1 for UDP
    std::uint32_t tcp_payload_len = 0;      ///< only known from captures

    std::optional<mac_address> src_mac, dst_mac; ///< where the link layer has them

    [[nodiscard]] constexpr bool is_tcp() const { return proto == transport::tcp; }
    [[nodiscard]] constexpr bool is_udp() const { return proto == transport::udp; }
    [[nodiscard]] constexpr ip_family family() const { return src.family; }
};

} // namespace v0
} // namespace fwsize::io
