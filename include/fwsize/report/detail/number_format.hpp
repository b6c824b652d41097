// number_format — numbers in the report files: the shortest text that parses back to the same
// double (std::to_chars), so sizing.csv/.md/.json round-trip exactly; and a short human form for
// plot ticks and the HTML page.
#pragma once

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace fwsize::report {
inline namespace v0 {
namespace detail {

/// Shortest round-trip form ("12", "0.1", "1.5e+20"); non-finite values as "nan", "inf", "-inf".
inline std::string exact_number(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), r.ptr);
}

/// At most `digits` significant digits, no exponent below 1e7, thousands not grouped: "3.14",
/// "1200", "0.00012". Used where a reader's eye matters more than exactness.
inline std::string short_number(double v, int digits = 3) {
    if (!std::isfinite(v)) return exact_number(v);
    if (v == 0) return "0";
    const double a = std::fabs(v);
    char buf[64];
    if (a >= 1e7 || a < 1e-4) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);
        return buf;
    }
    const int mag = static_cast<int>(std::floor(std::log10(a)));
    const int decimals = std::max(0, digits - 1 - mag);
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    return s;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::report
