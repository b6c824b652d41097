// swar_digits — decimal digits and field ends eight bytes at a time (SIMD within a register): the
// chunked CSV scan's number fields are runs of 1–13 digits, and a byte loop spends most of a row's
// instructions on them. Callers must be allowed to read 16 bytes from `p` (the chunked scan uses
// csv_standard_row.hpp only on rows whose line break is 16 bytes or more before the end of the text).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fwsize::io {
inline namespace v0 {
namespace detail::swar {

inline constexpr std::uint64_t ones = 0x0101010101010101ULL;

// A few instructions each, called a dozen times a row from one large function: GCC's inliner
// otherwise leaves some as calls (callgrind: a tenth of the row's instructions were call overhead).
#if defined(__GNUC__)
#define FWSIZE_SWAR_INLINE [[gnu::always_inline]] inline
#else
#define FWSIZE_SWAR_INLINE inline
#endif

FWSIZE_SWAR_INLINE std::uint64_t load8(const char* p) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    return x; // little-endian: p[0] is the lowest byte
}

/// How many of the 8 bytes at p, from the first, are ASCII digits (0–8).
FWSIZE_SWAR_INLINE int leading_digits(const char* p) {
    const std::uint64_t a = load8(p) ^ (ones * '0'); // a digit becomes 0..9
    // High bit of a byte set iff it is not 0..9: (a & 0x7F) + 0x76 cannot carry into the next byte.
    const std::uint64_t not_digit = ((((a & (ones * 0x7F)) + ones * 0x76)) | a) & (ones * 0x80);
    return not_digit ? std::countr_zero(not_digit) / 8 : 8;
}

/// How many of the 16 bytes at p, from the first, are ASCII digits (0–16).
FWSIZE_SWAR_INLINE int leading_digits16(const char* p) {
#if defined(__SSE2__)
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compares: bytes >= 0x80 are negative, so below '0' too.
    const __m128i out = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8('0')), _mm_cmpgt_epi8(x, _mm_set1_epi8('9')));
    return std::countr_zero(static_cast<unsigned>(_mm_movemask_epi8(out)) | 0x10000u);
#else
    const int n = leading_digits(p);
    return n < 8 ? n : 8 + leading_digits(p + 8);
#endif
}

/// Whether the first n (0..8) bytes at p are all '0'.
FWSIZE_SWAR_INLINE bool all_zero_digits(const char* p, int n) {
    const std::uint64_t a = load8(p) ^ (ones * '0');
    return n == 0 || (a << (8 * (8 - n))) == 0;
}

/// The value of 8 ASCII digits held in a word (the first in its lowest byte).
FWSIZE_SWAR_INLINE std::uint64_t digits_value8(std::uint64_t text) {
    std::uint64_t x = text ^ (ones * '0');
    x = x * 10 + (x >> 8); // pairs: 10 d0 + d1 in every other byte
    return (((x & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
            (((x >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >>
           32;
}

/// The value of the first n (1..8) bytes at p, all digits.
FWSIZE_SWAR_INLINE std::uint64_t digits_value(const char* p, int n) {
    std::uint64_t x = (load8(p) ^ (ones * '0')) << (8 * (8 - n)); // leading zero digits pad on the left
    x = x * 10 + (x >> 8);                                        // pairs: 10 d0 + d1 in every other byte
    return (((x & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
            (((x >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >>
           32;
}

/// The first ',' or '\n' at or after p (one must follow, with 16 readable bytes after it).
FWSIZE_SWAR_INLINE const char* field_end(const char* p) {
#if defined(__SSE2__) // x86-64's baseline: 16 bytes a step (an address field is 7–39)
    const __m128i comma = _mm_set1_epi8(','), nl = _mm_set1_epi8('\n');
    for (;; p += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const int hit = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, nl)));
        if (hit) return p + std::countr_zero(static_cast<unsigned>(hit));
    }
#endif
    for (;; p += 8) {
        const std::uint64_t x = load8(p);
        const std::uint64_t c = x ^ (ones * ','), n = x ^ (ones * '\n');
        // The lowest flagged byte is exactly the first zero byte (higher flags may be false).
        const std::uint64_t hit = (((c - ones) & ~c) | ((n - ones) & ~n)) & (ones * 0x80);
        if (hit) return p + std::countr_zero(hit) / 8;
    }
}

/// a[0, n) == b[0, n), in 16- or 8-byte words that stay inside both texts (the last one
/// overlaps); a memcmp call cost a third of a cache hit in the chunked scan's text caches.
FWSIZE_SWAR_INLINE bool same_bytes(const char* a, const char* b, std::size_t n) {
#if defined(__SSE2__)
    if (n >= 16) {
        const auto load16 = [](const char* q) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q)); };
        for (std::size_t i = 0; i + 16 < n; i += 16)
            if (_mm_movemask_epi8(_mm_cmpeq_epi8(load16(a + i), load16(b + i))) != 0xFFFF) return false;
        return _mm_movemask_epi8(_mm_cmpeq_epi8(load16(a + n - 16), load16(b + n - 16))) == 0xFFFF;
    }
#endif
    if (n < 8) return std::memcmp(a, b, n) == 0;
    std::uint64_t diff = 0;
    for (std::size_t i = 0; i + 8 < n; i += 8) diff |= load8(a + i) ^ load8(b + i);
    return (diff | (load8(a + n - 8) ^ load8(b + n - 8))) == 0;
}

} // namespace detail::swar
} // namespace v0
} // namespace fwsize::io
