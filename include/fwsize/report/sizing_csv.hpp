// sizing_csv — the sizing table as CSV: the header line of sizing_columns, one row per quantity and
// N, numbers in their shortest round-trip form (parse back to the identical double).
#pragma once

#include <span>
#include <sstream>
#include <string>

#include <fwsize/predict/sizing_row.hpp>
#include <fwsize/report/detail/number_format.hpp>
#include <fwsize/report/sizing_columns.hpp>

namespace fwsize::report {
inline namespace v0 {

inline std::string sizing_csv(std::span<const predict::sizing_row> rows) {
    std::ostringstream o;
    for (std::size_t i = 0; i < sizing_columns.size(); ++i) o << (i ? "," : "") << sizing_columns[i];
    o << '\n';
    for (const auto& r : rows) {
        // Quantity names are fixed identifiers (no commas or quotes), so no CSV quoting is needed.
        o << r.quantity << ',' << r.users;
        for (std::size_t i = 2; i < sizing_columns.size(); ++i) o << ',' << detail::exact_number(sizing_value(r, i));
        o << '\n';
    }
    return o.str();
}

} // namespace v0
} // namespace fwsize::report
