// ip_text — greedy parsers for the plain text forms of IP addresses, for the CSV reader's hot
// path. Each reads from p and stops at the first character that cannot continue the address,
// returning where it stopped (the caller checks that a field ends there), or nullptr when the
// text is not in the plain form. They accept a subset of what inet_pton accepts and give the same
// bytes (tests/runtime/io/ip_text_test.cpp checks both against inet_pton); anything else — an
// embedded IPv4 tail, a zone — goes to inet_pton through ip_address::parse.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

inline constexpr auto hex_digit_table = [] {
    std::array<signed char, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[static_cast<std::size_t>(c)] = static_cast<signed char>(c >= '0' && c <= '9'   ? c - '0'
                                                                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                                         : -1);
    return t;
}();

/// 0..15, or -1 for a character that is not a hex digit (one table load: the IPv6 parser's inner loop).
constexpr int hex_digit_value(char c) {
    return hex_digit_table[static_cast<unsigned char>(c)];
}

/// Dotted quad, each part 0..255 with no leading zero (as csv_parse_ipv4). `p` must be followed
/// somewhere by a character that is not a digit or '.' (the reader's rows end in '\n').
inline const char* parse_ipv4_text(const char* p, std::uint8_t out[4]) {
    for (int k = 0; k < 4; ++k) {
        if (k > 0) {
            if (*p != '.') return nullptr;
            ++p;
        }
        const char* s = p;
        unsigned v = 0;
        while (p - s < 3 && static_cast<unsigned>(*p - '0') < 10) v = v * 10 + static_cast<unsigned>(*p++ - '0');
        if (p == s || v > 255 || (p - s > 1 && *s == '0')) return nullptr;
        out[k] = static_cast<std::uint8_t>(v);
    }
    return p;
}

/// RFC 4291 hex groups with at most one "::" (no embedded IPv4, no zone). Same precondition.
inline const char* parse_ipv6_text(const char* p, std::uint8_t out[16]) {
    std::array<std::uint16_t, 8> g{};
    int n = 0, gap = -1;
    if (*p == ':') {
        if (p[1] != ':') return nullptr;
        gap = 0;
        p += 2;
        if (hex_digit_value(*p) < 0) goto done; // "::" alone
    }
    for (;;) {
        unsigned v = 0;
        const char* s = p;
        for (int d; p - s < 4 && (d = hex_digit_value(*p)) >= 0; ++p) v = v * 16 + static_cast<unsigned>(d);
        if (p == s || hex_digit_value(*p) >= 0 || n == 8) return nullptr; // empty or > 4 digits
        g[static_cast<std::size_t>(n++)] = static_cast<std::uint16_t>(v);
        if (*p == '.') return nullptr; // an IPv4 tail: inet_pton's business
        if (*p != ':') break;
        if (p[1] == ':') {
            if (gap >= 0) return nullptr;
            gap = n;
            p += 2;
            if (hex_digit_value(*p) < 0) break; // trailing "::"
        } else {
            ++p;
        }
    }
done:
    if (*p == ':' || *p == '.') return nullptr;
    if (gap < 0 ? n != 8 : n > 7) return nullptr;
    // Groups after the gap move to the end; the gap is zeros.
    std::array<std::uint16_t, 8> w{};
    const int tail = gap < 0 ? 0 : n - gap;
    for (int i = 0; i < n - tail; ++i) w[static_cast<std::size_t>(i)] = g[static_cast<std::size_t>(i)];
    for (int i = 0; i < tail; ++i)
        w[static_cast<std::size_t>(8 - tail + i)] = g[static_cast<std::size_t>(n - tail + i)];
    for (std::size_t i = 0; i < 8; ++i) {
        out[2 * i] = static_cast<std::uint8_t>(w[i] >> 8);
        out[2 * i + 1] = static_cast<std::uint8_t>(w[i] & 0xFF);
    }
    return p;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::io
