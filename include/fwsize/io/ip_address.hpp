// ip_address — an IPv4 or IPv6 address in compact binary form (never kept as text).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <arpa/inet.h>

#include <fwsize/io/detail/ip_text.hpp>

namespace fwsize::io {
inline namespace v0 {

enum class ip_family : std::uint8_t { none = 0, v4 = 4, v6 = 6 };

/// 16 bytes + family. IPv4 sits in bytes [0, 4); the rest stay zero, so equality and ordering
/// are plain byte comparisons.
struct ip_address {
    std::array<std::uint8_t, 16> bytes{};
    ip_family family = ip_family::none;

    static constexpr ip_address v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
        ip_address r;
        r.family = ip_family::v4;
        r.bytes[0] = a, r.bytes[1] = b, r.bytes[2] = c, r.bytes[3] = d;
        return r;
    }
    static ip_address v4_from_bytes(const std::uint8_t* p) {
        ip_address r;
        r.family = ip_family::v4;
        std::memcpy(r.bytes.data(), p, 4);
        return r;
    }
    static ip_address v6_from_bytes(const std::uint8_t* p) {
        ip_address r;
        r.family = ip_family::v6;
        std::memcpy(r.bytes.data(), p, 16);
        return r;
    }

    /// Parses dotted-quad IPv4 or any RFC 4291 IPv6 text form; nullopt when it is neither.
    static std::optional<ip_address> parse(std::string_view text) {
        char buf[INET6_ADDRSTRLEN + 1];
        if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
        std::memcpy(buf, text.data(), text.size());
        buf[text.size()] = '\0';
        ip_address r;
        const char* const stop = buf + text.size();
        if (detail::parse_ipv4_text(buf, r.bytes.data()) == stop) {
            r.family = ip_family::v4;
            return r;
        }
        if (detail::parse_ipv6_text(buf, r.bytes.data()) == stop) { // the plain form, without libc
            r.family = ip_family::v6;
            return r;
        }
        r.bytes = {};
        if (text.find(':') == std::string_view::npos) {
            if (inet_pton(AF_INET, buf, r.bytes.data()) != 1) return std::nullopt;
            r.family = ip_family::v4;
        } else {
            if (inet_pton(AF_INET6, buf, r.bytes.data()) != 1) return std::nullopt;
            r.family = ip_family::v6;
        }
        return r;
    }

    [[nodiscard]] std::string to_string() const {
        char buf[INET6_ADDRSTRLEN];
        if (family == ip_family::v4) return inet_ntop(AF_INET, bytes.data(), buf, sizeof buf);
        if (family == ip_family::v6) return inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
        return "-";
    }

    [[nodiscard]] constexpr bool is_v4() const { return family == ip_family::v4; }
    [[nodiscard]] constexpr bool is_v6() const { return family == ip_family::v6; }

    // By hand rather than defaulted: the defaulted forms call memcmp, 10 % of a capture read's
    // instructions (callgrind). Same order: bytes lexicographically (big-endian words), then family.
    friend constexpr std::strong_ordering operator<=>(const ip_address& a, const ip_address& b) {
        if (const auto c = a.word(0) <=> b.word(0); c != 0) return c;
        if (const auto c = a.word(1) <=> b.word(1); c != 0) return c;
        return a.family <=> b.family;
    }
    friend constexpr bool operator==(const ip_address& a, const ip_address& b) {
        return a.word(0) == b.word(0) && a.word(1) == b.word(1) && a.family == b.family;
    }

private:
    /// Bytes [8i, 8i + 8) as a big-endian number, so that numeric order is byte order.
    [[nodiscard]] constexpr std::uint64_t word(int i) const {
        if (!std::is_constant_evaluated()) { // one load and a byte swap (GCC 12 leaves the byte loop as eight loads)
            std::uint64_t w;
            std::memcpy(&w, bytes.data() + 8 * i, 8);
            if constexpr (std::endian::native == std::endian::little) w = __builtin_bswap64(w);
            return w;
        }
        std::uint64_t w = 0;
        for (int k = 0; k < 8; ++k) w = (w << 8) | bytes[static_cast<std::size_t>(8 * i + k)];
        return w;
    }
};

} // namespace v0
} // namespace fwsize::io

template <>
struct std::hash<fwsize::io::ip_address> {
    std::size_t operator()(const fwsize::io::ip_address& a) const noexcept {
        std::uint64_t lo, hi;
        std::memcpy(&lo, a.bytes.data(), 8);
        std::memcpy(&hi, a.bytes.data() + 8, 8);
        std::uint64_t h = lo * 0x9E3779B97F4A7C15ull ^ (hi + static_cast<std::uint64_t>(a.family));
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
};
