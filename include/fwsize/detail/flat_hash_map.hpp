// flat_hash_map — an insert-only open-addressing map (linear probing, power-of-two capacity, load
// at most 1/2) for the flow stage's per-packet lookups: one probe into one array instead of
// std::unordered_map's bucket division and node chase. It has what the flow stage needs — find,
// try_emplace, insert_or_assign — and nothing else: no erase, no iteration.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace fwsize::detail {

template <class Key, class Value, class Hash>
class flat_hash_map {
public:
    /// The value stored for k, or nullptr. Valid until the next insertion.
    [[nodiscard]] const Value* find(const Key& k) const {
        if (slots_.empty()) return nullptr;
        const std::uint64_t h = hash_of(k);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const slot& s = slots_[i];
            if (s.tag == 0) return nullptr;
            if (s.tag == h && s.key == k) return &s.value;
        }
    }
    [[nodiscard]] Value* find(const Key& k) {
        return const_cast<Value*>(static_cast<const flat_hash_map&>(*this).find(k));
    }

    /// Inserts (k, v) unless k is present; returns the stored value and whether it was inserted.
    std::pair<Value*, bool> try_emplace(const Key& k, Value v) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        const std::uint64_t h = hash_of(k);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            slot& s = slots_[i];
            if (s.tag == 0) {
                s.tag = h;
                s.key = k;
                s.value = std::move(v);
                ++size_;
                return {&s.value, true};
            }
            if (s.tag == h && s.key == k) return {&s.value, false};
        }
    }

    Value& insert_or_assign(const Key& k, Value v) {
        auto [p, fresh] = try_emplace(k, v);
        if (!fresh) *p = std::move(v);
        return *p;
    }

    [[nodiscard]] std::size_t size() const { return size_; }

private:
    struct slot {
        std::uint64_t tag = 0; ///< the key's hash with the top bit set; 0 = empty
        Key key{};
        Value value{};
    };

    static std::uint64_t hash_of(const Key& k) {
        // Fibonacci mixing so that the low bits (the probe start) depend on every bit of the hash.
        const auto h = static_cast<std::uint64_t>(Hash{}(k)) * 0x9E3779B97F4A7C15ull;
        return (h ^ (h >> 32)) | (std::uint64_t{1} << 63);
    }

    void grow() {
        std::vector<slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 64 : 2 * old.size(), slot{});
        mask_ = slots_.size() - 1;
        for (slot& s : old) {
            if (s.tag == 0) continue;
            std::size_t i = s.tag & mask_;
            while (slots_[i].tag != 0) i = (i + 1) & mask_;
            slots_[i] = std::move(s);
        }
    }

    std::vector<slot> slots_;
    std::size_t mask_ = 0, size_ = 0;
};

} // namespace fwsize::detail
