// flow_records_csv — flow records as CSV (written by `fwsize extract` beside the per-second table):
//   machine_id,machine,proto,local_ip,local_port,remote_ip,remote_port,start_s,first_out_s,
//   last_out_s,first_in_s,last_in_s,fin_rst_s,end_reason,open_at_start,opened_by_host,
//   packets_out,packets_in
// Times are seconds since the machine's second 1 began (floor of its first packet), with 9
// decimals, exact; empty where there was no such packet.
#pragma once

#include <cstdint>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include <fwsize/flow/flow_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

inline constexpr const char* flows_header =
    "machine_id,machine,proto,local_ip,local_port,remote_ip,remote_port,start_s,first_out_s,last_out_s,"
    "first_in_s,last_in_s,fin_rst_s,end_reason,open_at_start,opened_by_host,packets_out,packets_in";

namespace detail {
inline std::string relative_seconds(std::int64_t t_ns, std::int64_t origin_ns) {
    if (t_ns < 0) return {};
    const std::int64_t d = t_ns - origin_ns;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%lld.%09lld", static_cast<long long>(d / 1'000'000'000),
                  static_cast<long long>(d % 1'000'000'000));
    return buf;
}
} // namespace detail

/// Writes one machine's rows (no header). origin_ns: the start of the machine's second 1.
inline void write_flow_rows(std::ostream& os, const std::string& machine_id, std::size_t machine,
                            const std::vector<flow_record>& flows, std::int64_t origin_ns) {
    using detail::relative_seconds;
    for (const auto& f : flows) {
        os << machine_id << ',' << machine << ',' << (f.is_tcp() ? "tcp" : "udp") << ','
           << f.key.local.addr.to_string() << ',' << f.key.local.port << ',' << f.key.remote.addr.to_string() << ','
           << f.key.remote.port << ',' << relative_seconds(f.start_ns, origin_ns) << ','
           << relative_seconds(f.first_out_ns, origin_ns) << ',' << relative_seconds(f.last_out_ns, origin_ns) << ','
           << relative_seconds(f.first_in_ns, origin_ns) << ',' << relative_seconds(f.last_in_ns, origin_ns) << ','
           << relative_seconds(f.fin_rst_ns, origin_ns) << ',' << to_string(f.reason) << ','
           << (f.open_at_start ? 1 : 0) << ',' << (f.opened_by_host ? 1 : 0) << ',' << f.packets_out << ','
           << f.packets_in << '\n';
    }
}

} // namespace v0
} // namespace fwsize::flow
