// csv_standard_row — the commonest row of all, straight-line: the seed schema's own column order
// (id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,
// tcp_completeness), plain form, numbers of the lengths tshark writes, parsed with SWAR digit
// runs (swar_digits.hpp) and no per-field dispatch. It answers only where it is sure to agree with
// csv_fast_row; any other row returns nullptr and goes to the general walk, which decides.
#pragma once

#include <cstdint>

#include <fwsize/io/detail/csv_row_walk.hpp>
#include <fwsize/io/detail/swar_digits.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

namespace standard_row {
inline constexpr std::uint64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

/// 1..7 digits then `stop`: the position past `stop`; nullptr when the field is not that.
FWSIZE_SWAR_INLINE const char* digit_run(const char* p, char stop) {
    const int n = swar::leading_digits(p);
    if (n == 0 || n == 8 || p[n] != stop) return nullptr;
    return p + n + 1;
}
/// The timestamp field at p (n leading digits) in the other forms csv_standard_row answers:
/// INT 1..13 digits, FRAC 1..7 digits (6 kept). Returns the position past its comma.
FWSIZE_SWAR_INLINE const char* timestamp(const char* p, int n, csv_row_fields& f) {
    namespace s = swar;
    if (n == 0 || n > 13 || p[n] != '.') return nullptr;
    std::uint64_t v = s::digits_value(p, n < 8 ? n : 8);
    if (n > 8) v = v * standard_row::pow10[n - 8] + s::digits_value(p + 8, n - 8);
    p += n + 1;
    n = s::leading_digits(p);
    if (n == 0 || n == 8 || p[n] != ',') return nullptr;
    const int kept = n < 6 ? n : 6;
    v = v * 1000000 + s::digits_value(p, kept) * standard_row::pow10[6 - kept];
    if (v > static_cast<std::uint64_t>(INT64_MAX)) return nullptr;
    f.timestamp_ns = static_cast<std::int64_t>(v);
    return p + n + 1;
}
} // namespace standard_row

/// The values of the port fields of a row csv_standard_row answered (it checks them, but leaves
/// src_port and dst_port unset: the chunked scan needs them only for a connection it has not seen).
FWSIZE_SWAR_INLINE void csv_standard_ports(csv_row_fields& f) {
    const char* p = f.dst_end + 1;
    int n = swar::leading_digits(p);
    f.src_port = swar::digits_value(p, n);
    p += n + 1;
    n = swar::leading_digits(p);
    f.dst_port = swar::digits_value(p, n);
}

/// Parses the row at p, whose line break (the first '\n' from p) has at least 16 readable bytes
/// after it: no read goes further. Returns the start of the next row, or nullptr to leave the row
/// to the general walk. The ports are checked but not valued (csv_standard_ports).
FWSIZE_SWAR_INLINE const char* csv_standard_row(const char* p, csv_row_fields& f) {
    namespace s = swar;
    // id: 1..16 digits (the value is not needed here).
    int n = s::leading_digits16(p);
    if (n == 0 || n == 16 || p[n] != ',') return nullptr;
    p += n + 1;

    // timestamp: INT.FRAC ms, INT 1..13 digits, FRAC 1..7 digits (6 kept): integer ns.
    n = s::leading_digits16(p);
    if (n == 13 && p[13] == '.' && s::leading_digits(p + 14) == 3 && p[17] == ',') {
        // tshark's own form, 13.3 digits: two 8-digit words, the second d8..d12 f0 f1 f2 with the
        // '.' squeezed out.
        const std::uint64_t w = s::load8(p + 8);
        const std::uint64_t tail = (w & 0x000000FFFFFFFFFFULL) | ((w >> 8) & 0x00FFFF0000000000ULL) |
                                   (std::uint64_t{static_cast<unsigned char>(p[16])} << 56);
        const std::uint64_t us = s::digits_value(p, 8) * 100000000 + s::digits_value8(tail);
        if (us > static_cast<std::uint64_t>(INT64_MAX) / 1000) return nullptr;
        f.timestamp_ns = static_cast<std::int64_t>(us * 1000);
        p += 18;
    } else if (!(p = standard_row::timestamp(p, n, f))) {
        return nullptr;
    }

    if (!((p[0] == 't' && p[1] == 'c' && p[2] == 'p') || (p[0] == 'u' && p[1] == 'd' && p[2] == 'p')) || p[3] != ',')
        return nullptr;
    f.proto = p[0];
    if ((p[4] != '4' && p[4] != '6') || p[5] != ',') return nullptr;
    f.version = p[4];
    p += 6;

    f.src = p;
    f.src_end = s::field_end(p);
    if (*f.src_end != ',') return nullptr;
    f.dst = f.src_end + 1;
    f.dst_end = s::field_end(f.dst);
    if (*f.dst_end != ',') return nullptr;
    p = f.dst_end + 1;
    if (!(p = standard_row::digit_run(p, ',')) || !(p = standard_row::digit_run(p, ','))) return nullptr;
    f.ports_end = p;

    if (f.proto == 'u') { // tshark leaves the tcp_ fields of a UDP row empty
        f.rel_ok = f.completeness_ok = false;
        if (p[0] != ',') return nullptr;
        return p[1] == '\n' ? p + 2 : p[1] == '\r' && p[2] == '\n' ? p + 3 : nullptr;
    }
    // tcp_time_relative: INT.FRAC s, INT 1..7 digits, FRAC 1..9 digits; only whether it is 0 is kept.
    n = s::leading_digits(p);
    if (n == 0 || n == 8 || p[n] != '.') return nullptr;
    bool zero = s::all_zero_digits(p, n);
    p += n + 1;
    n = s::leading_digits16(p);
    if (n == 0 || n == 16 || p[n] != ',') return nullptr;
    zero = zero && s::all_zero_digits(p, n < 8 ? n : 8) && (n < 9 || p[8] == '0'); // 9 decimals kept
    f.rel_ok = true;
    f.rel_zero = zero;
    p += n + 1;
    // tcp_completeness: 1..2 digits, then the line end.
    if (!(p[0] >= '0' && p[0] <= '9')) return nullptr;
    std::uint64_t c = static_cast<std::uint64_t>(p[0] - '0');
    ++p;
    if (p[0] >= '0' && p[0] <= '9') c = c * 10 + static_cast<std::uint64_t>(*p++ - '0');
    if (*p == '\r') ++p;
    if (*p != '\n') return nullptr;
    f.completeness = c;
    f.completeness_ok = true;
    return p + 1;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::io
