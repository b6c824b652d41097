// svg — the small hand-written SVG vocabulary the report's plots use: XML escaping, axis scales
// (linear or log10), "nice" tick positions (1-2-5 steps; decades on log axes) and an element
// builder that keeps attribute values escaped.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fwsize/report/detail/number_format.hpp>

namespace fwsize::report {
inline namespace v0 {
namespace detail {

inline std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

/// Pixel coordinates with two decimals: enough for any screen, short files.
inline std::string px(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

/// Maps data values in [lo, hi] to pixels [p0, p1]; on a log axis values <= 0 sit at the left
/// (or bottom) edge, which the plot says in a note.
struct axis_scale {
    double lo = 0, hi = 1;
    bool log = false;
    double p0 = 0, p1 = 1;
    [[nodiscard]] double map(double v) const {
        double t;
        if (log) {
            const double lv = v > 0 ? std::log10(v) : std::log10(lo);
            t = (lv - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
        } else {
            t = (v - lo) / (hi - lo);
        }
        t = std::clamp(t, -0.02, 1.02); // keep stray points just outside the frame, not off-canvas
        return p0 + t * (p1 - p0);
    }
};

/// The 1-2-5 step nearest to span / target.
inline double nice_step(double span, int target) {
    const double raw = span / std::max(1, target);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    const double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
    return nice * mag;
}

/// Expands [lo, hi] to whole nice steps (linear) or whole decades (log).
inline void nice_range(double& lo, double& hi, bool log, int target = 6) {
    if (log) {
        lo = std::pow(10.0, std::floor(std::log10(lo) + 1e-9));
        hi = std::pow(10.0, std::ceil(std::log10(hi) - 1e-9));
        if (hi <= lo) hi = lo * 10;
        return;
    }
    if (hi <= lo) hi = lo + 1;
    const double step = nice_step(hi - lo, target);
    lo = std::floor(lo / step + 1e-9) * step;
    hi = std::ceil(hi / step - 1e-9) * step;
}

inline std::vector<double> ticks(const axis_scale& a, int target = 6) {
    std::vector<double> t;
    if (a.log) {
        const int d0 = static_cast<int>(std::floor(std::log10(a.lo) + 1e-9));
        const int d1 = static_cast<int>(std::ceil(std::log10(a.hi) - 1e-9));
        // Few decades: 1-2-5 within each so the axis still has several labels.
        const bool fill = d1 - d0 <= 2;
        const int every = std::max(1, (d1 - d0 + 7) / 8);
        for (int d = d0; d <= d1; ++d) {
            if ((d - d0) % every) continue;
            for (double m : {1.0, 2.0, 5.0}) {
                if (m != 1.0 && !fill) continue;
                const double v = m * std::pow(10.0, d);
                if (v >= a.lo * (1 - 1e-9) && v <= a.hi * (1 + 1e-9)) t.push_back(v);
            }
        }
        return t;
    }
    const double step = nice_step(a.hi - a.lo, target);
    for (double v = std::ceil(a.lo / step - 1e-9) * step; v <= a.hi + step * 1e-9; v += step)
        t.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    return t;
}

/// Tick text: plain numbers, powers of ten as 10^k beyond 1e5 / below 1e-3.
inline std::string tick_label(double v, bool log) {
    if (log && v > 0) {
        const double l = std::log10(v);
        if ((v >= 1e5 || v < 1e-3) && std::fabs(l - std::round(l)) < 1e-9)
            return "1e" + std::to_string(static_cast<int>(std::round(l)));
    }
    return short_number(v, 4);
}

/// Whether values spanning [lo, hi] (lo > 0) read better on a log axis.
inline bool spans_decades(double lo, double hi, double ratio = 30) {
    return lo > 0 && hi / lo >= ratio;
}

/// One SVG element with escaped attribute values: element("line").a("x1", 3).close().
class element {
public:
    explicit element(std::string_view name) : name_(name) { s_ << '<' << name; }
    element& a(std::string_view key, std::string_view value) {
        s_ << ' ' << key << "=\"" << xml_escape(value) << '"';
        return *this;
    }
    element& a(std::string_view key, const char* value) { return a(key, std::string_view(value)); }
    element& a(std::string_view key, double value) { return a(key, std::string_view(px(value))); }
    /// Start tag only; the caller writes the children and the end tag.
    [[nodiscard]] std::string open() const { return s_.str() + ">"; }
    /// Self-closing tag.
    [[nodiscard]] std::string close() const { return s_.str() + "/>"; }
    /// With text content (escaped).
    [[nodiscard]] std::string text(std::string_view content) const {
        return s_.str() + ">" + xml_escape(content) + "</" + name_ + ">";
    }
    /// With child markup (already well-formed).
    [[nodiscard]] std::string wrap(std::string_view children) const {
        return s_.str() + ">" + std::string(children) + "</" + name_ + ">";
    }

private:
    std::string name_;
    std::ostringstream s_;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::report
