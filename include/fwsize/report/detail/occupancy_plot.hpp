// occupancy_plot — one machine's observed session-table occupancy (replay, each second) against
// the one-user predictive occupancy, both as P(occupancy > x).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <fwsize/report/detail/chart.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::report {
inline namespace v0 {
namespace detail {

/// P(X > x) at x = 0, 1, ..., from a PMF.
inline std::vector<double> survival_of_pmf(const std::vector<double>& pmf) {
    std::vector<double> s(pmf.size());
    double tail = 0;
    for (std::size_t i = pmf.size(); i-- > 0;) {
        s[i] = std::max(0.0, tail);
        tail += pmf[i];
    }
    return s;
}

inline chart occupancy_chart(const occupancy_comparison& m) {
    chart c;
    c.title = "Session-table occupancy: " + m.machine + " observed vs one-user prediction";
    c.subtitle = "observed mean " + short_number(m.observed_mean) + ", predicted mean " +
                 short_number(m.predicted_mean) + " sessions";
    c.x_label = "sessions in the table at one instant (sessions)";
    c.y_label = "P(occupancy > x)";
    c.y_log = true;
    c.y_max = 1;
    std::vector<double> xo(m.observed_pmf.size()), xp(m.predicted_pmf.size());
    for (std::size_t i = 0; i < xo.size(); ++i) xo[i] = static_cast<double>(i);
    for (std::size_t i = 0; i < xp.size(); ++i) xp[i] = static_cast<double>(i);
    auto so = survival_of_pmf(m.observed_pmf), sp = survival_of_pmf(m.predicted_pmf);
    // Drop the exact-zero tail so the log axis ranges on what is there.
    auto trim = [](std::vector<double>& x, std::vector<double>& s) {
        while (!s.empty() && s.back() <= 1e-12) s.pop_back(), x.pop_back();
    };
    trim(xo, so), trim(xp, sp);
    double smin = 1;
    for (double v : so) smin = std::min(smin, v);
    for (double v : sp) smin = std::min(smin, v);
    c.y_min = std::max(1e-5, std::pow(10.0, std::floor(std::log10(std::max(smin, 1e-12)))));
    // The observed PMF is complete: its survival reaches 0 one past its last point. Draw that drop
    // to the frame's floor, or the step would run on to the right edge at its last value.
    if (!xo.empty()) xo.push_back(xo.back() + 1), so.push_back(c.y_min);
    const std::string pred = "#1f77b4";
    if (m.predicted_lo.size() == m.predicted_pmf.size() && m.predicted_hi.size() == m.predicted_pmf.size() &&
        !m.predicted_lo.empty()) {
        chart_area band{"prediction: 90 % band", pred, 0.18, {}};
        for (std::size_t i = 0; i < xp.size(); ++i)
            band.polygon.emplace_back(double(i), std::max(m.predicted_lo[i], 1e-12));
        for (std::size_t i = xp.size(); i-- > 0;) band.polygon.emplace_back(double(i), m.predicted_hi[i]);
        c.areas.push_back(std::move(band));
    }
    c.lines.push_back({"prediction (one user)", pred, xp, sp, true, false, 2, false});
    c.lines.push_back({"observed (replay)", "#111", xo, so, true, false, 1.6, false});
    return c;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::report
