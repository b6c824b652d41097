// The address-text cache: a hit must give the bytes the parser gave for the same text, and only
// for the same text (same length, same characters), whatever shares its slot.
#include <fwsize/io/detail/ip_text_cache.hpp>
#include <fwsize/io/ip_address.hpp>

#include <random>
#include <string>
#include <vector>

#include "../../catch.hpp"

using fwsize::io::ip_address;
using fwsize::io::detail::ip_text_cache;

namespace {
ip_address parsed(const std::string& s) {
    auto a = ip_address::parse(s);
    REQUIRE(a);
    return *a;
}
} // namespace

TEST_CASE("ip_text_cache: a text is found only after it is remembered, and only as itself") {
    ip_text_cache cache;
    const std::string a = "2401:4900:91e0:26f8:48ad:fe70:58ef:8f6f";
    const std::string a_prefix = "2401:4900:91e0:26f8:48ad:fe70:58ef:8f6"; // one character shorter
    const std::string b = "2401:4900:91e0:26f8:48ad:fe70:58ef:8f6e";       // last character differs
    CHECK(cache.find(a.data(), a.size()) == nullptr);
    cache.remember(a.data(), a.size(), parsed(a));
    const ip_address* hit = cache.find(a.data(), a.size());
    REQUIRE(hit);
    CHECK(*hit == parsed(a));
    const std::string a_copy = a; // another buffer with the same text: still a hit
    CHECK(cache.find(a_copy.data(), a_copy.size()) != nullptr);
    CHECK(cache.find(a_prefix.data(), a_prefix.size()) == nullptr);
    CHECK(cache.find(b.data(), b.size()) == nullptr);
}

TEST_CASE("ip_text_cache: texts outside 8..45 characters are never cached") {
    ip_text_cache cache;
    const std::string short_v4 = "1.2.3.4";
    cache.remember(short_v4.data(), short_v4.size(), parsed(short_v4));
    CHECK(cache.find(short_v4.data(), short_v4.size()) == nullptr);
    CHECK_FALSE(ip_text_cache::cacheable(7));
    CHECK(ip_text_cache::cacheable(8));
    CHECK(ip_text_cache::cacheable(45));
    CHECK_FALSE(ip_text_cache::cacheable(46));
}

TEST_CASE("ip_text_cache: against a plain map over 20000 lookups with colliding slots") {
    // 300 distinct addresses in 256 slots: most lookups collide. Every hit must be the parse of that
    // very text; a miss is always allowed (the oracle only checks what the cache claims).
    std::mt19937_64 rng(7);
    std::vector<std::string> texts;
    for (int i = 0; i < 300; ++i) {
        char buf[64];
        if (i % 3 == 0) std::snprintf(buf, sizeof buf, "192.168.%u.%u", unsigned(rng() % 256), unsigned(rng() % 256));
        else
            std::snprintf(buf, sizeof buf, "2a02:%x:%x::%x:%x", unsigned(rng() % 65536), unsigned(rng() % 65536),
                          unsigned(rng() % 65536), unsigned(rng() % 65536));
        texts.emplace_back(buf);
    }
    ip_text_cache cache;
    int hits = 0;
    for (int k = 0; k < 20000; ++k) {
        const std::string& t = texts[rng() % (k % 2 ? 4 : texts.size())]; // half the lookups: 4 hot texts
        if (const ip_address* hit = cache.find(t.data(), t.size())) {
            ++hits;
            REQUIRE(*hit == parsed(t));
        } else {
            cache.remember(t.data(), t.size(), parsed(t));
        }
    }
    CHECK(hits > 5000); // the hot texts stay cached (a cache that never hits would pass the rest)
}
