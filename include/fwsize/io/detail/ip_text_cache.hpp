// ip_text_cache — the CSV hot path's memory of address texts it has already parsed. A capture's
// rows repeat few addresses (the machine's own in every row, a peer for a run of rows), and
// comparing a field with a text seen before costs less than parsing it again (an IPv6 address is
// up to 39 hex digits and colons). Entries point into the reader's text, which outlives the cache.
// A hit gives exactly the bytes the parse gave for the same text, so the reader's records cannot
// change (tests/runtime/io/ip_text_cache_test.cpp, and the fast-vs-general comparisons).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <fwsize/io/detail/swar_digits.hpp>
#include <fwsize/io/ip_address.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

class ip_text_cache {
public:
    /// Texts shorter than this are not cached: the hash reads the last 8 bytes, and a short
    /// dotted quad parses about as fast as it compares.
    static constexpr std::size_t min_length = 8;
    static constexpr std::size_t max_length = 45; // the longest textual IPv6 address

    /// The address parsed earlier from the same text [p, p + n), or nullptr.
    [[nodiscard]] const ip_address* find(const char* p, std::size_t n) const {
        if (!cacheable(n)) return nullptr;
        const entry& e = slots_[slot(p, n)];
        return e.length == n && swar::same_bytes(e.text, p, n) ? &e.addr : nullptr;
    }

    /// Remembers that [p, p + n) parsed to `a` (replacing whatever shared its slot). The text must
    /// stay valid, unchanged, for as long as the cache is used.
    void remember(const char* p, std::size_t n, const ip_address& a) {
        if (!cacheable(n)) return;
        entry& e = slots_[slot(p, n)];
        e.text = p;
        e.length = n;
        e.addr = a;
    }

    [[nodiscard]] static bool cacheable(std::size_t n) { return n >= min_length && n <= max_length; }

private:
    static constexpr std::size_t slot_bits = 8;
    struct entry {
        const char* text = nullptr;
        std::size_t length = 0; // 0: empty (no cacheable text is that short)
        ip_address addr;
    };

    static std::size_t slot(const char* p, std::size_t n) {
        std::uint64_t tail = 0;
        std::memcpy(&tail, p + n - 8, 8); // the host part varies most: hash the end of the text
        const std::uint64_t h = (tail ^ n) * 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(h >> (64 - slot_bits));
    }

    std::array<entry, std::size_t{1} << slot_bits> slots_{};
};

} // namespace detail
} // namespace v0
} // namespace fwsize::io
