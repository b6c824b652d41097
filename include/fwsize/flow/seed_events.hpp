// seed_events — the seed's rules, to the letter, for comparison with existing analyses
// (docs/event-rules.md): with one local address per family (local_method::seed), only rows sent by
// it count, and no scope is applied;
//   tcp_new = each such TCP row with completeness 0;
//   tcp_end = the first row of each outbound 4-tuple whose completeness is 15, 31 or 63;
//   udp_new / udp_end = the first / last row of each outbound UDP 4-tuple.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include <fwsize/flow/events.hpp>
#include <fwsize/flow/flow_key.hpp>
#include <fwsize/flow/local_addresses.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

class seed_event_builder {
public:
    explicit seed_event_builder(const local_addresses& local) : local_(&local) {}

    void add(const io::packet_record& r) {
        if (!local_->contains(r.src)) return;
        const auto k = key_of(r, direction::outbound);
        const std::int64_t t = r.timestamp_ns;
        if (r.is_tcp()) {
            if (r.tcp_completeness == 0) events_[event_kind::tcp_new].push_back(t);
            const int c = r.tcp_completeness;
            if ((c == 15 || c == 31 || c == 63) && ended_.insert(k).second) events_[event_kind::tcp_end].push_back(t);
        } else {
            auto [it, fresh] = udp_.try_emplace(k, udp_span{t, t});
            if (!fresh) it->second.last = t;
        }
    }

    machine_events finish() && {
        for (const auto& [_, s] : udp_) {
            events_[event_kind::udp_new].push_back(s.first);
            events_[event_kind::udp_end].push_back(s.last);
        }
        return std::move(events_);
    }

private:
    struct udp_span {
        std::int64_t first, last;
    };
    const local_addresses* local_;
    machine_events events_;
    std::unordered_set<flow_key, flow_key_hash> ended_;
    std::unordered_map<flow_key, udp_span, flow_key_hash> udp_;
};

} // namespace v0
} // namespace fwsize::flow
