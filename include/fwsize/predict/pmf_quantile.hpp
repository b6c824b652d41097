// pmf_quantile — quantiles of a truncated PMF from survival sums taken from the top, so that upper
// quantiles (p99.9, the peak of an hour) come from sums of small numbers, not 1 - (almost 1).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace fwsize::predict {
inline namespace v0 {

/// Survival function S(k) = P(X > k) = neglected + sum_{j > k} p[j].
inline std::vector<double> survival(std::span<const double> p, double neglected) {
    std::vector<double> s(p.size());
    double acc = neglected;
    for (std::size_t k = p.size(); k-- > 0;) {
        s[k] = acc;
        acc += p[k];
    }
    return s;
}

/// Smallest k with P(X <= k) >= prob, i.e. S(k) <= 1 - prob; p.size() when the window does not
/// reach it (then the neglected mass is too large for this quantile).
inline std::int64_t quantile_from_survival(std::span<const double> s, double prob) {
    const double target = 1.0 - prob;
    // s is non-increasing: find the first k with s[k] <= target.
    auto it = std::partition_point(s.begin(), s.end(), [&](double v) { return v > target; });
    return static_cast<std::int64_t>(it - s.begin());
}

inline std::int64_t pmf_quantile(std::span<const double> p, double neglected, double prob) {
    const auto s = survival(p, neglected);
    return quantile_from_survival(s, prob);
}

inline double pmf_mean(std::span<const double> p) {
    double m = 0;
    for (std::size_t k = 1; k < p.size(); ++k) m += static_cast<double>(k) * p[k];
    return m;
}

} // namespace v0
} // namespace fwsize::predict
