// frame_pipeline — what both capture readers do with one frame: link layer, IP, reassembly,
// TCP/UDP header, tshark stream state; a record, or a skip counted by reason.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include <fwsize/io/detail/byte_order.hpp>
#include <fwsize/io/detail/ip_layer.hpp>
#include <fwsize/io/detail/ip_reassembly.hpp>
#include <fwsize/io/detail/link_layer.hpp>
#include <fwsize/io/packet_record.hpp>
#include <fwsize/io/read_report.hpp>
#include <fwsize/io/tcp_stream_tracker.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

/// Skip reasons, as they appear in read_report::skipped.
namespace skip_reason {
inline const std::string non_ip = "non-IP frame";
inline const std::string tunnel = "tunnel (out of scope)";
inline const std::string icmp = "ICMP";
inline const std::string other_proto = "other IP protocol";
inline const std::string fragment = "IP fragment (not the completing one)";
inline const std::string malformed = "malformed IP/TCP/UDP header";
inline const std::string truncated = "truncated by snaplen before the ports";
inline std::string link_type(std::uint32_t lt) {
    return "link type " + std::to_string(lt);
}
} // namespace skip_reason

class frame_pipeline {
public:
    explicit frame_pipeline(read_report& report) : report_(&report) {}

    /// Decodes one frame; true when `r` now holds a record (id and timestamp already set by the caller).
    bool process(std::uint32_t lt, const std::uint8_t* p, std::uint32_t caplen, std::uint32_t wire, packet_record& r) {
        wire = std::max(wire, caplen);
        const link_view link = decode_link(lt, p, caplen);
        switch (link.status) {
        case link_status::ip:
            break;
        case link_status::unsupported:
            return skip(skip_reason::link_type(lt));
        case link_status::non_ip:
            return skip(skip_reason::non_ip);
        case link_status::tunnel:
            return skip(skip_reason::tunnel);
        case link_status::truncated:
            return skip(skip_reason::truncated);
        }
        const std::uint32_t at = link.network_offset;
        if (at > caplen) return skip(skip_reason::truncated);
        const ip_view ip = decode_ip(p + at, caplen - at, wire - at);
        const std::uint32_t ip_cap = caplen - at;
        const std::uint8_t* l4 = p + at + ip.l4_offset;
        std::uint32_t l4_cap = ip.l4_offset <= ip_cap ? std::min(ip_cap - ip.l4_offset, ip.l4_length) : 0;
        std::uint32_t l4_len = ip.l4_length;
        ip_reassembly::datagram whole;
        switch (ip.status) {
        case ip_status::transport:
            break;
        case ip_status::fragment:
            if (l4_cap >= ip.l4_declared && ip.l4_declared > 0) {
                // Fully captured pieces are reassembled; the datagram shows on its last piece.
                if (!frag_.add(ip.src, ip.dst, ip.frag_id, ip.proto, ip.frag_offset, ip.l4_length, ip.more_fragments,
                               l4, whole))
                    return skip(skip_reason::fragment);
                l4 = whole.head.data();
                l4_cap = whole.head_len;
                l4_len = whole.total;
            } else if (ip.frag_offset != 0) {
                return skip(skip_reason::fragment);
            } // else: a truncated first piece is decoded as it stands
            if (classify_protocol(ip.proto) != ip_status::transport) return skip_for(classify_protocol(ip.proto));
            break;
        default:
            return skip_for(ip.status);
        }
        r.src = ip.src;
        r.dst = ip.dst;
        r.src_mac = link.src_mac;
        r.dst_mac = link.dst_mac;
        if (ip.proto == 17) {
            // tshark shows the ports of a UDP header cut short after them.
            if (l4_cap < 4) return skip(skip_reason::truncated);
            if (const std::uint32_t in = teredo_inner(l4, l4_cap)) {
                // tshark shows the IPv6 packet inside: ICMPv6 drops the row, TCP/UDP replaces it.
                const ip_view inner = decode_ipv6(l4 + in, l4_cap - in, std::max(l4_len, l4_cap) - in);
                if (inner.status == ip_status::icmp) return skip(skip_reason::icmp);
                if (inner.status == ip_status::transport) return skip(skip_reason::tunnel);
            }
            r.proto = transport::udp;
            r.src_port = load_be16(l4);
            r.dst_port = load_be16(l4 + 2);
            r.tcp_flags.reset();
            r.tcp_seq = 0;
            r.tcp_payload_len = 0;
            r.tcp_completeness = -1;
            r.tcp_time_relative_ns = -1;
            return true;
        }
        if (l4_cap < 20) return skip(skip_reason::truncated);
        const std::uint32_t thl = (l4[12] >> 4) * 4u;
        if (thl < 20 || thl > l4_len) return skip(skip_reason::malformed);
        r.proto = transport::tcp;
        r.src_port = load_be16(l4);
        r.dst_port = load_be16(l4 + 2);
        r.tcp_seq = load_be32(l4 + 4);
        r.tcp_flags = l4[13];
        r.tcp_payload_len = l4_len - thl;
        tracker_.update(r);
        return true;
    }

    [[nodiscard]] const tcp_stream_tracker& tracker() const { return tracker_; }

private:
    /// Teredo (RFC 4380, UDP port 3544): tshark decodes the IPv6 packet inside, which is out of
    /// scope here like every tunnel.
    /// Offset of the IPv6 header inside a Teredo datagram, 0 when it is none.
    static std::uint32_t teredo_inner(const std::uint8_t* udp, std::uint32_t cap) {
        if (load_be16(udp) != 3544 && load_be16(udp + 2) != 3544) return 0;
        std::uint32_t at = 8;
        if (cap >= at + 4 && udp[at] == 0 && udp[at + 1] == 1) // authentication indicator
            at += 13 + udp[at + 2] + udp[at + 3];
        if (cap >= at + 8 && udp[at] == 0 && udp[at + 1] == 0) at += 8; // origin indication
        return cap >= at + 40 && (udp[at] >> 4) == 6 ? at : 0;
    }
    bool skip(const std::string& why) {
        report_->skip(why);
        return false;
    }
    bool skip_for(ip_status s) {
        switch (s) {
        case ip_status::icmp:
            return skip(skip_reason::icmp);
        case ip_status::tunnel:
            return skip(skip_reason::tunnel);
        case ip_status::other:
            return skip(skip_reason::other_proto);
        case ip_status::truncated:
            return skip(skip_reason::truncated);
        case ip_status::fragment:
            return skip(skip_reason::fragment);
        default:
            return skip(skip_reason::malformed);
        }
    }

    read_report* report_;
    ip_reassembly frag_;
    tcp_stream_tracker tracker_;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::io
