#include <cstring>
#include <vector>

#include <fwsize/io/ip_address.hpp>

#include "../../catch.hpp"

using fwsize::io::ip_address;

TEST_CASE("ip_address parses and prints IPv4 and IPv6 text") {
    auto a = ip_address::parse("192.168.248.12");
    REQUIRE(a);
    CHECK(a->is_v4());
    CHECK(a->to_string() == "192.168.248.12");
    CHECK(*a == ip_address::v4(192, 168, 248, 12));

    auto b = ip_address::parse("2401:4900:91e0:26f8::1");
    REQUIRE(b);
    CHECK(b->is_v6());
    CHECK(b->to_string() == "2401:4900:91e0:26f8::1");
    CHECK(ip_address::parse("::ffff:10.0.0.1")->is_v6());
}

TEST_CASE("ip_address rejects what is not an address") {
    CHECK_FALSE(ip_address::parse(""));
    CHECK_FALSE(ip_address::parse("256.1.1.1"));
    CHECK_FALSE(ip_address::parse("1.2.3"));
    CHECK_FALSE(ip_address::parse("2001:db8::g"));
    CHECK_FALSE(ip_address::parse("tcp"));
}

TEST_CASE("ip_address orders families apart and equal text gives equal values") {
    auto v4 = *ip_address::parse("10.0.0.1");
    auto v6 = *ip_address::parse("::a00:1");
    CHECK(v4 != v6);
    CHECK(*ip_address::parse("2001:DB8::1") == *ip_address::parse("2001:db8:0::1"));
}

TEST_CASE("ip_address orders by bytes lexicographically, then by family") {
    // The comparison is hand-written on 64-bit words (no memcmp); it must keep the byte order.
    std::vector<ip_address> v{
        ip_address::v4(10, 0, 0, 2),         ip_address::v4(9, 255, 255, 255), ip_address::v4(10, 0, 0, 1),
        *ip_address::parse("::1"),           *ip_address::parse("ff02::1"),    *ip_address::parse("2001:db8::1"),
        *ip_address::parse("2001:db8::1:0"), *ip_address::parse("::a00:1"),    ip_address::v4(255, 1, 0, 0),
        ip_address::v4(0, 0, 0, 0),          *ip_address::parse("::")}; // same bytes, families differ
    for (const auto& a : v) {
        for (const auto& b : v) {
            const int bytes = std::memcmp(a.bytes.data(), b.bytes.data(), 16);
            const int expect = bytes != 0 ? bytes : static_cast<int>(a.family) - static_cast<int>(b.family);
            CHECK((a < b) == (expect < 0));
            CHECK((a == b) == (expect == 0));
            CHECK((a > b) == (expect > 0));
        }
    }
    // ::a00:1 (IPv6) has bytes 00..0a 00 00 01 and sorts before 10.0.0.1 (bytes 0a 00 00 01 00..).
    CHECK(*ip_address::parse("::a00:1") < ip_address::v4(10, 0, 0, 1));
}
