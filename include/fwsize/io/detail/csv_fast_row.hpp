// csv_fast_row — the CSV reader's hot path: one record in its plain form (no quotes, LF or CRLF,
// every value in the shape tshark writes it) parsed in a single left-to-right walk, with no field
// splitting before the parse. Anything else — a quote, a blank line, a short row, a bad value, an
// uppercase protocol, an IPv6 address with an IPv4 tail — returns nullptr and the reader takes
// the general path (csv_split_record + parse_row), which gives the same record or the error. So
// the fast path decides nothing on its own: it only has to agree with the general one where it
// answers (tests/runtime/io/csv_fast_row_test.cpp compares the two on generated and mutated rows).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include <fwsize/io/detail/csv_columns.hpp>
#include <fwsize/io/detail/ip_text.hpp>
#include <fwsize/io/detail/ip_text_cache.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

/// What each position of a record holds: a csv_column, or csv_column_count for a column not read.
struct csv_fast_layout {
    std::vector<std::uint8_t> role;
    bool has_version = false;

    explicit csv_fast_layout(const csv_columns& c = {}) : role(c.width, csv_column_count) {
        for (std::size_t k = 0; k < csv_column_count; ++k)
            if (c.at[k] < c.width) role[c.at[k]] = static_cast<std::uint8_t>(k);
        has_version = c.at[col_ip_version] < c.width;
    }
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

inline const char* parse_address(const char* p, ip_address& a) {
    a.bytes = {}; // an IPv4 address fills 4 of the 16 bytes; the rest must not keep the last row's
    if (const char* q = parse_ipv4_text(p, a.bytes.data())) {
        a.family = ip_family::v4;
        return q;
    }
    a.bytes = {};
    const char* q = parse_ipv6_text(p, a.bytes.data());
    if (q) a.family = ip_family::v6;
    return q;
}

/// An address field that ends at a comma before nl: from the cache when the same text was parsed
/// before, else parsed (and remembered when the parse ends exactly at that comma).
inline const char* address(const char* p, const char* nl, ip_text_cache& cache, ip_address& a) {
    const auto* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(nl - p)));
    if (!comma) return parse_address(p, a);
    const auto n = static_cast<std::size_t>(comma - p);
    if (const ip_address* hit = cache.find(p, n)) {
        a = *hit;
        return comma;
    }
    const char* q = parse_address(p, a);
    if (q == comma) cache.remember(p, n, a);
    return q;
}

/// Past an ignored field (a column not read, or a UDP row's tcp_ fields); nullptr at a quote.
inline const char* skip(const char* p) {
    while (*p != ',' && *p != '\n') {
        if (*p == '"') return nullptr;
        ++p;
    }
    return p;
}
} // namespace fast

/// Parses the record at p (end = end of text) into r. Returns the start of the next record, or
/// nullptr to hand the record to the general path. `id_if_absent` is r.id without an id column;
/// `addresses` remembers address texts already parsed (texts of the same reader's text only).
inline const char* csv_fast_row(const char* p, const char* end, const csv_fast_layout& layout,
                                std::uint64_t id_if_absent, packet_record& r, ip_text_cache& addresses) {
    const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!nl || *p == '\n' || *p == '\r') return nullptr; // the last row without a line break; a blank line
    // Every parser below stops at the '\n' at nl: no bounds checks needed inside the row.
    // Every field set here, none through a temporary record (a 120-byte copy per row).
    r.id = id_if_absent;
    r.tcp_flags.reset();
    r.tcp_seq = 0;
    r.tcp_payload_len = 0;
    r.tcp_completeness = -1;
    r.tcp_time_relative_ns = -1;
    r.src_mac.reset();
    r.dst_mac.reset();
    char proto = 0, version = 0;
    std::int64_t rel = 0;
    std::uint64_t completeness = 0, sp = 0, dp = 0;
    bool rel_ok = false, completeness_ok = false;
    const std::size_t width = layout.role.size();
    for (std::size_t i = 0; i < width; ++i) {
        const char* q = nullptr;
        switch (layout.role[i]) {
        case col_id:
            q = fast::uint(p, r.id);
            break;
        case col_timestamp:
            q = fast::fixed(p, 6, 13, r.timestamp_ns);
            break;
        case col_protocol:
            if ((p[0] == 't' && p[1] == 'c' && p[2] == 'p') || (p[0] == 'u' && p[1] == 'd' && p[2] == 'p'))
                proto = p[0], q = p + 3;
            break;
        case col_ip_version:
            if (*p == '4' || *p == '6') version = *p, q = p + 1;
            break;
        case col_src_ip:
            q = fast::address(p, nl, addresses, r.src);
            break;
        case col_dst_ip:
            q = fast::address(p, nl, addresses, r.dst);
            break;
        case col_src_port:
            q = fast::uint(p, sp);
            break;
        case col_dst_port:
            q = fast::uint(p, dp);
            break;
        case col_tcp_time_relative:
            // Parsed before the protocol may be known: a UDP row's value is ignored, whatever it is.
            q = fast::fixed(p, 9, 10, rel);
            rel_ok = q && (*q == ',' || *q == '\n' || *q == '\r');
            if (!rel_ok) q = fast::skip(p);
            break;
        case col_tcp_completeness:
            q = fast::uint(p, completeness);
            completeness_ok = q && (*q == ',' || *q == '\n' || *q == '\r');
            if (!completeness_ok) q = fast::skip(p);
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
    if (!proto || sp > 65535 || dp > 65535 || r.src.family != r.dst.family) return nullptr;
    if (layout.has_version && version != (r.src.is_v4() ? '4' : '6')) return nullptr;
    r.src_port = static_cast<std::uint16_t>(sp);
    r.dst_port = static_cast<std::uint16_t>(dp);
    if (proto == 't') {
        if (!rel_ok || !completeness_ok || completeness > 63) return nullptr;
        r.proto = transport::tcp;
        r.tcp_completeness = static_cast<std::int16_t>(completeness);
        r.tcp_time_relative_ns = rel;
    } else {
        r.proto = transport::udp;
    }
    return nl + 1;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::io
