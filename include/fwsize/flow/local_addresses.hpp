// local_addresses — which addresses are the host's, per family, each with its share of the votes,
// and how they were found. Several per family are normal (IPv6 temporary + stable, ULA + global,
// a VPN tunnel).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fwsize/io/ip_address.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

/// How the local addresses were chosen (docs/event-rules.md):
/// - mac:      capture with MACs: the host is the MAC that sends the most stream-opening SYNs
///             (SYN without ACK); every IP it sends from is local; share = its packets' share.
/// - streams:  CSV: per family the addresses that open TCP streams (a stream's first row whose
///             next row shows completeness bit 1), with at least `min_share` of the family's
///             openings and seen as a destination too; share = openings' share.
/// - seed:     the seed's words: per family the single most frequent source of TCP rows with
///             completeness 0 (ties: the one seen first).
/// - override: `--local ADDR...`; share = share of the packets sent from it.
enum class local_method : std::uint8_t { mac, streams, seed, override };

constexpr std::string_view to_string(local_method m) {
    switch (m) {
    case local_method::mac:
        return "host MAC's addresses";
    case local_method::streams:
        return "TCP stream openers";
    case local_method::seed:
        return "seed vote (most completeness-0 TCP rows)";
    case local_method::override:
        return "--local";
    }
    return "?";
}

struct local_address {
    io::ip_address addr;
    std::uint64_t votes = 0; ///< openings (streams/mac: SYNs or packets) or rows (seed)
    double share = 0;        ///< votes / all votes of its family
};

struct local_addresses {
    local_method method = local_method::streams;
    std::optional<io::mac_address> host_mac;
    std::vector<local_address> v4, v6; ///< by votes, descending

    [[nodiscard]] bool contains(const io::ip_address& a) const {
        const auto& v = a.is_v4() ? v4 : v6;
        return std::any_of(v.begin(), v.end(), [&](const local_address& l) { return l.addr == a; });
    }
    [[nodiscard]] bool empty() const { return v4.empty() && v6.empty(); }
};

/// Formats a MAC as aa:bb:cc:dd:ee:ff.
inline std::string to_string(const io::mac_address& m) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < m.size(); ++i) {
        if (i) s += ':';
        s += hex[m[i] >> 4];
        s += hex[m[i] & 15];
    }
    return s;
}

} // namespace v0
} // namespace fwsize::flow
