// swar_digits — decimal digits and field ends eight bytes at a time (SIMD within a register): the
// chunked CSV scan's number fields are runs of 1–13 digits, and a byte loop spends most of a row's
// instructions on them. Callers must be allowed to read 8 bytes from `p` (csv_standard_row.hpp
// keeps 16 bytes of slack before the end of the text).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace fwsize::io {
inline namespace v0 {
namespace detail::swar {

inline constexpr std::uint64_t ones = 0x0101010101010101ULL;

inline std::uint64_t load8(const char* p) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    return x; // little-endian: p[0] is the lowest byte
}

/// How many of the 8 bytes at p, from the first, are ASCII digits (0–8).
inline int leading_digits(const char* p) {
    const std::uint64_t a = load8(p) ^ (ones * '0'); // a digit becomes 0..9
    // High bit of a byte set iff it is not 0..9: (a & 0x7F) + 0x76 cannot carry into the next byte.
    const std::uint64_t not_digit = ((((a & (ones * 0x7F)) + ones * 0x76)) | a) & (ones * 0x80);
    return not_digit ? std::countr_zero(not_digit) / 8 : 8;
}

/// The value of the first n (1..8) bytes at p, all digits.
inline std::uint64_t digits_value(const char* p, int n) {
    std::uint64_t x = (load8(p) ^ (ones * '0')) << (8 * (8 - n)); // leading zero digits pad on the left
    x = x * 10 + (x >> 8);                                        // pairs: 10 d0 + d1 in every other byte
    return (((x & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
            (((x >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >>
           32;
}

/// The first ',' or '\n' at or after p (one must follow within the readable text).
inline const char* field_end(const char* p) {
    for (;; p += 8) {
        const std::uint64_t x = load8(p);
        const std::uint64_t c = x ^ (ones * ','), n = x ^ (ones * '\n');
        // The lowest flagged byte is exactly the first zero byte (higher flags may be false).
        const std::uint64_t hit = (((c - ones) & ~c) | ((n - ones) & ~n)) & (ones * 0x80);
        if (hit) return p + std::countr_zero(hit) / 8;
    }
}

} // namespace detail::swar
} // namespace v0
} // namespace fwsize::io
