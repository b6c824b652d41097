// flat_hash_map against std::unordered_map, the oracle: the same answers to every find,
// try_emplace and insert_or_assign in a long random sequence, with a good hash and with one that
// collides on purpose (so probing and growth carry the load).
#include <fwsize/detail/flat_hash_map.hpp>

#include <cstdint>
#include <random>
#include <unordered_map>

#include "../../catch.hpp"

namespace {
struct weak_hash { // 16 distinct values: long probe runs
    std::size_t operator()(std::uint64_t k) const { return k % 16; }
};
struct good_hash {
    std::size_t operator()(std::uint64_t k) const { return std::hash<std::uint64_t>{}(k); }
};

template <class Hash>
void agree_with_unordered_map(std::uint64_t key_range, int steps) {
    fwsize::detail::flat_hash_map<std::uint64_t, int, Hash> flat;
    std::unordered_map<std::uint64_t, int> oracle;
    std::mt19937_64 rng(42);
    int hits = 0;
    for (int i = 0; i < steps; ++i) {
        const std::uint64_t k = rng() % key_range;
        switch (rng() % 3) {
        case 0: {
            const int* v = flat.find(k);
            const auto it = oracle.find(k);
            REQUIRE((v != nullptr) == (it != oracle.end()));
            if (v) {
                REQUIRE(*v == it->second);
                ++hits;
            }
            break;
        }
        case 1: {
            const auto [v, fresh] = flat.try_emplace(k, i);
            const auto [it, ofresh] = oracle.try_emplace(k, i);
            REQUIRE(fresh == ofresh);
            REQUIRE(*v == it->second);
            break;
        }
        default:
            REQUIRE(flat.insert_or_assign(k, -i) == -i);
            oracle.insert_or_assign(k, -i);
        }
        REQUIRE(flat.size() == oracle.size());
    }
    CHECK(hits > steps / 10); // finds met present keys often enough to mean something
}
} // namespace

TEST_CASE("flat_hash_map answers as std::unordered_map does") {
    agree_with_unordered_map<good_hash>(50000, 300000);
    agree_with_unordered_map<weak_hash>(3000, 60000);
}

TEST_CASE("flat_hash_map: an empty map finds nothing; values survive growth") {
    fwsize::detail::flat_hash_map<std::uint64_t, std::uint64_t, good_hash> m;
    const auto& cm = m;
    CHECK(cm.find(7) == nullptr);
    for (std::uint64_t k = 0; k < 100000; ++k) m.try_emplace(k * 2654435761u, k);
    for (std::uint64_t k = 0; k < 100000; ++k) REQUIRE(*cm.find(k * 2654435761u) == k);
    CHECK(cm.find(1) == nullptr);
    CHECK(m.size() == 100000);
}
