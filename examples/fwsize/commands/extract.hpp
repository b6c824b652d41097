// fwsize extract FILE... [-o cps.csv] [--rules exact|seed] [--local ADDR]... [--exclude CIDR]...
// Per-second event table (machine_id,machine,second,minute,tcp_new,udp_new,tcp_end,udp_end) and the
// flow records beside it (cps.flows.csv for cps.csv); both written atomically. Report on stderr.
#pragma once

#include <filesystem>
#include <future>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fwsize/flow/cidr.hpp>
#include <fwsize/flow/extract.hpp>
#include <fwsize/flow/extract_file.hpp>
#include <fwsize/flow/flow_records_csv.hpp>
#include <fwsize/input_error.hpp>
#include <fwsize/io/atomic_output.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/series/cps_table.hpp>
#include <fwsize/series/machine_table.hpp>

#include "../command.hpp"

namespace fwsize::cli {

namespace extract_detail {

struct options {
    std::vector<std::string> files;
    std::string output = "cps.csv";
    std::string rules = "exact";
    std::vector<std::string> local, exclude;
};

inline std::filesystem::path flows_path(const std::filesystem::path& out) {
    auto p = out;
    p.replace_extension(".flows.csv");
    return p;
}

inline std::string percent(double share) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << 100.0 * share << '%';
    return s.str();
}

inline void print_report(std::ostream& err, std::size_t k, const flow::machine_extraction& m,
                         const series::machine_series& s, std::uint64_t flows) {
    const auto& rep = m.report;
    err << "machine " << k << " " << m.machine_id << " (" << rep.file << ")\n";
    err << "  rows read " << rep.units_read << ", packet records " << rep.records << ", skipped "
        << rep.skipped_total();
    for (const auto& [why, n] : rep.skipped) err << " [" << why << ": " << n << "]";
    err << "\n  local addresses (" << flow::to_string(m.local.method) << "):";
    if (m.local.host_mac) err << " host MAC " << flow::to_string(*m.local.host_mac) << ";";
    for (const auto* fam : {&m.local.v4, &m.local.v6}) {
        if (fam == &m.local.v6 && m.local.v6.empty()) continue;
        err << (fam == &m.local.v4 ? " IPv4" : " IPv6");
        if (fam->empty()) err << " none";
        for (const auto& a : *fam) err << " " << a.addr.to_string() << " (" << percent(a.share) << ")";
        err << ";";
    }
    err << "\n  excluded:";
    for (auto c : {flow::scope_category::multicast, flow::scope_category::broadcast, flow::scope_category::link_local,
                   flow::scope_category::excluded})
        err << " " << flow::to_string(c) << " " << m.scope[c];
    err << "; neither end local " << m.foreign_packets << " packets\n";
    err << "  protocols: tcp " << m.protocols.tcp_packets << " packets, udp " << m.protocols.udp_packets << " packets";
    if (!m.protocols.has_udp()) err << " (NO UDP captured: its series are missing, not zero)";
    if (!m.protocols.has_tcp()) err << " (NO TCP captured: its series are missing, not zero)";
    err << "\n  events (" << flow::to_string(m.rules) << " rules, " << (m.from_flags ? "TCP flags" : "tcp.completeness")
        << "):";
    for (auto e : flow::all_event_kinds) err << " " << flow::to_string(e) << " " << m.events[e].size();
    err << "; flows " << flows << "; span " << s.seconds() << " s\n";
}

inline int run(const options& o) {
    flow::extract_options opt;
    opt.rules = *flow::parse_rule_set(o.rules);
    for (const auto& a : o.local) opt.local.push_back(*io::ip_address::parse(a));
    for (const auto& c : o.exclude) opt.scope.exclude.push_back(*flow::cidr::parse(c));

    // One file = one machine, named by its stem: two files with one stem would merge silently.
    std::map<std::string, std::string> stems;
    for (const auto& f : o.files) {
        const auto stem = std::filesystem::path(f).stem().string();
        if (auto [it, fresh] = stems.emplace(stem, f); !fresh)
            throw input_error::in_file(f, "same machine id '" + stem + "' as " + it->second +
                                              " (machine id = file name without extension); rename one");
    }

    series::machine_table table;
    std::vector<flow::machine_extraction> machines;
    for (const auto& f : o.files) {
        const std::filesystem::path path(f);
        auto m = flow::extract_file(path, opt);
        auto s = series::bin_events(m);
        print_report(std::cerr, table.size() + 1, m, s, m.flows.size());
        table.add(std::move(s));
        m.events = {}; // the table holds the counts now
        machines.push_back(std::move(m));
    }

    const std::filesystem::path out(o.output);
    io::atomic_output_file cps(out), flows(flows_path(out));
    // The two files are independent: the per-second table is written while the flows are.
    auto cps_written = std::async(std::launch::async, [&] { series::write_cps_csv(cps.stream(), table); });
    flows.stream() << flow::flows_header << '\n';
    for (std::size_t k = 0; k < machines.size(); ++k)
        flow::write_flow_rows(flows.stream(), machines[k].machine_id, k + 1, machines[k].flows,
                              table.machine(k).first_epoch_s * 1'000'000'000);
    cps_written.get();
    cps.commit();
    flows.commit();
    std::cerr << "wrote " << out.string() << " and " << flows_path(out).string() << "\n";
    return 0;
}

} // namespace extract_detail

inline command add_extract(CLI::App& app) {
    auto o = std::make_shared<extract_detail::options>();
    auto* sub = app.add_subcommand("extract", "Per-second new/end events of TCP and UDP, and flow records, from "
                                              "captures (one file per machine)");
    sub->add_option("files", o->files, "capture files: pcap, pcapng or CSV in the seed schema (by magic number)")
        ->required();
    sub->add_option("-o,--output", o->output, "per-second table (flows go beside it: NAME.flows.csv)")
        ->capture_default_str();
    sub->add_option("--rules", o->rules, "event rules: exact (default) or seed (the seed's words)")
        ->capture_default_str()
        ->check(CLI::IsMember({"exact", "seed"}));
    sub->add_option("--local", o->local, "the host's address (repeatable); overrides the vote")
        ->check([](const std::string& s) { return io::ip_address::parse(s) ? "" : "not an IP address: " + s; });
    sub->add_option("--exclude", o->exclude, "CIDR never crossing the firewall, e.g. a LAN resolver (repeatable)")
        ->check([](const std::string& s) { return flow::cidr::parse(s) ? "" : "not a CIDR block: " + s; });
    return {sub, [o] { return extract_detail::run(*o); }};
}

} // namespace fwsize::cli
