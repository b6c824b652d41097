// sizing_markdown — the sizing table as a GitHub-flavoured Markdown table with the same columns and
// the same exact numbers as sizing.csv; a value that is only a lower bound reads "≥ value".
#pragma once

#include <span>
#include <sstream>
#include <string>

#include <fwsize/predict/sizing_row.hpp>
#include <fwsize/report/detail/number_format.hpp>
#include <fwsize/report/sizing_columns.hpp>

namespace fwsize::report {
inline namespace v0 {

inline std::string sizing_markdown(std::span<const predict::sizing_row> rows) {
    std::ostringstream o;
    o << '|';
    for (auto c : sizing_columns) o << ' ' << c << " |";
    o << "\n|";
    for (std::size_t i = 0; i < sizing_columns.size(); ++i) o << (i < 2 ? " --- |" : " ---: |");
    o << '\n';
    for (const auto& r : rows) {
        o << "| " << r.quantity << " | " << r.users << " |";
        // "≥ " marks a value that is only a lower bound (sizing_row::at_least: beyond a PMF window).
        for (std::size_t i = 2; i < sizing_columns.size(); ++i)
            o << ' ' << (r.is_at_least(sizing_columns[i]) ? "≥ " : "") << detail::exact_number(sizing_value(r, i))
              << " |";
        o << '\n';
    }
    return o.str();
}

} // namespace v0
} // namespace fwsize::report
