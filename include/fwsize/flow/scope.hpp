// scope — traffic that never crosses a firewall: multicast (224.0.0.0/4, ff00::/8: mDNS, LLMNR,
// SSDP), broadcast (255.255.255.255, or a frame sent to a group-bit MAC address), link-local
// (169.254.0.0/16, fe80::/10, either end), and what the user excludes (`--exclude CIDR`: a LAN
// resolver, a printer). Everything else is in scope. Counted per category, never dropped silently.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include <fwsize/flow/cidr.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

enum class scope_category : std::uint8_t { in_scope, multicast, broadcast, link_local, excluded };
inline constexpr std::size_t scope_category_count = 5;

constexpr std::string_view to_string(scope_category c) {
    constexpr std::array<std::string_view, scope_category_count> names{"in scope", "multicast", "broadcast",
                                                                       "link-local", "excluded (--exclude)"};
    return names[static_cast<std::size_t>(c)];
}

struct scope_rules {
    std::vector<cidr> exclude; ///< user's on-link hosts and networks
};

namespace detail {
inline bool is_multicast(const io::ip_address& a) {
    return a.is_v4() ? (a.bytes[0] & 0xF0) == 0xE0 : a.bytes[0] == 0xFF;
}
inline bool is_link_local(const io::ip_address& a) {
    return a.is_v4() ? (a.bytes[0] == 169 && a.bytes[1] == 254) : (a.bytes[0] == 0xFE && (a.bytes[1] & 0xC0) == 0x80);
}
inline bool is_limited_broadcast(const io::ip_address& a) {
    return a.is_v4() && a.bytes[0] == 255 && a.bytes[1] == 255 && a.bytes[2] == 255 && a.bytes[3] == 255;
}

/// Scope facts of one address: as a destination (multicast, broadcast) or at either
/// end (link-local, user-excluded).
namespace scope_bit {
inline constexpr std::uint8_t multicast = 1, broadcast = 2, link_local = 4, excluded = 8;
}

inline std::uint8_t scope_bits_of(const io::ip_address& a, const scope_rules& rules) {
    std::uint8_t b = 0;
    if (is_multicast(a)) b |= scope_bit::multicast;
    if (is_limited_broadcast(a)) b |= scope_bit::broadcast;
    if (is_link_local(a)) b |= scope_bit::link_local;
    for (const auto& c : rules.exclude)
        if (c.contains(a)) b |= scope_bit::excluded;
    return b;
}

/// The category scope_of gives a packet from an address with bits `src` to one with bits `dst`
/// (a CSV row has no MAC addresses).
constexpr scope_category scope_from_bits(std::uint8_t src, std::uint8_t dst) {
    if (dst & scope_bit::multicast) return scope_category::multicast;
    if (dst & scope_bit::broadcast) return scope_category::broadcast;
    if ((src | dst) & scope_bit::link_local) return scope_category::link_local;
    if ((src | dst) & scope_bit::excluded) return scope_category::excluded;
    return scope_category::in_scope;
}
} // namespace detail

/// The category of one packet (the first that applies, in enum order). From the addresses' scope
/// facts, the same function the chunked CSV scan applies to interned addresses.
inline scope_category scope_of(const io::packet_record& r, const scope_rules& rules) {
    if (r.dst_mac && ((*r.dst_mac)[0] & 0x01) && !detail::is_multicast(r.dst)) return scope_category::broadcast;
    return detail::scope_from_bits(detail::scope_bits_of(r.src, rules), detail::scope_bits_of(r.dst, rules));
}

/// Packets per category.
struct scope_counts {
    std::array<std::uint64_t, scope_category_count> packets{};
    void add(scope_category c) { ++packets[static_cast<std::size_t>(c)]; }
    [[nodiscard]] std::uint64_t operator[](scope_category c) const { return packets[static_cast<std::size_t>(c)]; }
};

} // namespace v0
} // namespace fwsize::flow
