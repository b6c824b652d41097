// events — the four event series a machine contributes (design.md §3), as time points:
// tcp_new, udp_new, tcp_end, udp_end. Two rule sets produce them: `exact` (from flow records,
// events_from_flows) and `seed` (the seed's words, seed_events.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <fwsize/flow/flow_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

enum class event_kind : std::uint8_t { tcp_new, udp_new, tcp_end, udp_end };
inline constexpr std::size_t event_kind_count = 4;
inline constexpr std::array<event_kind, event_kind_count> all_event_kinds{event_kind::tcp_new, event_kind::udp_new,
                                                                          event_kind::tcp_end, event_kind::udp_end};

constexpr std::string_view to_string(event_kind k) {
    constexpr std::array<std::string_view, event_kind_count> names{"tcp_new", "udp_new", "tcp_end", "udp_end"};
    return names[static_cast<std::size_t>(k)];
}

enum class rule_set : std::uint8_t { exact, seed };

constexpr std::string_view to_string(rule_set r) {
    return r == rule_set::exact ? "exact" : "seed";
}

inline std::optional<rule_set> parse_rule_set(std::string_view s) {
    if (s == "exact") return rule_set::exact;
    if (s == "seed") return rule_set::seed;
    return std::nullopt;
}

/// Event times (ns since the epoch) per kind; unsorted.
struct machine_events {
    std::array<std::vector<std::int64_t>, event_kind_count> times_ns;
    std::vector<std::int64_t>& operator[](event_kind k) { return times_ns[static_cast<std::size_t>(k)]; }
    const std::vector<std::int64_t>& operator[](event_kind k) const { return times_ns[static_cast<std::size_t>(k)]; }
};

/// The exact rules over flow records: a TCP connection is new at its start when the host opened it
/// with a SYN, and ends at its first FIN/RST; streams whose start was not captured have neither.
/// A UDP flow of the host is new at its first outbound packet and ends at its last one.
inline machine_events events_from_flows(const std::vector<flow_record>& flows) {
    machine_events e;
    for (const auto& f : flows) {
        if (f.is_tcp()) {
            if (!f.opened_by_host || f.open_at_start) continue;
            e[event_kind::tcp_new].push_back(f.start_ns);
            if (f.fin_rst_ns >= 0) e[event_kind::tcp_end].push_back(f.fin_rst_ns);
        } else if (f.packets_out > 0) {
            e[event_kind::udp_new].push_back(f.first_out_ns);
            e[event_kind::udp_end].push_back(f.last_out_ns);
        }
    }
    return e;
}

} // namespace v0
} // namespace fwsize::flow
