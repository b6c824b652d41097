// posterior_interval — a per-draw quantity summarised as its posterior median and a central
// credible interval (type-7 quantiles of the draws, as R's default and posterior::quantile2).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace fwsize::predict {
inline namespace v0 {

struct posterior_interval {
    double median = 0, lo = 0, hi = 0;
};

/// Type-7 sample quantile of already sorted values.
inline double sorted_quantile(const std::vector<double>& sorted, double prob) {
    if (sorted.empty()) throw std::invalid_argument("sorted_quantile: no values");
    const double h = (static_cast<double>(sorted.size()) - 1.0) * prob;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(lo + 1, sorted.size() - 1);
    const double q = sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
    // The interpolation weight is inexact in binary (0.05 x 499 = 24.95): round to 12 significant
    // digits so 37.05 does not print as 37.049999999999955 (far below any Monte Carlo error).
    if (!std::isfinite(q) || q == std::floor(q)) return q;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.12g", q);
    return std::strtod(buf, nullptr);
}

/// Median and central `level` interval (0.9: the 5 % and 95 % quantiles) of the draws' values.
inline posterior_interval summarise_draws(std::vector<double> values, double level = 0.9) {
    if (!(level > 0 && level < 1)) throw std::invalid_argument("summarise_draws: level must be in (0, 1)");
    std::sort(values.begin(), values.end());
    const double tail = (1.0 - level) / 2.0;
    return {sorted_quantile(values, 0.5), sorted_quantile(values, tail), sorted_quantile(values, 1.0 - tail)};
}

/// Whether the type-7 `prob` quantile of `values` could change if the `censored` values (known
/// only as lower bounds, "at least") were larger: when one of them is at or below the upper of the
/// two order statistics it interpolates. Otherwise the summary is exact.
inline bool touches_censored(std::vector<double> values, const std::vector<bool>& censored, double prob) {
    double lowest = 0;
    bool any = false;
    for (std::size_t i = 0; i < values.size() && i < censored.size(); ++i)
        if (censored[i]) lowest = any ? std::min(lowest, values[i]) : values[i], any = true;
    if (!any) return false;
    std::sort(values.begin(), values.end());
    const double h = (static_cast<double>(values.size()) - 1.0) * prob;
    const auto hi = std::min(static_cast<std::size_t>(std::ceil(h)), values.size() - 1);
    return lowest <= values[hi];
}

} // namespace v0
} // namespace fwsize::predict
