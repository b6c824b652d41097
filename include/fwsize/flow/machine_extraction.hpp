// machine_extraction — everything the flow stage learns about one machine (one capture file):
// its local addresses, scope counts, which protocols the capture holds, its time span, flow
// records and events, and the reader's report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <fwsize/flow/events.hpp>
#include <fwsize/flow/flow_record.hpp>
#include <fwsize/flow/local_addresses.hpp>
#include <fwsize/flow/scope.hpp>
#include <fwsize/io/read_report.hpp>

namespace fwsize::flow {
inline namespace v0 {

/// Which transport protocols the capture holds at all. A capture with no UDP packet was almost
/// certainly filtered: its UDP series is missing, not zero.
struct protocol_presence {
    std::uint64_t tcp_packets = 0, udp_packets = 0; ///< all packets, in scope or not
    [[nodiscard]] bool has_tcp() const { return tcp_packets > 0; }
    [[nodiscard]] bool has_udp() const { return udp_packets > 0; }
};

struct machine_extraction {
    std::string machine_id; ///< file name without extension
    rule_set rules = rule_set::exact;
    bool from_flags = false; ///< TCP rules read flags (capture) rather than completeness (CSV)
    io::read_report report;
    local_addresses local;
    scope_counts scope;                ///< packets by scope category (all packets)
    std::uint64_t foreign_packets = 0; ///< in scope but neither end local
    protocol_presence protocols;
    std::int64_t first_ns = -1, last_ns = -1; ///< first / last TCP or UDP packet, in scope or not
    std::vector<flow_record> flows;           ///< exact-rule flow records (whatever `rules` is)
    machine_events events;                    ///< under `rules`
    std::uint8_t reads = 0; ///< reads of the file: 1, or 2 when the early guess of local addresses was wrong
};

} // namespace v0
} // namespace fwsize::flow
