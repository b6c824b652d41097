// cps_table — the per-second table as text:
//   machine_id,machine,second,minute,tcp_new,udp_new,tcp_end,udp_end
// one row per machine and second, machines in table order (machine = 1..K). A protocol the capture
// did not hold is written as zeros here (the columns are fixed); machine_series::present says so.
#pragma once

#include <ostream>
#include <string>

#include <fwsize/series/machine_table.hpp>

namespace fwsize::series {
inline namespace v0 {

inline constexpr const char* cps_header = "machine_id,machine,second,minute,tcp_new,udp_new,tcp_end,udp_end";

inline void write_cps_csv(std::ostream& os, const machine_table& table) {
    os << cps_header << '\n';
    std::string row;
    for (std::size_t k = 0; k < table.size(); ++k) {
        const auto& m = table.machine(k);
        const std::string prefix = m.machine_id + ',' + std::to_string(k + 1) + ',';
        for (std::size_t s = 1; s <= m.seconds(); ++s) {
            row = prefix;
            row += std::to_string(s);
            row += ',';
            row += std::to_string(minute_of_second(s));
            for (const auto& c : m.counts) {
                row += ',';
                row += std::to_string(c[s - 1]);
            }
            row += '\n';
            os << row;
        }
    }
}

} // namespace v0
} // namespace fwsize::series
