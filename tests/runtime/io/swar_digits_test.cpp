// SWAR (and SSE2) digit runs, zero runs and field ends against byte-by-byte loops, on random 8-byte windows mixing
// digits with the characters next to them in ASCII ('/', ':'), separators and high bytes.
#include <cstdint>
#include <cstring>
#include <random>

#include <fwsize/io/detail/swar_digits.hpp>

#include "../../catch.hpp"

namespace swar = fwsize::io::detail::swar;

TEST_CASE("swar: leading digits, their value, zero runs and the field end agree with byte loops") {
    std::mt19937 g(7);
    static constexpr char alphabet[] = "0123456789,.\n\r/:a\x80\xff";
    int wrong = 0, runs_of_8 = 0;
    for (int it = 0; it < 200000; ++it) {
        char buf[40];
        for (auto& c : buf) c = alphabet[g() % (sizeof alphabet - 1)];
        if (g() % 2)
            for (int i = 0; i < 8 + static_cast<int>(g() % 9); ++i)
                buf[i] = static_cast<char>('0' + g() % (g() % 2 ? 10 : 2));
        buf[32] = '\n';
        int n = 0;
        while (n < 8 && buf[n] >= '0' && buf[n] <= '9') ++n;
        runs_of_8 += n == 8;
        wrong += swar::leading_digits(buf) != n;
        for (int k = 1; k <= n; ++k) {
            std::uint64_t v = 0;
            for (int i = 0; i < k; ++i) v = v * 10 + static_cast<std::uint64_t>(buf[i] - '0');
            wrong += swar::digits_value(buf, k) != v;
        }
        if (n == 8) wrong += swar::digits_value8(swar::load8(buf)) != swar::digits_value(buf, 8);
        int n16 = 0;
        while (n16 < 16 && buf[n16] >= '0' && buf[n16] <= '9') ++n16;
        wrong += swar::leading_digits16(buf) != n16;
        for (int k = 0; k <= 8; ++k) {
            bool zeros = true;
            for (int i = 0; i < k; ++i) zeros = zeros && buf[i] == '0';
            wrong += swar::all_zero_digits(buf, k) != zeros;
        }
        const char* e = buf;
        while (*e != ',' && *e != '\n') ++e;
        wrong += swar::field_end(buf) != e;
    }
    CHECK(wrong == 0);
    CHECK(runs_of_8 > 50000);
    CHECK(swar::digits_value("99999999", 8) == 99999999u);
    CHECK(swar::digits_value("00000001", 8) == 1u);
    CHECK(swar::leading_digits("12345678") == 8);
    CHECK(swar::leading_digits("/0000000") == 0);
    CHECK(swar::leading_digits("9:000000") == 1);
}

TEST_CASE("swar: same_bytes agrees with memcmp for every length and every single differing byte") {
    std::mt19937 g(9);
    char a[100], b[100];
    for (auto& c : a) c = static_cast<char>(g());
    int wrong = 0;
    for (std::size_t n = 0; n <= 96; ++n) {
        std::memcpy(b, a, sizeof a);
        wrong += !swar::same_bytes(a, b, n);
        for (std::size_t i = 0; i < n; ++i) { // one byte differs, in one bit
            b[i] = static_cast<char>(b[i] ^ (1 << (g() % 8)));
            wrong += swar::same_bytes(a, b, n);
            b[i] = a[i];
        }
        b[n] = static_cast<char>(a[n] ^ 1); // a difference just past n does not count
        wrong += !swar::same_bytes(a, b, n);
    }
    CHECK(wrong == 0);
}
