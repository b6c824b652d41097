// predictive_plot — the primary artefact: for one quantity, the predictive distribution for every N
// as an exceedance curve (how often the office exceeds x), pooled over the posterior, beside the
// posterior median of each per-draw quantile and its 90 % credible band.
#pragma once

#include <algorithm>
#include <limits>
#include <string>

#include <fwsize/predict/predict_quantity.hpp>
#include <fwsize/report/detail/chart.hpp>
#include <fwsize/report/detail/quantity_text.hpp>

namespace fwsize::report {
inline namespace v0 {
namespace detail {

inline chart predictive_chart(const predict::quantity_prediction& q, double credible_level = 0.9) {
    const auto text = describe_quantity(q.quantity);
    chart c;
    c.title = text.title + ": predictive distribution by office size N";
    c.subtitle = "solid: pooled predictive; dashed: posterior median of the per-draw quantile; band: its " +
                 short_number(100 * credible_level) + " % credible interval";
    c.x_label = text.axis;
    c.y_label = "P(exceeded): share of " + text.periods + " above x";
    c.y_log = true;
    c.y_max = 1;
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    bool zeros = false;
    for (const auto& cv : q.curves)
        for (const auto* v : {&cv.pooled, &cv.median, &cv.lo, &cv.hi})
            for (double x : *v) {
                if (x > 0) lo = std::min(lo, x), hi = std::max(hi, x);
                else zeros = true;
            }
    c.x_log = spans_decades(lo, hi);
    if (c.x_log && zeros) c.notes.push_back("Log axis: a value of 0 is drawn at the left edge.");
    double ymin = 1;
    for (std::size_t i = 0; i < q.curves.size(); ++i) {
        const auto& cv = q.curves[i];
        const auto& color = palette()[i % palette().size()];
        const std::string n = "N = " + std::to_string(cv.users);
        chart_area band{n + ": credible band", color, 0.16, {}};
        for (std::size_t l = 0; l < cv.exceedance.size(); ++l) band.polygon.emplace_back(cv.lo[l], cv.exceedance[l]);
        for (std::size_t l = cv.exceedance.size(); l-- > 0;) band.polygon.emplace_back(cv.hi[l], cv.exceedance[l]);
        c.areas.push_back(std::move(band));
        c.lines.push_back({n + ": pooled", color, cv.pooled, cv.exceedance, false, false, 2.2, true});
        c.lines.push_back({"", color, cv.median, cv.exceedance, false, true, 1.4, false});
        for (double e : cv.exceedance) ymin = std::min(ymin, e);
    }
    c.y_min = ymin < 1 ? ymin : 1e-4;
    if (text.peak_share > 0) {
        const double xl = c.x_log ? std::max(lo, 1e-300) * 1e-3 : -1e300, xh = std::max(hi, 1.0) * 1e3;
        c.lines.push_back({"busy-hour peak level",
                           "#555",
                           {xl, xh},
                           {text.peak_share, text.peak_share},
                           false,
                           true,
                           1,
                           false,
                           true});
        c.notes.push_back("Grey dashed: the level exceeded in one " + text.period + " per hour (the busy-hour peak).");
    }
    if (!q.neglected_max.empty()) {
        const double neg = *std::max_element(q.neglected_max.begin(), q.neglected_max.end());
        c.notes.push_back("Posterior draws: " + std::to_string(q.draws) +
                          "; largest probability mass outside a draw's "
                          "FFT window: " +
                          short_number(neg, 2) + ".");
    }
    return c;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::report
