// flow_records_csv — flow records as CSV (written by `fwsize extract` beside the per-second table):
//   machine_id,machine,proto,local_ip,local_port,remote_ip,remote_port,start_s,first_out_s,
//   last_out_s,first_in_s,last_in_s,fin_rst_s,end_reason,open_at_start,opened_by_host,
//   packets_out,packets_in
// Times are seconds since the machine's second 1 began (floor of its first packet), with 9
// decimals, exact; empty where there was no such packet.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <fwsize/detail/parallel_for_ordered.hpp>
#include <fwsize/flow/flow_record.hpp>
#include <fwsize/io/ip_address.hpp>

namespace fwsize::flow {
inline namespace v0 {

inline constexpr const char* flows_header =
    "machine_id,machine,proto,local_ip,local_port,remote_ip,remote_port,start_s,first_out_s,last_out_s,"
    "first_in_s,last_in_s,fin_rst_s,end_reason,open_at_start,opened_by_host,packets_out,packets_in";

namespace detail {
/// Writes v at p; returns the end. std::to_chars, which cannot fail with 20 bytes for any uint64.
inline char* put_uint(char* p, std::uint64_t v) {
    return std::to_chars(p, p + 20, v).ptr;
}

/// Writes v < 10^9 as exactly 9 digits at p, two at a time.
inline char* put_nine_digits(char* p, std::uint32_t v) {
    static constexpr char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                    "8081828384858687888990919293949596979899";
    *p = static_cast<char>('0' + v / 100'000'000);
    v %= 100'000'000;
    for (int i = 7; i > 0; i -= 2, v /= 100) std::memcpy(p + i, pairs + 2 * (v % 100), 2);
    return p + 9;
}

/// Writes t_ns - origin_ns as seconds with 9 decimals, exactly, at p (at most 30 bytes); nothing
/// when t_ns < 0 (no packet). Returns the end.
inline char* put_relative_seconds(char* p, std::int64_t t_ns, std::int64_t origin_ns) {
    if (t_ns < 0) return p;
    const std::int64_t d = t_ns - origin_ns;
    if (d < 0) { // before second 1: cannot happen for a machine's own flows; written as it always was
        char buf[48];
        const int n = std::snprintf(buf, sizeof buf, "%lld.%09lld", static_cast<long long>(d / 1'000'000'000),
                                    static_cast<long long>(d % 1'000'000'000));
        std::memcpy(p, buf, static_cast<std::size_t>(n));
        return p + n;
    }
    p = put_uint(p, static_cast<std::uint64_t>(d / 1'000'000'000));
    *p++ = '.';
    return put_nine_digits(p, static_cast<std::uint32_t>(d % 1'000'000'000));
}

/// Appends t_ns - origin_ns as seconds with 9 decimals, exactly; nothing when t_ns < 0 (no packet).
inline void append_relative_seconds(std::string& out, std::int64_t t_ns, std::int64_t origin_ns) {
    char buf[48];
    out.append(buf, put_relative_seconds(buf, t_ns, origin_ns));
}

/// Address texts already formatted: a file's flows repeat the host's addresses in every row and
/// a peer's in runs, and inet_ntop plus a string per field was a third of writing a row.
class address_texts {
public:
    const std::string& operator()(const io::ip_address& a) {
        entry& e = slots_[std::hash<io::ip_address>{}(a) % slots_.size()];
        if (!e.used || !(e.addr == a)) {
            e.addr = a;
            e.text = a.to_string();
            e.used = true;
        }
        return e.text;
    }

private:
    struct entry {
        io::ip_address addr;
        std::string text;
        bool used = false;
    };
    std::array<entry, 251> slots_{};
};

inline char* put_text(char* p, std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
}

/// At most this many bytes per row after the prefix: two addresses (45 each), two ports (5 each),
/// six times (30 each), two counts (20 each), the protocol, reason and flags, and 17 separators.
inline constexpr std::size_t max_row_bytes_after_prefix = 4 + 2 * 45 + 2 * 5 + 6 * 30 + 2 * 20 + 32 + 8 + 17;

/// Writes the rows of flows[begin, end) at p, which has room for (end - begin) *
/// (prefix.size() + max_row_bytes_after_prefix) bytes, in place (a string append per field cost a
/// third of the row). Returns the end.
inline char* put_flow_rows(char* p, const std::string& prefix, const std::vector<flow_record>& flows, std::size_t begin,
                           std::size_t end, std::int64_t origin_ns) {
    address_texts text;
    for (std::size_t i = begin; i < end; ++i) {
        const auto& f = flows[i];
        p = put_text(p, prefix);
        p = put_text(p, f.is_tcp() ? "tcp," : "udp,");
        p = put_text(p, text(f.key.local.addr));
        *p++ = ',';
        p = put_uint(p, f.key.local.port);
        *p++ = ',';
        p = put_text(p, text(f.key.remote.addr));
        *p++ = ',';
        p = put_uint(p, f.key.remote.port);
        for (const std::int64_t t :
             {f.start_ns, f.first_out_ns, f.last_out_ns, f.first_in_ns, f.last_in_ns, f.fin_rst_ns}) {
            *p++ = ',';
            p = put_relative_seconds(p, t, origin_ns);
        }
        *p++ = ',';
        p = put_text(p, to_string(f.reason));
        p = put_text(p, f.open_at_start ? ",1," : ",0,");
        p = put_text(p, f.opened_by_host ? "1," : "0,");
        p = put_uint(p, f.packets_out);
        *p++ = ',';
        p = put_uint(p, f.packets_in);
        *p++ = '\n';
    }
    return p;
}
} // namespace detail

/// Writes one machine's rows (no header). origin_ns: the start of the machine's second 1.
/// Rows are formatted in blocks on `threads` threads (0: all cores) and each block is written as
/// soon as those before it are, while later ones are still being formatted: an extract writes
/// ~250 000 rows per GB of CSV, and formatting them was a fifth of its time.
inline void write_flow_rows(std::ostream& os, const std::string& machine_id, std::size_t machine,
                            const std::vector<flow_record>& flows, std::int64_t origin_ns, unsigned threads = 0) {
    std::string prefix = machine_id + ',';
    prefix += std::to_string(machine);
    prefix += ',';
    constexpr std::size_t rows_per_block = 4096;
    struct block {
        std::unique_ptr<char[]> text; // not zero-filled, unlike a string's resize
        std::size_t size = 0;
    };
    std::vector<block> blocks((flows.size() + rows_per_block - 1) / rows_per_block);
    fwsize::detail::parallel_for_ordered(
        blocks.size(), threads,
        [&](std::size_t b) {
            const std::size_t begin = b * rows_per_block, end = std::min(flows.size(), begin + rows_per_block);
            blocks[b].text.reset(new char[(end - begin) * (prefix.size() + detail::max_row_bytes_after_prefix)]);
            char* const first = blocks[b].text.get();
            blocks[b].size =
                static_cast<std::size_t>(detail::put_flow_rows(first, prefix, flows, begin, end, origin_ns) - first);
        },
        [&](std::size_t b) {
            os.write(blocks[b].text.get(), static_cast<std::streamsize>(blocks[b].size));
            blocks[b].text.reset();
        });
}

} // namespace v0
} // namespace fwsize::flow
