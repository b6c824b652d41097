// The hand-written address parsers against inet_pton, the oracle: whatever they accept, inet_pton
// accepts with the same bytes; the plain forms tshark writes are all accepted.
#include <fwsize/io/detail/ip_text.hpp>
#include <fwsize/io/ip_address.hpp>

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <random>
#include <string>

#include "../../catch.hpp"

namespace {

/// The fast parser's verdict on the whole of `s`: true with bytes when it consumed all of it.
template <class Parse>
bool fast_whole(const std::string& s, Parse parse, std::uint8_t* out) {
    const char* q = parse(s.c_str(), out); // c_str's '\0' ends the text, as '\n' ends a CSV row
    return q == s.c_str() + s.size();
}

bool pton(int af, const std::string& s, std::uint8_t* out) {
    return inet_pton(af, s.c_str(), out) == 1;
}

std::string ntop6(const std::array<std::uint8_t, 16>& b) {
    char buf[INET6_ADDRSTRLEN];
    return inet_ntop(AF_INET6, b.data(), buf, sizeof buf);
}

/// Eight groups written out, with random case and leading zeros (forms inet_ntop never writes).
std::string expanded(const std::array<std::uint8_t, 16>& b, std::mt19937_64& rng) {
    std::string s;
    for (int i = 0; i < 8; ++i) {
        char g[8];
        const unsigned v = unsigned(b[2 * i]) << 8 | b[2 * i + 1];
        std::snprintf(g, sizeof g, rng() % 2 ? "%04x" : "%X", v);
        if (i) s += ':';
        s += g;
    }
    return s;
}

} // namespace

TEST_CASE("parse_ipv6_text gives inet_pton's bytes for every address inet_ntop writes") {
    std::mt19937_64 rng(20261123);
    int accepted = 0;
    for (int n = 0; n < 20000; ++n) {
        std::array<std::uint8_t, 16> b{};
        for (auto& x : b) x = static_cast<std::uint8_t>(rng());
        // Runs of zero groups, so that "::" appears at every position and length.
        const int from = int(rng() % 8), len = int(rng() % 9);
        for (int g = from; g < std::min(8, from + len); ++g) b[2 * g] = b[2 * g + 1] = 0;
        for (const std::string& s : {ntop6(b), expanded(b, rng)}) {
            if (s.find('.') != std::string::npos) continue; // an IPv4 tail: inet_pton's business
            std::array<std::uint8_t, 16> fast{}, ref{};
            INFO(s);
            REQUIRE(pton(AF_INET6, s, ref.data()));
            REQUIRE(fast_whole(s, fwsize::io::detail::parse_ipv6_text, fast.data()));
            REQUIRE(fast == ref);
            ++accepted;
        }
    }
    CHECK(accepted > 30000);
}

TEST_CASE("parse_ipv6_text accepts nothing inet_pton refuses (random text)") {
    std::mt19937_64 rng(7);
    const std::string alphabet = "0123456789abcdefABCDEFg:::::.%";
    int fast_yes = 0, both_no = 0;
    for (int n = 0; n < 200000; ++n) {
        std::string s;
        const int len = int(rng() % 42);
        for (int i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
        std::array<std::uint8_t, 16> fast{}, ref{};
        const bool f = fast_whole(s, fwsize::io::detail::parse_ipv6_text, fast.data());
        const bool r = pton(AF_INET6, s, ref.data());
        if (f) {
            INFO(s);
            REQUIRE(r);
            REQUIRE(fast == ref);
            ++fast_yes;
        } else if (!r) {
            ++both_no;
        } else {
            // inet_pton alone: only forms the fast parser leaves to it on purpose.
            INFO(s);
            CHECK(s.find('.') != std::string::npos);
        }
    }
    CHECK(fast_yes > 100); // the generator reaches valid text, so the agreement above means something
    CHECK(both_no > 100000);
}

TEST_CASE("parse_ipv6_text edge forms") {
    using fwsize::io::detail::parse_ipv6_text;
    std::uint8_t b[16];
    for (const char* ok : {"::", "::1", "1::", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "fe80::1", "ABCD::ef01"}) {
        INFO(ok);
        CHECK(fast_whole(ok, parse_ipv6_text, b));
    }
    for (const char* bad : {":", ":::", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
                            "::1:2:3:4:5:6:7:8", ":1::", "1:", "g::", "::ffff:1.2.3.4"}) {
        INFO(bad);
        CHECK_FALSE(fast_whole(bad, parse_ipv6_text, b));
    }
    // Stops at the first character that cannot continue an address, leaving the field end to the caller.
    const std::string row = "2001:db8::1,443";
    CHECK(parse_ipv6_text(row.c_str(), b) == row.c_str() + 11);
}

TEST_CASE("parse_ipv4_text agrees with inet_pton on random dotted text") {
    std::mt19937_64 rng(11);
    int fast_yes = 0;
    for (int n = 0; n < 200000; ++n) {
        std::string s;
        const int len = int(rng() % 17);
        for (int i = 0; i < len; ++i) s += "0123456789...."[rng() % 14];
        std::uint8_t fast[4]{}, ref[4]{};
        const bool f = fast_whole(s, fwsize::io::detail::parse_ipv4_text, fast);
        const bool r = pton(AF_INET, s, ref);
        INFO(s);
        REQUIRE(f == r); // glibc's inet_pton refuses leading zeros too: the same language
        if (f) {
            CHECK(std::memcmp(fast, ref, 4) == 0);
            ++fast_yes;
        }
    }
    CHECK(fast_yes > 100);
}

TEST_CASE("ip_address::parse takes the fast path and inet_pton for the rest, with one result") {
    using fwsize::io::ip_address;
    CHECK(ip_address::parse("::ffff:1.2.3.4")->to_string() == "::ffff:1.2.3.4");
    CHECK(ip_address::parse("2001:DB8::1")->to_string() == "2001:db8::1");
    CHECK(ip_address::parse("192.168.2.76") == ip_address::v4(192, 168, 2, 76));
    CHECK_FALSE(ip_address::parse("fe80::1%eth0"));
    CHECK_FALSE(ip_address::parse("1.2.3.04"));
    CHECK_FALSE(ip_address::parse("1.2.3"));
}
