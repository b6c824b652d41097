// extract — one machine's capture through the flow stage, in two passes over a fresh source each:
// (1) the local-address vote, (2) classification, flow records and events. The caller passes a
// callable that opens the file anew (a csv_reader, a pcap reader: any io::packet_source, returned
// by value or by pointer), so this stage never needs to know the reader's type.
#pragma once

#include <concepts>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <fwsize/flow/classify.hpp>
#include <fwsize/flow/events.hpp>
#include <fwsize/flow/flow_builder.hpp>
#include <fwsize/flow/local_address_vote.hpp>
#include <fwsize/flow/machine_extraction.hpp>
#include <fwsize/flow/scope.hpp>
#include <fwsize/flow/seed_events.hpp>
#include <fwsize/input_error.hpp>
#include <fwsize/io/csv_reader.hpp>
#include <fwsize/io/packet_source.hpp>
#include <fwsize/io/records.hpp>

namespace fwsize::flow {
inline namespace v0 {

struct extract_options {
    rule_set rules = rule_set::exact;
    std::vector<io::ip_address> local; ///< `--local`: when given, the vote is skipped
    scope_rules scope;                  ///< `--exclude`
    double min_share = 0.05;            ///< streams method: an opener's least share of its family
};

namespace detail {
template <class T>
decltype(auto) as_source(T& t) {
    if constexpr (io::packet_source<T>) return (t);
    else return (*t); // a pointer or a smart pointer to a packet_source
}

/// Rejects a clock jump in any source (the CSV reader already does, naming the line; this names
/// the frame for other readers).
struct clock_guard {
    std::int64_t newest = 0;
    bool any = false;
    void check(const io::packet_record& r, const std::string& file) {
        if (any && (r.timestamp_ns < newest - io::max_clock_backstep.count() ||
                    r.timestamp_ns > newest + io::max_clock_gap.count()))
            throw input_error::in_file(file, "frame " + std::to_string(r.id) +
                                                 ": clock jumps by more than the allowed step; the capture looks "
                                                 "spliced from several captures; split it and pass the parts");
        if (!any || r.timestamp_ns > newest) newest = r.timestamp_ns;
        any = true;
    }
};
} // namespace detail

template <class Open>
concept source_opener = requires(Open& open) { open(); };

/// Runs both passes for one machine. Throws input_error for bad input (from the reader).
template <source_opener Open>
machine_extraction extract_machine(Open&& open, std::string machine_id, const extract_options& opt) {
    machine_extraction out;
    out.machine_id = std::move(machine_id);
    out.rules = opt.rules;

    // Pass 1: the vote (or the user's override, which still reports shares from this pass).
    {
        auto opened = open();
        auto& src = detail::as_source(opened);
        local_address_vote vote(opt.min_share);
        for (const auto& r : io::records(src)) vote.add(r);
        if (!opt.local.empty()) out.local = vote.override_with(opt.local);
        else if (opt.rules == rule_set::seed) out.local = vote.result(local_method::seed);
        else out.local = vote.result(vote.saw_macs() ? local_method::mac : local_method::streams);
    }

    // Pass 2: classify every packet, build flows, derive events.
    auto opened = open();
    auto& src = detail::as_source(opened);
    const std::string file = src.report().file;
    flow_builder flows;
    seed_event_builder seed(out.local);
    detail::clock_guard clock;
    for (const classified_packet& p : io::records(src) | classify(out.local, opt.scope)) {
        const auto& r = p.rec;
        clock.check(r, file);
        if (out.first_ns < 0 || r.timestamp_ns < out.first_ns) out.first_ns = r.timestamp_ns;
        if (r.timestamp_ns > out.last_ns) out.last_ns = r.timestamp_ns;
        ++(r.is_tcp() ? out.protocols.tcp_packets : out.protocols.udp_packets);
        if (r.is_tcp() && r.tcp_flags) out.from_flags = true;
        out.scope.add(p.scope);
        if (p.in_scope() && p.dir == direction::foreign) ++out.foreign_packets;
        flows.add(p);
        if (opt.rules == rule_set::seed) seed.add(r);
    }
    out.report = src.report();
    out.flows = std::move(flows).finish();
    out.events = opt.rules == rule_set::seed ? std::move(seed).finish() : events_from_flows(out.flows);
    return out;
}

/// The CSV case: both passes open `path` with io::csv_reader; machine_id = file name without extension.
inline machine_extraction extract_csv(const std::filesystem::path& path, const extract_options& opt = {}) {
    return extract_machine([&] { return io::csv_reader(path); }, path.stem().string(), opt);
}

} // namespace v0
} // namespace fwsize::flow
