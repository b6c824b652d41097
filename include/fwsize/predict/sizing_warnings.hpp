// sizing_warnings — plain-language warnings that go beside the sizing table: too few machines,
// captures shorter than the longest session timer, and wide intervals, naming the parameter whose
// posterior is still close to its prior (posterior sd / prior sd) and what data would narrow it.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/predict/sizing_row.hpp>

namespace fwsize::predict {
inline namespace v0 {

struct parameter_spread {
    std::string name;
    double prior_sd = 0;
    double posterior_sd = 0;
    std::string what_narrows; ///< the data that would inform this parameter
    [[nodiscard]] double ratio() const { return prior_sd > 0 ? posterior_sd / prior_sd : 0.0; }
};

namespace detail {
inline double sample_sd(const std::vector<double>& v) {
    if (v.size() < 2) return 0;
    double m = 0;
    for (double x : v) m += x;
    m /= static_cast<double>(v.size());
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size() - 1));
}

/// Three significant digits below 1000, whole numbers above: enough to judge a spread, easy to read.
inline std::string short_number(double x) {
    std::ostringstream s;
    s.precision(std::fabs(x) >= 1000 ? 0 : 3);
    if (std::fabs(x) >= 1000) s << std::fixed;
    s << x;
    return s.str();
}
} // namespace detail

/// Posterior vs prior sd of the arrival model's hyperparameters under design.md §4's priors:
/// alpha ~ N(0, 2); sigma ~ N+(0, 1) (sd sqrt(1 - 2/pi)); 1/sqrt(phi) ~ N+(0, 1).
inline std::vector<parameter_spread> arrival_parameter_spreads(std::span<const model::arrival_draw> draws) {
    std::vector<double> a, sk, sm, ip;
    for (const auto& d : draws) {
        a.push_back(d.alpha);
        sk.push_back(d.sigma_machine);
        sm.push_back(d.sigma_minute);
        ip.push_back(std::isfinite(d.phi) ? 1.0 / std::sqrt(d.phi) : 0.0);
    }
    const double half_normal_sd = std::sqrt(1.0 - 2.0 / std::numbers::pi);
    return {
        {"alpha (log rate of a typical machine)", 2.0, detail::sample_sd(a), "more machines"},
        {"sigma_machine (spread between machines)", half_normal_sd, detail::sample_sd(sk),
         "more machines (each capture adds one machine effect)"},
        {"sigma_minute (spread between minutes)", half_normal_sd, detail::sample_sd(sm),
         "longer captures (more minutes per machine)"},
        {"1/sqrt(phi) (burstiness within a minute)", half_normal_sd, detail::sample_sd(ip),
         "longer captures (more busy seconds)"},
    };
}

struct sizing_context {
    std::size_t machines = 0;
    double shortest_capture_s = 0; ///< span of the shortest capture
    double longest_timer_s = 0;    ///< longest idle timer of the profile (0: no profile)
    std::vector<parameter_spread> parameters;
    std::vector<sizing_row> rows;
    double wide_ratio = 4.0; ///< p99_hi / p99_lo above this counts as a wide interval
    double near_prior = 0.5; ///< posterior sd / prior sd above this: still near the prior
};

inline std::vector<std::string> sizing_warnings(const sizing_context& ctx) {
    std::vector<std::string> out;
    if (ctx.machines < 3) {
        std::ostringstream s;
        s << "Only " << ctx.machines << " machine" << (ctx.machines == 1 ? "" : "s")
          << " captured: the spread between machines (sigma_machine) is barely identified; capture at "
             "least 3, better 5 or more, ordinary workstations.";
        out.push_back(s.str());
    }
    if (ctx.longest_timer_s > 0 && ctx.shortest_capture_s < ctx.longest_timer_s) {
        std::ostringstream s;
        s << "The shortest capture lasts " << ctx.shortest_capture_s << " s, less than the longest session timer ("
          << ctx.longest_timer_s
          << " s): sessions that live that long are never seen ending, so log lines and "
             "occupancy lean on the holding-time model's extrapolation. Capture for longer.";
        out.push_back(s.str());
    }
    // One warning for all wide entries: the causes are the same parameters for every row.
    std::vector<const sizing_row*> wide;
    for (const auto& r : ctx.rows)
        if (r.p99_hi / std::max(r.p99_lo, 1.0) > ctx.wide_ratio) wide.push_back(&r);
    if (!wide.empty()) {
        std::ostringstream s;
        s << "Wide intervals: the 90 % CrI of p99 spans more than " << detail::short_number(ctx.wide_ratio) << "x in "
          << wide.size() << " of " << ctx.rows.size() << " table entries (";
        const std::string* quantity = nullptr;
        for (const auto* r : wide) {
            s << (quantity ? (*quantity == r->quantity ? ", " : "; ") : "");
            if (!quantity || *quantity != r->quantity) s << r->quantity << ' ';
            quantity = &r->quantity;
            // "≥" as in the table: a bound at the edge of the PMF's window is not a value.
            const auto bound = [&](const char* column, double v) {
                return (r->is_at_least(column) ? "≥ " : "") + detail::short_number(v);
            };
            s << "N = " << r->users << ": " << bound("p99_lo", r->p99_lo) << " to " << bound("p99_hi", r->p99_hi);
        }
        s << ").";
        std::vector<const parameter_spread*> culprits;
        for (const auto& p : ctx.parameters)
            if (p.ratio() > ctx.near_prior) culprits.push_back(&p);
        std::stable_sort(culprits.begin(), culprits.end(), [](auto* x, auto* y) { return x->ratio() > y->ratio(); });
        for (const auto* p : culprits)
            s << " " << p->name << " is still near its prior (posterior sd " << detail::short_number(p->posterior_sd)
              << " vs prior sd " << detail::short_number(p->prior_sd) << "); " << p->what_narrows
              << " would narrow it.";
        if (culprits.empty()) s << " No parameter is near its prior: the spread is the model's genuine uncertainty.";
        out.push_back(s.str());
    }
    return out;
}

} // namespace v0
} // namespace fwsize::predict
