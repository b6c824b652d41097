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
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <fwsize/detail/parallel_for.hpp>
#include <fwsize/flow/flow_record.hpp>
#include <fwsize/io/ip_address.hpp>

namespace fwsize::flow {
inline namespace v0 {

inline constexpr const char* flows_header =
    "machine_id,machine,proto,local_ip,local_port,remote_ip,remote_port,start_s,first_out_s,last_out_s,"
    "first_in_s,last_in_s,fin_rst_s,end_reason,open_at_start,opened_by_host,packets_out,packets_in";

namespace detail {
/// Appends t_ns - origin_ns as seconds with 9 decimals, exactly; nothing when t_ns < 0 (no packet).
inline void append_relative_seconds(std::string& out, std::int64_t t_ns, std::int64_t origin_ns) {
    if (t_ns < 0) return;
    const std::int64_t d = t_ns - origin_ns;
    char buf[40];
    if (d < 0) { // before second 1: cannot happen for a machine's own flows; written as it always was
        std::snprintf(buf, sizeof buf, "%lld.%09lld", static_cast<long long>(d / 1'000'000'000),
                      static_cast<long long>(d % 1'000'000'000));
        out += buf;
        return;
    }
    char* p = std::to_chars(buf, buf + 20, d / 1'000'000'000).ptr;
    *p++ = '.';
    std::int64_t frac = d % 1'000'000'000;
    for (int i = 8; i >= 0; --i, frac /= 10) p[i] = static_cast<char>('0' + frac % 10);
    out.append(buf, p + 9);
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

template <class Int>
void append_int(std::string& out, Int v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}
} // namespace detail

namespace detail {
/// Appends the rows of flows[begin, end) to `block`.
inline void append_flow_rows(std::string& block, const std::string& prefix, const std::vector<flow_record>& flows,
                             std::size_t begin, std::size_t end, std::int64_t origin_ns) {
    address_texts text;
    for (std::size_t i = begin; i < end; ++i) {
        const auto& f = flows[i];
        block += prefix;
        block += f.is_tcp() ? "tcp," : "udp,";
        block += text(f.key.local.addr);
        block += ',';
        append_int(block, f.key.local.port);
        block += ',';
        block += text(f.key.remote.addr);
        block += ',';
        append_int(block, f.key.remote.port);
        for (const std::int64_t t :
             {f.start_ns, f.first_out_ns, f.last_out_ns, f.first_in_ns, f.last_in_ns, f.fin_rst_ns}) {
            block += ',';
            append_relative_seconds(block, t, origin_ns);
        }
        block += ',';
        block += to_string(f.reason);
        block += f.open_at_start ? ",1," : ",0,";
        block += f.opened_by_host ? "1," : "0,";
        append_int(block, f.packets_out);
        block += ',';
        append_int(block, f.packets_in);
        block += '\n';
    }
}
} // namespace detail

/// Writes one machine's rows (no header). origin_ns: the start of the machine's second 1.
/// Rows are formatted in blocks on `threads` threads (0: all cores) and written in order: an
/// extract writes ~250 000 of them per GB of CSV, and formatting them was a fifth of its time.
inline void write_flow_rows(std::ostream& os, const std::string& machine_id, std::size_t machine,
                            const std::vector<flow_record>& flows, std::int64_t origin_ns, unsigned threads = 0) {
    std::string prefix = machine_id + ',';
    detail::append_int(prefix, machine);
    prefix += ',';
    constexpr std::size_t rows_per_block = 4096, blocks_per_round = 16;
    std::vector<std::string> blocks(blocks_per_round);
    for (std::size_t first = 0; first < flows.size(); first += rows_per_block * blocks_per_round) {
        const std::size_t n = std::min(blocks_per_round, (flows.size() - first + rows_per_block - 1) / rows_per_block);
        fwsize::detail::parallel_for(n, threads, [&](std::size_t b) {
            const std::size_t begin = first + b * rows_per_block;
            blocks[b].clear();
            detail::append_flow_rows(blocks[b], prefix, flows, begin, std::min(flows.size(), begin + rows_per_block),
                                     origin_ns);
        });
        for (std::size_t b = 0; b < n; ++b) os.write(blocks[b].data(), static_cast<std::streamsize>(blocks[b].size()));
    }
}

} // namespace v0
} // namespace fwsize::flow
