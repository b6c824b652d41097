// ip_layer — IPv4 (with options) and IPv6 (walking extension headers) down to the transport header.
#pragma once

#include <algorithm>
#include <cstdint>

#include <fwsize/io/detail/byte_order.hpp>
#include <fwsize/io/ip_address.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

enum class ip_status : std::uint8_t { transport, fragment, icmp, tunnel, other, malformed, truncated };

struct ip_view {
    ip_status status = ip_status::malformed;
    ip_address src, dst;
    std::uint8_t proto = 0;        ///< IP protocol of the transport header
    std::uint32_t l4_offset = 0;   ///< from the start of the IP header
    std::uint32_t l4_length = 0;   ///< transport bytes on the wire (IP lengths, within the frame)
    std::uint32_t l4_declared = 0; ///< transport bytes the IP header claims (may exceed the frame)
    // Fragments: identification, byte offset of this piece, more-fragments flag.
    bool fragmented = false, more_fragments = false;
    std::uint32_t frag_id = 0, frag_offset = 0;
};

inline ip_status classify_protocol(std::uint8_t proto) {
    switch (proto) {
    case 6:
    case 17:
        return ip_status::transport;
    case 1:
    case 58:
        return ip_status::icmp;
    case 4:   // IP in IP
    case 41:  // IPv6 in IP
    case 47:  // GRE
    case 50:  // ESP
    case 97:  // EtherIP
    case 115: // L2TPv3
    case 137: // MPLS in IP
        return ip_status::tunnel;
    default:
        return ip_status::other;
    }
}

/// `wire` is the frame's remaining length on the wire (not just captured), for TSO frames whose
/// total-length field is 0.
inline ip_view decode_ipv4(const std::uint8_t* p, std::uint32_t caplen, std::uint32_t wire) {
    ip_view v;
    if (caplen < 20) return v.status = ip_status::truncated, v;
    const std::uint32_t ihl = (p[0] & 0x0Fu) * 4u;
    if ((p[0] >> 4) != 4 || ihl < 20) return v;
    std::uint32_t total = load_be16(p + 2);
    if (total == 0) total = wire; // TCP segmentation offload: length left for the NIC to fill in
    if (total < ihl) return v;
    if (caplen < ihl) return v.status = ip_status::truncated, v;
    const std::uint32_t declared = total;
    if (total > wire) total = wire; // the dissector never reads past the frame
    v.src = ip_address::v4_from_bytes(p + 12);
    v.dst = ip_address::v4_from_bytes(p + 16);
    v.proto = p[9];
    v.l4_offset = ihl;
    v.l4_length = total - ihl;
    v.l4_declared = declared - ihl;
    const std::uint16_t frag = load_be16(p + 6);
    v.more_fragments = (frag & 0x2000u) != 0;
    v.frag_offset = (frag & 0x1FFFu) * 8u;
    v.fragmented = v.more_fragments || v.frag_offset != 0;
    v.frag_id = load_be16(p + 4);
    // IPsec AH is not a tunnel: the transport header follows it.
    while (v.proto == 51 && v.frag_offset == 0) {
        if (caplen < v.l4_offset + 8 || v.l4_length < 8) return v.status = ip_status::truncated, v;
        const std::uint32_t len = (p[v.l4_offset + 1] + 2u) * 4u;
        if (len > v.l4_length) return v.status = ip_status::malformed, v;
        v.proto = p[v.l4_offset];
        v.l4_offset += len;
        v.l4_length -= len;
        v.l4_declared -= std::min(len, v.l4_declared);
    }
    v.status = v.fragmented ? ip_status::fragment : classify_protocol(v.proto);
    return v;
}

inline ip_view decode_ipv6(const std::uint8_t* p, std::uint32_t caplen, std::uint32_t wire) {
    ip_view v;
    if (caplen < 40) return v.status = ip_status::truncated, v;
    if ((p[0] >> 4) != 6) return v;
    std::uint32_t plen = load_be16(p + 4);
    // A zero length is a jumbogram only with a hop-by-hop header (RFC 2675); tshark stops otherwise.
    if (plen == 0 && p[6] != 0) return v;
    std::uint32_t declared = plen == 0 ? wire - 40 : plen;
    if (plen == 0 || plen > wire - 40) plen = wire - 40;
    v.src = ip_address::v6_from_bytes(p + 8);
    v.dst = ip_address::v6_from_bytes(p + 24);
    std::uint8_t next = p[6];
    std::uint32_t at = 40, left = plen;
    for (int hops = 0; hops < 32; ++hops) {
        if (next == 0 || next == 43 || next == 60 || next == 51 || next == 44) {
            if (caplen < at + 8 || left < 8) return v.status = ip_status::truncated, v;
            std::uint32_t len = next == 51 ? (p[at + 1] + 2u) * 4u : next == 44 ? 8u : (p[at + 1] + 1u) * 8u;
            if (len > left) return v.status = ip_status::malformed, v;
            if (next == 44) {
                const std::uint16_t off = load_be16(p + at + 2);
                v.frag_offset = off & 0xFFF8u;
                v.more_fragments = (off & 1u) != 0;
                // An atomic fragment (offset 0, no more) is a whole datagram (RFC 6946).
                v.fragmented = v.fragmented || v.more_fragments || v.frag_offset != 0;
                v.frag_id = load_be32(p + at + 4);
            }
            next = p[at];
            at += len;
            left -= len;
            declared -= std::min(len, declared);
            continue;
        }
        v.proto = next;
        v.l4_offset = at;
        v.l4_length = left;
        v.l4_declared = declared;
        if (next == 59) return v.status = ip_status::other, v; // no next header
        v.status = v.fragmented ? ip_status::fragment : classify_protocol(next);
        return v;
    }
    return v; // an extension-header chain this long is not a real packet
}

/// Dispatches on the version nibble.
inline ip_view decode_ip(const std::uint8_t* p, std::uint32_t caplen, std::uint32_t wire) {
    ip_view v;
    if (caplen < 1) return v.status = ip_status::truncated, v;
    if ((p[0] >> 4) == 4) return decode_ipv4(p, caplen, wire);
    if ((p[0] >> 4) == 6) return decode_ipv6(p, caplen, wire);
    return v;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::io
