// csv_row_walk — one left-to-right walk over a record in its plain form, in any column order (the
// layout says which column each position holds), collecting each value the flow stage reads with
// no field splitting first. Addresses are located, not parsed: the caller parses them (the
// reader, csv_fast_row.hpp, through its cache of address texts; the chunked scan by interning).
// Anything not in the plain form — a quote, a short row, junk after a value, a bare '\r' —
// returns nullptr and the caller hands the record to the general path, which decides.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include <fwsize/io/detail/csv_columns.hpp>
#include <fwsize/io/detail/csv_fast_layout.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

/// What a walk collects from a record.
struct csv_row_fields {
    std::uint64_t id = 0; ///< left as it was when there is no id column
    std::int64_t timestamp_ns = 0;
    const char *src = nullptr, *src_end = nullptr, *dst = nullptr, *dst_end = nullptr; ///< address texts
    std::uint64_t src_port = 0, dst_port = 0, completeness = 0;
    std::int64_t rel_ns = -1;              ///< tcp_time_relative, when rel_ok
    char proto = 0, version = 0;           ///< 't' / 'u'; '4' / '6' (0: no such column)
    bool rel_ok = false, rel_zero = false; ///< tcp_time_relative parsed; and it is 0
    bool completeness_ok = false;
    /// csv_standard_row only: just past the dst_port field, so [src, ports_end) is the text of the
    /// row's addresses and ports (nullptr from the walk). Its ports are valued by csv_standard_ports.
    const char* ports_end = nullptr;
};

namespace fast {
constexpr bool digit(char c) {
    return static_cast<unsigned>(c - '0') < 10;
}

/// Up to 19 digits (no overflow possible); nullptr for none or more.
inline const char* uint(const char* p, std::uint64_t& v) {
    const char* s = p;
    v = 0;
    while (digit(*p)) v = v * 10 + static_cast<unsigned>(*p++ - '0');
    return p == s || p - s > 19 ? nullptr : p;
}

/// "INT[.FRAC]" as csv_parse_fixed, for at most max_int integer digits (so 10^(max_int + frac)
/// stays below 2^64 and nothing can wrap); longer forms go to the general path.
inline const char* fixed(const char* p, int frac, int max_int, std::int64_t& out) {
    const char* s = p;
    std::uint64_t v = 0;
    while (digit(*p)) v = v * 10 + static_cast<unsigned>(*p++ - '0');
    if (p - s > max_int) return nullptr;
    bool any = p != s;
    int taken = 0;
    if (*p == '.') {
        for (++p; digit(*p); ++p) {
            any = true;
            if (taken < frac) v = v * 10 + static_cast<unsigned>(*p - '0'), ++taken;
        }
    }
    if (!any) return nullptr;
    for (; taken < frac; ++taken) v *= 10;
    if (v > static_cast<std::uint64_t>(INT64_MAX)) return nullptr;
    out = static_cast<std::int64_t>(v);
    return p;
}

/// Past an ignored field (a column not read, or a UDP row's tcp_ fields); nullptr at a quote.
inline const char* skip(const char* p) {
    while (*p != ',' && *p != '\n') {
        if (*p == '"') return nullptr;
        ++p;
    }
    return p;
}

/// The comma after the field at p, or nl. A quote inside is left to the address parse (it fails).
inline const char* field_end(const char* p, const char* nl) {
    const auto* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(nl - p)));
    return comma ? comma : nl;
}
} // namespace fast

/// Walks the record at p whose line break is at nl. Returns nl + 1, or nullptr to hand the
/// record to the general path. Every parser stops at the '\n' at nl: no bounds checks inside.
inline const char* csv_row_walk(const char* p, const char* nl, const csv_fast_layout& layout, csv_row_fields& f) {
    const std::size_t width = layout.role.size();
    for (std::size_t i = 0; i < width; ++i) {
        const char* q = nullptr;
        switch (layout.role[i]) {
        case col_id:
            q = fast::uint(p, f.id);
            break;
        case col_timestamp:
            q = fast::fixed(p, 6, 13, f.timestamp_ns);
            break;
        case col_protocol:
            if ((p[0] == 't' && p[1] == 'c' && p[2] == 'p') || (p[0] == 'u' && p[1] == 'd' && p[2] == 'p'))
                f.proto = p[0], q = p + 3;
            break;
        case col_ip_version:
            if (*p == '4' || *p == '6') f.version = *p, q = p + 1;
            break;
        case col_src_ip:
            f.src = p;
            q = f.src_end = fast::field_end(p, nl);
            break;
        case col_dst_ip:
            f.dst = p;
            q = f.dst_end = fast::field_end(p, nl);
            break;
        case col_src_port:
            q = fast::uint(p, f.src_port);
            break;
        case col_dst_port:
            q = fast::uint(p, f.dst_port);
            break;
        case col_tcp_time_relative:
            // Parsed before the protocol may be known: a UDP row's value is ignored, whatever it is.
            q = fast::fixed(p, 9, 10, f.rel_ns);
            f.rel_ok = q && (*q == ',' || *q == '\n' || *q == '\r');
            f.rel_zero = f.rel_ok && f.rel_ns == 0;
            if (!f.rel_ok) q = fast::skip(p);
            break;
        case col_tcp_completeness:
            q = fast::uint(p, f.completeness);
            f.completeness_ok = q && (*q == ',' || *q == '\n' || *q == '\r');
            if (!f.completeness_ok) q = fast::skip(p);
            break;
        default:
            q = fast::skip(p);
            break;
        }
        if (!q) return nullptr;
        if (*q == ',') {
            p = q + 1;
            continue;
        }
        // Not a comma: only the last field read may end the row ('\n' or "\r\n"); a short row,
        // junk after a value or a bare '\r' is the general path's to report.
        if (i + 1 != width || !(q == nl || (*q == '\r' && q + 1 == nl))) return nullptr;
        p = nl;
    }
    // Columns after the last one read: skipped, unless a quote could hide a line break.
    if (p != nl && std::memchr(p, '"', static_cast<std::size_t>(nl - p))) return nullptr;
    // A '\r' ending an address field that ends the row belongs to the line end.
    if (f.src_end == nl && f.src_end > f.src && f.src_end[-1] == '\r') --f.src_end;
    if (f.dst_end == nl && f.dst_end > f.dst && f.dst_end[-1] == '\r') --f.dst_end;
    return nl + 1;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::io
