// Everything a machine's extraction tells — the per-second table, every flow record field, the
// local addresses with votes and shares, scope and protocol counts, the report, the span — as one
// text: equal texts, equal results. The oracle comparison of the flow tests.
#pragma once

#include <sstream>
#include <string>

#include <fwsize/flow/flow_records_csv.hpp>
#include <fwsize/flow/machine_extraction.hpp>
#include <fwsize/series/cps_table.hpp>
#include <fwsize/series/machine_table.hpp>

namespace fwsize::test {

/// (How many reads it took is not part of the result.)
inline std::string extraction_summary(const flow::machine_extraction& m) {
    std::ostringstream os;
    series::machine_table t;
    t.add(series::bin_events(m));
    series::write_cps_csv(os, t);
    flow::write_flow_rows(os, m.machine_id, 1, m.flows, 0);
    os << flow::to_string(m.local.method);
    for (const auto* fam : {&m.local.v4, &m.local.v6})
        for (const auto& a : *fam) os << ' ' << a.addr.to_string() << '=' << a.votes << '/' << a.share;
    os << "\nscope";
    for (auto c : m.scope.packets) os << ' ' << c;
    os << " foreign " << m.foreign_packets << " tcp " << m.protocols.tcp_packets << " udp " << m.protocols.udp_packets
       << " rows " << m.report.units_read << '/' << m.report.records << " skipped " << m.report.skipped_total()
       << " span " << m.first_ns << ' ' << m.last_ns << " flags " << m.from_flags;
    for (auto e : flow::all_event_kinds) os << ' ' << m.events[e].size();
    return os.str();
}

} // namespace fwsize::test
