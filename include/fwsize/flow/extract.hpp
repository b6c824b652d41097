// extract — one machine's capture through the flow stage: (1) the local-address vote, (2)
// classification, flow records and events; usually in one read of the file (see extract_machine).
// The caller passes a callable that opens the file anew (a csv_reader, a pcap reader: any io::packet_source, returned
// by value or by pointer), so this stage never needs to know the reader's type.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
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
#include <fwsize/io/read_ahead.hpp>
#include <fwsize/io/records.hpp>

namespace fwsize::flow {
inline namespace v0 {

struct extract_options {
    rule_set rules = rule_set::exact;
    std::vector<io::ip_address> local; ///< `--local`: when given, the vote is skipped
    scope_rules scope;                 ///< `--exclude`
    double min_share = 0.05;           ///< streams method: an opener's least share of its family
    /// Rows read before pass 2 starts on a guess of the local addresses (extract_machine); the
    /// buffer of that many records is the only memory the single read adds.
    std::size_t speculation_rows = std::size_t{1} << 16;
    /// Parse on a helper thread while this one runs the flow stage (io::read_ahead); same result.
    bool read_ahead = true;
    /// CSV files (extract_file): line-aligned chunks of about this many bytes are scanned on
    /// `threads` threads (0: one per core) and merged in file order; same result for any values.
    std::size_t chunk_bytes = std::size_t{32} << 20;
    unsigned threads = 0;
};

namespace detail {
template <class T>
decltype(auto) as_source(T& t) {
    if constexpr (io::packet_source<T>) return (t);
    else return (*t); // a pointer or a smart pointer to a packet_source
}

/// Calls read(source), or read(a read_ahead of it) so that parsing runs on a second core.
template <class Source, class Read>
bool read_with(Source& src, bool ahead, Read&& read) {
    if (!ahead) return read(src);
    io::read_ahead<Source> a(src);
    return read(a);
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
concept source_opener = requires(Open& open) {
    open();
};

namespace detail {
/// The local addresses the options and the vote call for.
inline local_addresses decide_local(const local_address_vote& vote, const extract_options& opt) {
    if (!opt.local.empty()) return vote.override_with(opt.local);
    if (opt.rules == rule_set::seed) return vote.result(local_method::seed);
    return vote.result(vote.saw_macs() ? local_method::mac : local_method::streams);
}

/// Classification depends only on which addresses are local (not on their order or shares).
inline bool same_addresses(const local_addresses& a, const local_addresses& b) {
    const auto covers = [](const local_addresses& x, const local_addresses& y) {
        for (const auto* fam : {&y.v4, &y.v6})
            for (const auto& l : *fam)
                if (!x.contains(l.addr)) return false;
        return true;
    };
    return a.v4.size() == b.v4.size() && a.v6.size() == b.v6.size() && covers(a, b) && covers(b, a);
}

/// Pass 2's state: classification, flow records, events, for one set of local addresses.
struct event_pass {
    machine_extraction& out;
    const extract_options& opt;
    std::string file;
    classifier classify_one;
    flow_builder flows;
    seed_event_builder seed;
    clock_guard clock;

    event_pass(machine_extraction& o, const extract_options& options, const local_addresses& local, std::string f)
        : out(o), opt(options), file(std::move(f)), classify_one{&local, &options.scope}, seed(local) {}

    void add(const classified_packet& p) {
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
    void add(const io::packet_record& r) { add(classify_one(r)); }

    void finish(const io::read_report& report) {
        out.report = report;
        out.flows = std::move(flows).finish();
        out.events = opt.rules == rule_set::seed ? std::move(seed).finish() : events_from_flows(out.flows);
    }
};
} // namespace detail

/// Runs the flow stage for one machine. Throws input_error for bad input (from the reader).
///
/// Logically two passes: the local-address vote over the whole file, then classification, flow
/// records and events. To read the file once, pass 2 starts speculatively after the first
/// opt.speculation_rows rows on the addresses the vote names at that point (the rows so far are held
/// in a bounded buffer) and runs alongside the vote; a file shorter than that is one exact pass.
/// If the whole file's vote names other addresses, the speculative result is dropped and pass 2
/// re-reads the file (`open` is called again): the result is always that of the two-pass rules.
template <source_opener Open>
machine_extraction extract_machine(Open&& open, std::string machine_id, const extract_options& opt) {
    const auto fresh = [&] {
        machine_extraction m;
        m.machine_id = machine_id;
        m.rules = opt.rules;
        return m;
    };
    machine_extraction out = fresh();
    out.reads = 1;
    std::optional<local_addresses> guess;
    std::optional<detail::event_pass> spec;
    std::vector<io::packet_record> head;
    // One read: true when the speculative pass stands (the result is in `out`).
    const auto first_read = [&](auto& src) {
        const std::string file = src.report().file;
        local_address_vote vote(opt.min_share);
        head.reserve(std::min<std::size_t>(opt.speculation_rows, 1 << 16));
        for (const auto& r : io::records(src)) {
            vote.add(r);
            if (spec) {
                spec->add(r);
                continue;
            }
            head.push_back(r);
            if (head.size() >= opt.speculation_rows) {
                guess = detail::decide_local(vote, opt);
                spec.emplace(out, opt, *guess, file);
                for (const auto& h : head) spec->add(h);
                head = {};
            }
        }
        auto local = detail::decide_local(vote, opt);
        if (!spec) { // the whole file fit in the head: pass 2 on the final addresses, from memory
            guess = local;
            spec.emplace(out, opt, *guess, file);
            for (const auto& h : head) spec->add(h);
            head = {};
        }
        if (detail::same_addresses(*guess, local)) {
            spec->finish(src.report());
            out.local = std::move(local); // the final shares
            return true;
        }
        spec.reset();
        out = fresh();
        out.reads = 2;
        out.local = std::move(local);
        return false;
    };
    {
        auto opened = open();
        auto& src = detail::as_source(opened);
        if (detail::read_with(src, opt.read_ahead, first_read)) return out;
    }

    // The guess was wrong: pass 2 over a fresh source, composed as views.
    auto opened = open();
    detail::read_with(detail::as_source(opened), opt.read_ahead, [&](auto& src) {
        detail::event_pass pass(out, opt, out.local, src.report().file);
        for (const classified_packet& p : io::records(src) | classify(out.local, opt.scope)) pass.add(p);
        pass.finish(src.report());
        return true;
    });
    return out;
}

/// The CSV case: both passes open `path` with io::csv_reader; machine_id = file name without extension.
inline machine_extraction extract_csv(const std::filesystem::path& path, const extract_options& opt = {}) {
    return extract_machine([&] { return io::csv_reader(path); }, path.stem().string(), opt);
}

} // namespace v0
} // namespace fwsize::flow
