// flow_key — a connection's identity seen from the host: protocol, local end, remote end. The same
// key comes out of both directions of a conversation. For packets between two non-local
// addresses the lower endpoint is put first, so the key is still direction-free.
#pragma once

#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>

#include <fwsize/io/ip_address.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

struct endpoint {
    io::ip_address addr;
    std::uint16_t port = 0;
    friend constexpr auto operator<=>(const endpoint&, const endpoint&) = default;
    friend constexpr bool operator==(const endpoint&, const endpoint&) = default;
};

/// Which way a packet goes relative to the host. `foreign`: neither end is a local address.
enum class direction : std::uint8_t { outbound, inbound, foreign };

struct flow_key {
    io::transport proto = io::transport::tcp;
    endpoint local, remote; ///< for foreign traffic: the lower and the higher endpoint
    friend constexpr bool operator==(const flow_key&, const flow_key&) = default;
};

/// The key of `r` given its direction.
inline flow_key key_of(const io::packet_record& r, direction d) {
    const endpoint s{r.src, r.src_port}, t{r.dst, r.dst_port};
    if (d == direction::outbound) return {r.proto, s, t};
    if (d == direction::inbound) return {r.proto, t, s};
    return s < t ? flow_key{r.proto, s, t} : flow_key{r.proto, t, s};
}

struct flow_key_hash {
    std::size_t operator()(const flow_key& k) const noexcept {
        const std::hash<io::ip_address> h;
        std::size_t x = h(k.local.addr) * 0x9E3779B97F4A7C15ull;
        x ^= h(k.remote.addr) + 0x7F4A7C159E3779B9ull + (x << 6) + (x >> 2);
        x ^= (std::size_t{k.local.port} << 24) ^ (std::size_t{k.remote.port} << 8) ^ std::size_t(k.proto);
        return x * 0xBF58476D1CE4E5B9ull ^ (x >> 31);
    }
};

} // namespace v0
} // namespace fwsize::flow
