// sizing_columns — the columns of the sizing table (sizing.csv, .md, .json), in order, and access
// to a row's value by column index, so every format writes (and tests read) the same table.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <fwsize/predict/sizing_row.hpp>

namespace fwsize::report {
inline namespace v0 {

inline constexpr std::array<std::string_view, 16> sizing_columns{
    "quantity",     "users",       "pooled_mean", "pooled_p50", "pooled_p95", "pooled_p99", "pooled_p999",
    "p95_median",   "p95_lo",      "p95_hi",      "p99_median", "p99_lo",     "p99_hi",     "peak_hour_median",
    "peak_hour_lo", "peak_hour_hi"};

/// The numeric value of column `i` (2..15) of a row; columns 0 and 1 are the quantity and N.
inline double sizing_value(const predict::sizing_row& r, std::size_t i) {
    const double v[] = {0,
                        static_cast<double>(r.users),
                        r.pooled_mean,
                        r.pooled_p50,
                        r.pooled_p95,
                        r.pooled_p99,
                        r.pooled_p999,
                        r.p95_median,
                        r.p95_lo,
                        r.p95_hi,
                        r.p99_median,
                        r.p99_lo,
                        r.p99_hi,
                        r.peak_hour_median,
                        r.peak_hour_lo,
                        r.peak_hour_hi};
    return i < sizing_columns.size() ? v[i] : 0.0;
}

/// Sets column `i` (2..15) of a row.
inline void set_sizing_value(predict::sizing_row& r, std::size_t i, double x) {
    double* p[] = {nullptr,        nullptr,        &r.pooled_mean, &r.pooled_p50,       &r.pooled_p95,
                   &r.pooled_p99,  &r.pooled_p999, &r.p95_median,  &r.p95_lo,           &r.p95_hi,
                   &r.p99_median,  &r.p99_lo,      &r.p99_hi,      &r.peak_hour_median, &r.peak_hour_lo,
                   &r.peak_hour_hi};
    if (i >= 2 && i < sizing_columns.size()) *p[i] = x;
}

} // namespace v0
} // namespace fwsize::report
