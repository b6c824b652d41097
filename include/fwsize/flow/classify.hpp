// classify — the classified packet stream: each record with its direction relative to the host,
// its scope category and its direction-free flow key. This is what every later stage replays:
// the flow builder here, and a firewall session table (with a timer profile) later.
//
//   auto packets = io::records(source) | flow::classify(local, scope);
//   for (const flow::classified_packet& p : packets)
//       if (p.in_scope() && p.dir != flow::direction::foreign) ...
//
// The view is lazy and single-pass (it follows its source); `local` and `scope` must outlive it.
#pragma once

#include <fwsize/detail/ranges.hpp>
#include <fwsize/flow/flow_key.hpp>
#include <fwsize/flow/local_addresses.hpp>
#include <fwsize/flow/scope.hpp>
#include <fwsize/io/packet_record.hpp>

namespace fwsize::flow {
inline namespace v0 {

struct classified_packet {
    io::packet_record rec;
    direction dir = direction::foreign;
    scope_category scope = scope_category::in_scope;
    flow_key key;

    [[nodiscard]] bool in_scope() const { return scope == scope_category::in_scope; }
    /// In scope and to or from the host: what a firewall in front of the host would see.
    [[nodiscard]] bool host_traffic() const { return in_scope() && dir != direction::foreign; }
};

/// Classifies one record (the function the view applies).
struct classifier {
    const local_addresses* local = nullptr;
    const scope_rules* scope = nullptr;

    [[nodiscard]] classified_packet operator()(const io::packet_record& r) const {
        classified_packet p;
        p.rec = r;
        p.dir = local->contains(r.src)   ? direction::outbound
                : local->contains(r.dst) ? direction::inbound
                                         : direction::foreign;
        p.scope = scope_of(r, *scope);
        p.key = key_of(r, p.dir);
        return p;
    }
};

/// A range-v3 view adaptor: `records | classify(local, scope)` yields classified_packet.
inline auto classify(const local_addresses& local, const scope_rules& scope) {
    return fwsize::detail::rv::transform(classifier{&local, &scope});
}

} // namespace v0
} // namespace fwsize::flow
