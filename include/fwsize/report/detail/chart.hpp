// chart — one x/y plot as a standalone SVG: title, subtitle, framed axes with nice ticks (linear or
// log), axis labels, shaded areas (credible bands), lines or steps (curves), and a legend at the
// right. Every plot of the report is a chart; only the data differ.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <fwsize/report/detail/svg.hpp>

namespace fwsize::report {
inline namespace v0 {
namespace detail {

inline const std::vector<std::string>& palette() {
    static const std::vector<std::string> p{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                            "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
    return p;
}

struct chart_line {
    std::string label; ///< legend text; empty: not in the legend
    std::string color = "#1f77b4";
    std::vector<double> x, y;
    bool step = false; ///< right-continuous step function (Kaplan–Meier, empirical survival)
    bool dashed = false;
    double width = 2;
    bool markers = false;
    bool reference = false; ///< a guide line: drawn across the frame, ignored when ranging the axes
    double marker_radius = 2.5;
};

/// A closed polygon in data coordinates, e.g. a credible band: the lower edge then the upper edge
/// reversed.
struct chart_area {
    std::string label;
    std::string color = "#1f77b4";
    double opacity = 0.18;
    std::vector<std::pair<double, double>> polygon;
};

struct chart {
    std::string title, subtitle, x_label, y_label;
    bool x_log = false, y_log = false;
    /// Fixed ranges; NaN: from the data (expanded to nice ticks).
    double x_min = std::numeric_limits<double>::quiet_NaN(), x_max = std::numeric_limits<double>::quiet_NaN();
    double y_min = std::numeric_limits<double>::quiet_NaN(), y_max = std::numeric_limits<double>::quiet_NaN();
    std::vector<chart_area> areas;
    std::vector<chart_line> lines;
    std::vector<std::string> notes; ///< small print under the plot
    /// Categorical y axis: labels at given y values replace the numeric ticks (dot-interval plots).
    std::vector<std::pair<double, std::string>> y_categories;
    int width = 780, height = 460;
};

namespace chart_detail {
inline void data_range(const chart& c, bool x, double& lo, double& hi, bool log) {
    lo = std::numeric_limits<double>::infinity();
    hi = -lo;
    auto take = [&](double v) {
        if (!std::isfinite(v) || (log && v <= 0)) return;
        lo = std::min(lo, v), hi = std::max(hi, v);
    };
    for (const auto& l : c.lines)
        if (!l.reference)
            for (double v : (x ? l.x : l.y)) take(v);
    for (const auto& a : c.areas)
        for (const auto& p : a.polygon) take(x ? p.first : p.second);
    if (!std::isfinite(lo)) lo = log ? 1 : 0, hi = log ? 10 : 1;
    if (hi <= lo) {
        if (log) lo /= 2, hi *= 2;
        else lo -= 0.5, hi += 0.5;
    }
}
} // namespace chart_detail

inline std::string render_svg(const chart& c) {
    const double W = c.width, H = c.height;
    const double left = c.y_categories.empty() ? 78.0 : 190.0;
    const double right = W - 200, top = c.subtitle.empty() ? 50 : 66;
    const double bottom = H - 58 - 14.0 * static_cast<double>(c.notes.size());
    axis_scale xs{0, 1, c.x_log, left, right}, ys{0, 1, c.y_log, bottom, top};
    chart_detail::data_range(c, true, xs.lo, xs.hi, c.x_log);
    chart_detail::data_range(c, false, ys.lo, ys.hi, c.y_log);
    if (!c.x_log && xs.lo > 0 && xs.lo < 0.3 * xs.hi) xs.lo = 0; // counts: start at zero when close
    if (!c.y_log && ys.lo > 0 && ys.lo < 0.3 * ys.hi) ys.lo = 0;
    nice_range(xs.lo, xs.hi, xs.log);
    nice_range(ys.lo, ys.hi, ys.log);
    if (std::isfinite(c.x_min)) xs.lo = c.x_min;
    if (std::isfinite(c.x_max)) xs.hi = c.x_max;
    if (std::isfinite(c.y_min)) ys.lo = c.y_min;
    if (std::isfinite(c.y_max)) ys.hi = c.y_max;

    std::ostringstream o;
    o << element("svg")
             .a("xmlns", "http://www.w3.org/2000/svg")
             .a("width", std::to_string(c.width))
             .a("height", std::to_string(c.height))
             .a("viewBox", "0 0 " + std::to_string(c.width) + " " + std::to_string(c.height))
             .a("font-family", "Helvetica, Arial, sans-serif")
             .a("font-size", "12")
             .open()
      << '\n';
    o << element("title").text(c.title) << '\n';
    o << element("rect").a("x", 0.0).a("y", 0.0).a("width", W).a("height", H).a("fill", "white").close() << '\n';
    o << element("text").a("x", left).a("y", 22.0).a("font-size", "16").a("font-weight", "bold").text(c.title) << '\n';
    if (!c.subtitle.empty()) o << element("text").a("x", left).a("y", 42.0).a("fill", "#444").text(c.subtitle) << '\n';

    // Grid and ticks.
    std::string clip_id = "plot";
    o << "<defs>"
      << element("clipPath")
             .a("id", clip_id)
             .wrap(element("rect").a("x", left).a("y", top).a("width", right - left).a("height", bottom - top).close())
      << "</defs>\n";
    for (double t : ticks(xs)) {
        const double p = xs.map(t);
        o << element("line").a("x1", p).a("x2", p).a("y1", top).a("y2", bottom).a("stroke", "#e4e4e4").close();
        o << element("line").a("x1", p).a("x2", p).a("y1", bottom).a("y2", bottom + 5).a("stroke", "#333").close();
        o << element("text").a("x", p).a("y", bottom + 18).a("text-anchor", "middle").text(tick_label(t, xs.log))
          << '\n';
    }
    std::vector<std::pair<double, std::string>> yt = c.y_categories;
    if (yt.empty())
        for (double t : ticks(ys)) yt.emplace_back(t, tick_label(t, ys.log));
    for (const auto& [t, label] : yt) {
        const double p = ys.map(t);
        o << element("line").a("x1", left).a("x2", right).a("y1", p).a("y2", p).a("stroke", "#e4e4e4").close();
        o << element("line").a("x1", left - 5).a("x2", left).a("y1", p).a("y2", p).a("stroke", "#333").close();
        o << element("text").a("x", left - 8).a("y", p + 4).a("text-anchor", "end").text(label) << '\n';
    }

    // Data, clipped to the frame.
    o << "<g clip-path=\"url(#" << clip_id << ")\">\n";
    for (const auto& a : c.areas) {
        if (a.polygon.empty()) continue;
        std::string pts;
        for (const auto& [x, y] : a.polygon) pts += px(xs.map(x)) + "," + px(ys.map(y)) + " ";
        o << element("polygon")
                 .a("points", pts)
                 .a("fill", a.color)
                 .a("fill-opacity", a.opacity)
                 .a("stroke", "none")
                 .close()
          << '\n';
    }
    for (const auto& l : c.lines) {
        const std::size_t n = std::min(l.x.size(), l.y.size());
        if (n == 0) continue;
        std::string d;
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(l.x[i]) || !std::isfinite(l.y[i])) continue;
            const double X = xs.map(l.x[i]), Y = ys.map(l.y[i]);
            if (d.empty()) d = "M" + px(X) + "," + px(Y);
            else if (l.step) d += " H" + px(X) + " V" + px(Y);
            else d += " L" + px(X) + "," + px(Y);
        }
        if (l.step && !d.empty()) d += " H" + px(right);
        element path("path");
        path.a("d", d).a("fill", "none").a("stroke", l.color).a("stroke-width", l.width);
        if (l.dashed) path.a("stroke-dasharray", "6 4");
        o << path.close() << '\n';
        if (l.markers)
            for (std::size_t i = 0; i < n; ++i)
                o << element("circle")
                         .a("cx", xs.map(l.x[i]))
                         .a("cy", ys.map(l.y[i]))
                         .a("r", l.marker_radius)
                         .a("fill", l.color)
                         .close();
    }
    o << "</g>\n";
    o << element("rect")
             .a("x", left)
             .a("y", top)
             .a("width", right - left)
             .a("height", bottom - top)
             .a("fill", "none")
             .a("stroke", "#333")
             .close()
      << '\n';

    // Axis labels.
    o << element("text")
             .a("x", (left + right) / 2)
             .a("y", bottom + 38)
             .a("text-anchor", "middle")
             .a("font-size", "13")
             .text(c.x_label)
      << '\n';
    const double ym = (top + bottom) / 2;
    o << element("text")
             .a("x", 18.0)
             .a("y", ym)
             .a("text-anchor", "middle")
             .a("font-size", "13")
             .a("transform", "rotate(-90 18 " + px(ym) + ")")
             .text(c.y_label)
      << '\n';

    // Legend.
    double ly = top + 6;
    const double lx = right + 14;
    for (const auto& a : c.areas) {
        if (a.label.empty()) continue;
        o << element("rect")
                 .a("x", lx)
                 .a("y", ly)
                 .a("width", 22.0)
                 .a("height", 10.0)
                 .a("fill", a.color)
                 .a("fill-opacity", std::min(1.0, a.opacity * 2))
                 .close();
        o << element("text").a("x", lx + 28).a("y", ly + 9).text(a.label) << '\n';
        ly += 18;
    }
    for (const auto& l : c.lines) {
        if (l.label.empty()) continue;
        if (l.markers && l.width < 1) { // points only: the legend shows a point
            o << element("circle").a("cx", lx + 11).a("cy", ly + 5).a("r", l.marker_radius).a("fill", l.color).close();
        } else {
            element seg("line");
            seg.a("x1", lx)
                .a("x2", lx + 22)
                .a("y1", ly + 5)
                .a("y2", ly + 5)
                .a("stroke", l.color)
                .a("stroke-width", l.width);
            if (l.dashed) seg.a("stroke-dasharray", "6 4");
            o << seg.close();
        }
        o << element("text").a("x", lx + 28).a("y", ly + 9).text(l.label) << '\n';
        ly += 18;
    }
    double ny = bottom + 54;
    for (const auto& n : c.notes) {
        o << element("text").a("x", left).a("y", ny).a("fill", "#555").a("font-size", "11").text(n) << '\n';
        ny += 14;
    }
    o << "</svg>\n";
    return o.str();
}

} // namespace detail
} // namespace v0
} // namespace fwsize::report
