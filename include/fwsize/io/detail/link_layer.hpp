// link_layer — from a frame's link-layer header to the network-layer bytes it carries.
#pragma once

#include <cstdint>
#include <optional>

#include <fwsize/io/detail/byte_order.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

/// Link types (LINKTYPE_* values as stored in pcap and pcapng files) this reader decodes.
namespace linktype {
inline constexpr std::uint32_t null = 0, ethernet = 1, raw_12 = 12, raw_14 = 14, raw = 101, loop = 108, linux_sll = 113,
                               ipv4 = 228, ipv6 = 229, linux_sll2 = 276;
}

enum class link_status : std::uint8_t { ip, non_ip, tunnel, truncated, unsupported };

struct link_view {
    link_status status = link_status::unsupported;
    std::uint32_t network_offset = 0; ///< where the IP header starts
    std::optional<mac_address> src_mac, dst_mac;
};

inline bool supported_linktype(std::uint32_t lt) {
    using namespace linktype;
    return lt == null || lt == ethernet || lt == raw_12 || lt == raw_14 || lt == raw || lt == loop || lt == linux_sll ||
           lt == ipv4 || lt == ipv6 || lt == linux_sll2;
}

/// Classifies an EtherType found after `at` bytes of link header.
inline link_status classify_ethertype(std::uint16_t type) {
    switch (type) {
    case 0x0800:
    case 0x86DD:
        return link_status::ip;
    case 0x8863: // PPPoE discovery / session
    case 0x8864:
    case 0x8847: // MPLS unicast / multicast
    case 0x8848:
    case 0x88BE: // ERSPAN
    case 0x6558: // transparent Ethernet bridging
        return link_status::tunnel;
    default:
        return link_status::non_ip;
    }
}

/// Ethernet II / 802.3 with any number of 802.1Q, 802.1ad (and pre-standard 0x9100) tags.
inline link_view decode_ethernet(const std::uint8_t* p, std::uint32_t caplen) {
    link_view v;
    if (caplen < 14) return v.status = link_status::truncated, v;
    mac_address d, s;
    for (int i = 0; i < 6; ++i) d[i] = p[i], s[i] = p[6 + i];
    v.dst_mac = d;
    v.src_mac = s;
    std::uint32_t at = 12;
    std::uint16_t type = load_be16(p + at);
    while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
        at += 4;
        if (caplen < at + 2) return v.status = link_status::truncated, v;
        type = load_be16(p + at);
    }
    at += 2;
    if (type <= 1500) {
        // 802.3 length field: only LLC/SNAP with OUI 0 carries an EtherType (RFC 1042).
        if (caplen >= at + 8 && p[at] == 0xAA && p[at + 1] == 0xAA && p[at + 2] == 0x03 && p[at + 3] == 0 &&
            p[at + 4] == 0 && p[at + 5] == 0) {
            type = load_be16(p + at + 6);
            at += 8;
        } else {
            return v.status = link_status::non_ip, v;
        }
    }
    v.status = classify_ethertype(type);
    v.network_offset = at;
    return v;
}

/// Linux cooked capture v1 (16-byte header) and v2 (20 bytes).
inline link_view decode_sll(const std::uint8_t* p, std::uint32_t caplen, bool v2) {
    link_view v;
    const std::uint32_t hdr = v2 ? 20 : 16;
    if (caplen < hdr) return v.status = link_status::truncated, v;
    const std::uint16_t proto = v2 ? load_be16(p) : load_be16(p + 14);
    const std::uint16_t arphrd = v2 ? load_be16(p + 8) : load_be16(p + 2);
    const std::uint16_t pkttype = v2 ? p[10] : load_be16(p);
    const std::uint16_t addrlen = v2 ? p[11] : load_be16(p + 4);
    const std::uint8_t* addr = p + (v2 ? 12 : 6);
    // The address is the sender's link address; 4 = PACKET_OUTGOING (sent by this host).
    if (addrlen == 6 && (arphrd == 1 || arphrd == 772)) {
        mac_address m;
        for (int i = 0; i < 6; ++i) m[i] = addr[i];
        v.src_mac = m;
    }
    (void)pkttype;
    v.status = classify_ethertype(proto);
    v.network_offset = hdr;
    return v;
}

/// BSD null (AF in the capturing host's byte order) and loop (AF in network byte order).
inline link_view decode_null(const std::uint8_t* p, std::uint32_t caplen, bool network_order) {
    link_view v;
    if (caplen < 4) return v.status = link_status::truncated, v;
    std::uint32_t af = network_order ? load_be32(p) : load_le32(p);
    // A host-order value from a big-endian host reads byte-swapped: AF values are small.
    if (!network_order && (af & 0xFFFF0000u) != 0) af = load_be32(p);
    v.network_offset = 4;
    switch (af) {
    case 2: // AF_INET everywhere
    case 10:
    case 24:
    case 28:
    case 30: // AF_INET6: Linux, BSDs, FreeBSD, Darwin
        v.status = link_status::ip;
        break;
    default:
        v.status = link_status::non_ip;
    }
    return v;
}

/// Dispatches on the link type; `unsupported` for anything this reader does not decode.
inline link_view decode_link(std::uint32_t lt, const std::uint8_t* p, std::uint32_t caplen) {
    switch (lt) {
    case linktype::ethernet:
        return decode_ethernet(p, caplen);
    case linktype::linux_sll:
        return decode_sll(p, caplen, false);
    case linktype::linux_sll2:
        return decode_sll(p, caplen, true);
    case linktype::null:
        return decode_null(p, caplen, false);
    case linktype::loop:
        return decode_null(p, caplen, true);
    case linktype::raw_12:
    case linktype::raw_14:
    case linktype::raw:
    case linktype::ipv4: { // tshark's IPv4 dissector hands a version-6 header on to IPv6
        link_view v;
        v.status = link_status::ip;
        return v;
    }
    case linktype::ipv6: {
        // IPv6 only: tshark decodes nothing else on this link type.
        link_view v;
        v.status = caplen >= 1 && (p[0] >> 4) == 6 ? link_status::ip : link_status::non_ip;
        return v;
    }
    default:
        return {};
    }
}

} // namespace detail
} // namespace v0
} // namespace fwsize::io
