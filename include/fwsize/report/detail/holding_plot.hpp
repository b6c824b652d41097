// holding_plot — session durations of one protocol: the Kaplan–Meier estimate from the captures
// (censored by the capture end) against the holding-time model's survival curve with its band.
#pragma once

#include <algorithm>
#include <limits>
#include <string>

#include <fwsize/report/detail/chart.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::report {
inline namespace v0 {
namespace detail {

inline chart holding_chart(const holding_time_curves& h) {
    chart c;
    c.title = "Session durations (" + h.protocol + "): Kaplan–Meier vs model";
    c.subtitle = std::to_string(h.sessions) + " sessions, " + std::to_string(h.censored) +
                 " still open at the capture end (censored)";
    c.x_label = "active duration t, before the firewall timer (seconds, log scale)";
    c.y_label = "P(duration > t)";
    c.x_log = true;
    double smin = 1;
    for (double s : h.km_survival)
        if (s > 0) smin = std::min(smin, s);
    for (double s : h.model_lo)
        if (s > 0) smin = std::min(smin, s);
    c.y_log = smin < 0.02;
    if (c.y_log) c.y_min = std::max(1e-4, std::pow(10.0, std::floor(std::log10(smin))));
    c.y_max = 1;
    const std::string model = "#d62728";
    if (!h.model_lo.empty() && h.model_lo.size() == h.model_time_s.size() &&
        h.model_hi.size() == h.model_time_s.size()) {
        chart_area band{"model: " + short_number(100 * h.credible_level) + " % band", model, 0.18, {}};
        for (std::size_t i = 0; i < h.model_time_s.size(); ++i)
            band.polygon.emplace_back(h.model_time_s[i], h.model_lo[i]);
        for (std::size_t i = h.model_time_s.size(); i-- > 0;)
            band.polygon.emplace_back(h.model_time_s[i], h.model_hi[i]);
        c.areas.push_back(std::move(band));
    }
    c.lines.push_back({"model: posterior median", model, h.model_time_s, h.model_median, false, false, 2, false});
    c.lines.push_back({"Kaplan–Meier (captures)", "#111", h.km_time_s, h.km_survival, true, false, 1.6, false});
    if (!h.km_time_s.empty() && h.km_time_s.front() <= 0)
        c.notes.push_back("The drop at the left edge is the share of zero-duration (one-packet) sessions.");
    return c;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::report
