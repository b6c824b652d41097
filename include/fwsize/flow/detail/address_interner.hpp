// address_interner — the chunked CSV extraction's address table: each distinct address gets a small
// id (in order of first appearance), with the scope facts the flow stage asks of it, so a row's
// addresses cost one text comparison instead of a parse and three hash lookups of 17-byte keys. A
// direct-mapped cache of address texts already seen (pointers into the mapped file, which outlives
// the interner) answers most fields; a miss parses the text and looks the address up.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

#include <fwsize/detail/flat_hash_map.hpp>
#include <fwsize/flow/scope.hpp>
#include <fwsize/io/detail/csv_fast_row.hpp>
#include <fwsize/io/detail/swar_digits.hpp>
#include <fwsize/io/ip_address.hpp>

namespace fwsize::flow {
inline namespace v0 {
namespace detail {

class address_interner {
public:
    static constexpr std::uint32_t none = UINT32_MAX;

    explicit address_interner(const scope_rules& rules) : rules_(&rules) {}

    /// The id of the address written as [p, p + n) (the whole field), or `none` when the text is
    /// not an address in plain form.
    FWSIZE_SWAR_INLINE std::uint32_t intern(const char* p, std::size_t n) {
        if (n == 0 || n > 45) return none;
        slot& s = slots_[slot_of(p, n)];
        if (s.length == n && io::detail::swar::same_bytes(s.text, p, n)) return s.id;
        return miss(p, n, s);
    }

    [[nodiscard]] const std::vector<io::ip_address>& addresses() const { return addresses_; }
    [[nodiscard]] std::uint8_t bits(std::uint32_t id) const { return bits_[id]; }
    /// '4' or '6', as the ip_version column writes it.
    [[nodiscard]] char version(std::uint32_t id) const { return versions_[id]; }

private:
    struct slot {
        const char* text = nullptr;
        std::size_t length = 0; // 0: empty
        std::uint32_t id = 0;
    };
    static constexpr std::size_t slot_bits = 10;

    // Out of line: a hit is a few instructions inlined into the row's loop, a miss a parse.
#if defined(__GNUC__)
    [[gnu::noinline]]
#endif
    std::uint32_t
    miss(const char* p, std::size_t n, slot& s) {
        io::ip_address a;
        if (io::detail::fast::parse_address(p, a) != p + n) return none;
        const auto [at, fresh] = ids_.try_emplace(a, static_cast<std::uint32_t>(addresses_.size()));
        if (fresh) {
            addresses_.push_back(a);
            bits_.push_back(scope_bits_of(a, *rules_));
            versions_.push_back(a.is_v4() ? '4' : '6');
        }
        s = {p, n, *at};
        return *at;
    }

    static std::size_t slot_of(const char* p, std::size_t n) {
        std::uint64_t tail = 0; // the host part varies most: hash the end of the text
        if (n >= 8) std::memcpy(&tail, p + n - 8, 8);
        else std::memcpy(&tail, p, n);
        const std::uint64_t h = (tail ^ n) * 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(h >> (64 - slot_bits));
    }

    const scope_rules* rules_;
    std::array<slot, std::size_t{1} << slot_bits> slots_{};
    fwsize::detail::flat_hash_map<io::ip_address, std::uint32_t, std::hash<io::ip_address>> ids_;
    std::vector<io::ip_address> addresses_;
    std::vector<std::uint8_t> bits_;
    std::vector<char> versions_;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::flow
