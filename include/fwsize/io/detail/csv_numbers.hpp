// csv_numbers — exact text-to-integer conversions for the CSV reader: decimal fixed-point text
// becomes integer nanoseconds by digit arithmetic (no floating point, so no rounding), and dotted
// IPv4 text is parsed without a libc call on the hot path.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <fwsize/io/ip_address.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

constexpr bool csv_is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// Unsigned decimal integer no larger than `max`; nullopt for anything else (empty, sign, junk).
constexpr std::optional<std::uint64_t> csv_parse_uint(std::string_view s, std::uint64_t max) {
    if (s.empty() || s.size() > 20) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (!csv_is_digit(c)) return std::nullopt;
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (v > (max - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

/// "INT[.FRAC]" in units of 10^-frac_digits of the text's unit, as an integer: with frac_digits = 6
/// "1320279554496.3005" ms -> 1320279554496300500 ns. Digits beyond frac_digits are below the
/// integer unit and are truncated (they must still be digits). nullopt on junk or overflow.
constexpr std::optional<std::int64_t> csv_parse_fixed(std::string_view s, int frac_digits) {
    std::size_t i = 0;
    std::uint64_t v = 0;
    constexpr std::uint64_t limit = static_cast<std::uint64_t>(INT64_MAX);
    bool any = false;
    for (; i < s.size() && csv_is_digit(s[i]); ++i) {
        const auto d = static_cast<std::uint64_t>(s[i] - '0');
        if (v > (limit - d) / 10) return std::nullopt;
        v = v * 10 + d;
        any = true;
    }
    int taken = 0;
    if (i < s.size()) {
        if (s[i] != '.') return std::nullopt;
        ++i;
        if (i == s.size() && !any) return std::nullopt;
        for (; i < s.size(); ++i) {
            if (!csv_is_digit(s[i])) return std::nullopt;
            any = true;
            if (taken < frac_digits) {
                const auto d = static_cast<std::uint64_t>(s[i] - '0');
                if (v > (limit - d) / 10) return std::nullopt;
                v = v * 10 + d;
                ++taken;
            }
        }
    }
    if (!any) return std::nullopt;
    for (; taken < frac_digits; ++taken) {
        if (v > limit / 10) return std::nullopt;
        v *= 10;
    }
    return static_cast<std::int64_t>(v);
}

/// Dotted-quad IPv4 ("192.168.2.76"), each part 0..255 without leading zeros beyond one digit.
constexpr std::optional<ip_address> csv_parse_ipv4(std::string_view s) {
    std::uint8_t part[4]{};
    std::size_t i = 0;
    for (int k = 0; k < 4; ++k) {
        if (k > 0) {
            if (i >= s.size() || s[i] != '.') return std::nullopt;
            ++i;
        }
        const std::size_t start = i;
        unsigned v = 0;
        while (i < s.size() && csv_is_digit(s[i]) && i - start < 3) v = v * 10 + unsigned(s[i++] - '0');
        const std::size_t len = i - start;
        if (len == 0 || v > 255 || (len > 1 && s[start] == '0')) return std::nullopt;
        part[k] = static_cast<std::uint8_t>(v);
    }
    if (i != s.size()) return std::nullopt;
    return ip_address::v4(part[0], part[1], part[2], part[3]);
}

/// IPv4 by the fast path, IPv6 (any RFC 4291 form) through ip_address::parse.
inline std::optional<ip_address> csv_parse_ip(std::string_view s) {
    if (s.find(':') == std::string_view::npos) return csv_parse_ipv4(s);
    return ip_address::parse(s);
}

} // namespace detail
} // namespace v0
} // namespace fwsize::io
