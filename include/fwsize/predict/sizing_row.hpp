// sizing_row — one line of the sizing table (sizing.csv): a quantity for an office of N users.
// pooled_* are quantiles of the posterior predictive (the mixture over draws); p95_*, p99_* and
// peak_hour_* are per-draw quantiles summarised by their posterior median and 90 % interval.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fwsize::predict {
inline namespace v0 {

struct sizing_row {
    std::string quantity; ///< new_per_second, log_lines_per_minute or concurrent_sessions
    std::int64_t users = 1;
    double pooled_mean = 0, pooled_p50 = 0, pooled_p95 = 0, pooled_p99 = 0, pooled_p999 = 0;
    double p95_median = 0, p95_lo = 0, p95_hi = 0;
    double p99_median = 0, p99_lo = 0, p99_hi = 0;
    double peak_hour_median = 0, peak_hour_lo = 0, peak_hour_hi = 0;
    /// Columns (names as in sizing.csv) whose value is only a lower bound, "at least": a pooled
    /// quantile at the window, or a per-draw summary that a draw's quantile beyond its window
    /// (a cut draw, mass beyond the PMF window) reaches. The others are exact.
    std::vector<std::string> at_least;

    [[nodiscard]] bool is_at_least(std::string_view column) const {
        return std::find(at_least.begin(), at_least.end(), column) != at_least.end();
    }

    friend bool operator==(const sizing_row&, const sizing_row&) = default;
};

} // namespace v0
} // namespace fwsize::predict
