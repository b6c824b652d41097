// csv_fast_row — the CSV reader's hot path: one record in its plain form (no quotes, LF or CRLF,
// every value in the shape tshark writes it) parsed in a single left-to-right walk
// (csv_row_walk.hpp), with no field splitting before the parse. Anything else — a quote, a blank line, a short row, a
// bad value, an uppercase protocol, an IPv6 address with an IPv4 tail — returns nullptr and the reader takes the
// general path (csv_split_record + parse_row), which gives the same record or the error. So the fast path decides
// nothing on its own: it only has to agree with the general one where it answers
// (tests/runtime/io/csv_fast_row_test.cpp compares the two on generated and mutated rows).
#pragma once

#include <cstdint>
#include <cstring>

#include <fwsize/io/detail/csv_columns.hpp>
#include <fwsize/io/detail/csv_fast_layout.hpp>
#include <fwsize/io/detail/csv_row_walk.hpp>
#include <fwsize/io/detail/ip_text.hpp>
#include <fwsize/io/detail/ip_text_cache.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::io {
inline namespace v0 {
namespace detail {

namespace fast {
/// An address text that ends where the parse must end (IPv4 first, then IPv6).
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

/// The address written as [p, end): from the cache when the same text was parsed before, else
/// parsed (and remembered). False when the text is not exactly an address.
inline bool address(const char* p, const char* end, ip_text_cache& cache, ip_address& a) {
    const auto n = static_cast<std::size_t>(end - p);
    if (const ip_address* hit = cache.find(p, n)) {
        a = *hit;
        return true;
    }
    if (parse_address(p, a) != end) return false;
    cache.remember(p, n, a);
    return true;
}
} // namespace fast

/// Parses the record at p (end = end of text) into r. Returns the start of the next record, or
/// nullptr to hand the record to the general path. `id_if_absent` is r.id without an id column;
/// `addresses` remembers address texts already parsed (texts of the same reader's text only).
inline const char* csv_fast_row(const char* p, const char* end, const csv_fast_layout& layout,
                                std::uint64_t id_if_absent, packet_record& r, ip_text_cache& addresses) {
    const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!nl || *p == '\n' || *p == '\r') return nullptr; // the last row without a line break; a blank line
    csv_row_fields f;
    f.id = id_if_absent;
    if (!csv_row_walk(p, nl, layout, f)) return nullptr;
    if (!f.proto || f.src_port > 65535 || f.dst_port > 65535) return nullptr;
    if (!fast::address(f.src, f.src_end, addresses, r.src) || !fast::address(f.dst, f.dst_end, addresses, r.dst))
        return nullptr;
    if (r.src.family != r.dst.family) return nullptr;
    if (layout.has_version && f.version != (r.src.is_v4() ? '4' : '6')) return nullptr;
    // Every field set here, none through a temporary record (a 120-byte copy per row).
    r.id = f.id;
    r.timestamp_ns = f.timestamp_ns;
    r.src_port = static_cast<std::uint16_t>(f.src_port);
    r.dst_port = static_cast<std::uint16_t>(f.dst_port);
    r.tcp_flags.reset();
    r.tcp_seq = 0;
    r.tcp_payload_len = 0;
    r.src_mac.reset();
    r.dst_mac.reset();
    if (f.proto == 't') {
        if (!f.rel_ok || !f.completeness_ok || f.completeness > 63) return nullptr;
        r.proto = transport::tcp;
        r.tcp_completeness = static_cast<std::int16_t>(f.completeness);
        r.tcp_time_relative_ns = f.rel_ns;
    } else {
        r.proto = transport::udp;
        r.tcp_completeness = -1;
        r.tcp_time_relative_ns = -1;
    }
    return nl + 1;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::io
