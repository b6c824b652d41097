// csv_writer — packet records to the seed CSV schema, formatted exactly as make_csv.sh (tshark)
// writes it: timestamp in ms with a 3-digit (microsecond) fraction, truncated like tshark's epoch
// text; tcp_time_relative in seconds with 9 decimals; tcp_ fields empty for UDP.
#pragma once

#include <cstdint>
#include <cstdio>
#include <ostream>
#include <string>

#include <fwsize/io/packet_record.hpp>

namespace fwsize::io {
inline namespace v0 {

inline constexpr const char* seed_csv_header =
    "id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative,tcp_completeness";

namespace detail {
/// Seconds.nanoseconds as tshark prints a signed time: "-0.250000000", "12.000000001".
inline int format_seconds_9(char* out, std::size_t n, std::int64_t ns) {
    const bool neg = ns < 0;
    const std::uint64_t a = neg ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
    return std::snprintf(out, n, "%s%llu.%09llu", neg ? "-" : "", static_cast<unsigned long long>(a / 1'000'000'000),
                         static_cast<unsigned long long>(a % 1'000'000'000));
}
/// Epoch milliseconds with microseconds, as make_csv.sh builds it from frame.time_epoch's text.
inline int format_epoch_ms(char* out, std::size_t n, std::int64_t ns) {
    char sec[48];
    format_seconds_9(sec, sizeof sec, ns);
    // Same string arithmetic as the awk: integer part + first 3 fraction digits, leading zeros
    // dropped, then "." and the next 3 digits.
    std::string s(sec);
    const auto dot = s.find('.');
    std::string ms = s.substr(0, dot) + s.substr(dot + 1, 3);
    const std::string us = s.substr(dot + 4, 3);
    std::size_t z = 0;
    while (z < ms.size() && ms[z] == '0') ++z;
    ms = ms.substr(z);
    if (ms.empty()) ms = "0";
    return std::snprintf(out, n, "%s.%s", ms.c_str(), us.c_str());
}
} // namespace detail

/// Writes the header row.
inline void write_seed_csv_header(std::ostream& out) {
    out << seed_csv_header << '\n';
}

/// Writes one record as a seed CSV row.
inline void write_seed_csv_row(std::ostream& out, const packet_record& r) {
    char ts[64], rel[48];
    detail::format_epoch_ms(ts, sizeof ts, r.timestamp_ns);
    out << r.id << ',' << ts << ',' << (r.is_tcp() ? "tcp" : "udp") << ',' << (r.src.is_v6() ? '6' : '4') << ','
        << r.src.to_string() << ',' << r.dst.to_string() << ',' << r.src_port << ',' << r.dst_port << ',';
    if (r.is_tcp() && r.tcp_completeness >= 0) {
        detail::format_seconds_9(rel, sizeof rel, r.tcp_time_relative_ns);
        out << rel << ',' << r.tcp_completeness;
    } else {
        out << ',';
    }
    out << '\n';
}

/// Drains `source` into `out` (header first); returns the number of rows written.
template <class Source>
std::uint64_t write_seed_csv(std::ostream& out, Source& source) {
    write_seed_csv_header(out);
    packet_record r;
    std::uint64_t n = 0;
    while (source.next(r)) {
        write_seed_csv_row(out, r);
        ++n;
    }
    return n;
}

} // namespace v0
} // namespace fwsize::io
