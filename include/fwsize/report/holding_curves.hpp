// holding_curves — the data of the holding-time plot from what `fwsize size` has at hand: the
// Kaplan–Meier (product-limit) estimate of the observed durations, right-censored at the capture
// end and left-truncated for sessions open at its start (risk set: entry < t <= duration), and the
// model's survival P(duration > t) per posterior draw summarised by median and credible band.
#pragma once

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <fwsize/model/holding_time_draw.hpp>
#include <fwsize/model/holding_time_model.hpp>
#include <fwsize/predict/posterior_interval.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::report {
inline namespace v0 {

/// P(duration > t) of one draw: (1 - p_zero) Σ w_j P(lognormal(mu_j, sigma_j) > t), t > 0.
inline double holding_survival(const model::holding_time_draw& h, double t) {
    if (t < 0) return 1;
    double s = 0;
    for (std::size_t j = 0; j < h.weight.size(); ++j) {
        const double z = (std::log(t) - h.mu[j]) / h.sigma[j];
        s += h.weight[j] * 0.5 * std::erfc(z / std::sqrt(2.0));
    }
    return (1 - h.p_zero) * s;
}

/// Product-limit estimate: returns (time, survival) steps starting at (0, 1); zero durations make
/// the first drop at t = 0.
inline void kaplan_meier(std::span<const model::duration_obs> obs, std::vector<double>& time_s,
                         std::vector<double>& survival) {
    time_s.assign(1, 0.0);
    survival.assign(1, 1.0);
    std::size_t zeros = 0, at_start = 0;
    std::vector<const model::duration_obs*> pos;
    for (const auto& o : obs) {
        if (o.entry_s == 0) ++at_start;
        if (o.seconds == 0 && !o.censored && o.entry_s == 0) ++zeros;
        else if (o.seconds > 0) pos.push_back(&o);
    }
    double s = at_start ? 1.0 - double(zeros) / double(at_start) : 1.0;
    time_s.push_back(0.0);
    survival.push_back(s);
    std::vector<double> events, entries;
    for (const auto* o : pos) {
        if (!o->censored) events.push_back(o->seconds);
        entries.push_back(o->entry_s);
    }
    std::sort(events.begin(), events.end());
    std::vector<double> exits;
    for (const auto* o : pos) exits.push_back(o->seconds);
    std::sort(exits.begin(), exits.end());
    std::sort(entries.begin(), entries.end());
    for (std::size_t i = 0; i < events.size();) {
        const double t = events[i];
        std::size_t d = 0;
        while (i < events.size() && events[i] == t) ++d, ++i;
        // at risk: entry < t and exit >= t
        const auto entered = std::lower_bound(entries.begin(), entries.end(), t) - entries.begin();
        const auto left = std::lower_bound(exits.begin(), exits.end(), t) - exits.begin();
        const double r = double(entered - left);
        if (r <= 0) continue;
        s *= 1.0 - double(d) / r;
        time_s.push_back(t);
        survival.push_back(s);
    }
}

inline holding_time_curves holding_curves(std::string protocol, std::span<const model::duration_obs> obs,
                                          std::span<const model::holding_time_draw> draws, double level = 0.9,
                                          std::size_t grid_points = 80) {
    holding_time_curves c;
    c.protocol = std::move(protocol);
    c.credible_level = level;
    c.sessions = obs.size();
    double tmin = INFINITY, tmax = 0;
    for (const auto& o : obs) {
        c.censored += o.censored ? 1 : 0;
        if (o.seconds > 0) tmin = std::min(tmin, o.seconds), tmax = std::max(tmax, o.seconds);
    }
    kaplan_meier(obs, c.km_time_s, c.km_survival);
    if (draws.empty()) return c;
    if (!std::isfinite(tmin)) tmin = 1e-3, tmax = 1e4;
    const double a = std::floor(std::log10(tmin)), b = std::ceil(std::log10(std::max(tmax * 3, tmin * 10)));
    std::vector<double> per_draw(draws.size());
    for (std::size_t g = 0; g < grid_points; ++g) {
        const double t = std::pow(10.0, a + (b - a) * double(g) / double(grid_points - 1));
        for (std::size_t i = 0; i < draws.size(); ++i) per_draw[i] = holding_survival(draws[i], t);
        const auto ci = predict::summarise_draws(per_draw, level);
        c.model_time_s.push_back(t);
        c.model_median.push_back(ci.median);
        c.model_lo.push_back(ci.lo);
        c.model_hi.push_back(ci.hi);
    }
    return c;
}

} // namespace v0
} // namespace fwsize::report
