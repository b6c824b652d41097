// ppc_plot — posterior predictive checks of one machine: for each series and statistic, the
// predictive 90 % interval and median of the statistic (replicated captures) and the observed
// value, all divided by the predictive median so statistics of any scale share one log axis.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fwsize/model/posterior_predictive.hpp>
#include <fwsize/report/detail/chart.hpp>

namespace fwsize::report {
inline namespace v0 {
namespace detail {

/// `rows`: the PPC rows of one machine (any series).
inline chart ppc_chart(const std::string& machine, const std::vector<model::ppc_row>& rows) {
    chart c;
    c.title = "Posterior predictive check: " + machine;
    c.subtitle = "bar: 90 % predictive interval of the statistic; dot: observed (green inside, red outside)";
    c.x_label = "value / predictive median (ratio, log scale)";
    c.y_label = "series and statistic";
    c.x_log = true;
    c.height = std::max(260, 110 + 24 * static_cast<int>(rows.size()));
    const std::string in = "#2ca02c", out = "#d62728", bar = "#1f77b4";
    bool first_bar = true, first_in = true, first_out = true;
    int skipped = 0, outside = 0;
    // First row at the top: y counts down from the number of drawable rows.
    double y = 1;
    for (const auto& r : rows) y += (r.q50 > 0 || r.predicted_mean > 0) ? 1 : 0;
    const double rows_drawn = y - 1;
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    for (const auto& r : rows) {
        const double ref = r.q50 > 0 ? r.q50 : r.predicted_mean;
        if (!(ref > 0)) {
            ++skipped;
            continue;
        }
        y -= 1;
        c.y_categories.emplace_back(y, r.series + " · " + r.statistic);
        const double a = r.q05 / ref, b = r.q95 / ref, o = r.observed / ref;
        for (double v : {a, b, o, 1.0})
            if (v > 0) lo = std::min(lo, v), hi = std::max(hi, v);
        c.lines.push_back({first_bar ? "90 % predictive interval" : "", bar, {a, b}, {y, y}, false, false, 5, false});
        c.lines.push_back({"", "#0b3d66", {1.0, 1.0}, {y - 0.22, y + 0.22}, false, false, 2, false});
        const bool ok = r.q05 <= r.observed && r.observed <= r.q95;
        outside += ok ? 0 : 1;
        std::string label;
        if (ok && first_in) label = "observed, inside", first_in = false;
        if (!ok && first_out) label = "observed, outside", first_out = false;
        c.lines.push_back({label, ok ? in : out, {o}, {y}, false, false, 0.01, true, false, 5});
        first_bar = false;
    }
    // Zero values (an interval from 0) sit at the left edge; keep the axis around the data.
    if (std::isfinite(lo))
        c.x_min = std::pow(10.0, std::floor(std::log10(std::min(lo, 0.5)))),
        c.x_max = std::pow(10.0, std::ceil(std::log10(std::max(hi, 2.0))));
    c.y_min = 0.3;
    c.y_max = rows_drawn + 0.7;
    c.notes.push_back(std::to_string(outside) + " of " + std::to_string(static_cast<int>(rows_drawn)) +
                      " statistics outside their 90 % interval (about 10 % expected by chance).");
    if (skipped) c.notes.push_back(std::to_string(skipped) + " statistics with a predictive median of 0 not drawn.");
    return c;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::report
