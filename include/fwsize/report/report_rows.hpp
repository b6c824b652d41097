// report_rows — the rows a report's table shows: sizing_report::rows when given, otherwise the
// rows of its predictions in order.
#pragma once

#include <vector>

#include <fwsize/predict/sizing_row.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::report {
inline namespace v0 {

inline std::vector<predict::sizing_row> report_rows(const sizing_report& r) {
    if (!r.rows.empty()) return r.rows;
    std::vector<predict::sizing_row> out;
    for (const auto& q : r.predictions) out.insert(out.end(), q.rows.begin(), q.rows.end());
    return out;
}

} // namespace v0
} // namespace fwsize::report
