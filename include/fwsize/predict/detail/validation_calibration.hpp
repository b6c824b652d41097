// validation_calibration — how well a discrete predictive describes observed counts: randomised
// PIT of each count, the KS test of their uniformity, and the share inside the central 50 % and
// 90 % intervals (both membership rules: randomised, which is exactly nominal under a correct
// predictive, and the closed quantile interval, which covers at least nominal).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include <boost/random/uniform_01.hpp>

#include <fwsize/mcmc/chain_rng.hpp>
#include <fwsize/predict/truncated_pmf.hpp>
#include <fwsize/stats/ks_test.hpp>
#include <fwsize/stats/randomised_pit.hpp>

namespace fwsize::predict {
inline namespace v0 {

/// Calibration of a predictive against observed counts.
struct calibration {
    std::size_t blocks = 0;                                       ///< observed counts (minutes) compared
    double coverage50 = std::numeric_limits<double>::quiet_NaN(); ///< randomised membership
    double coverage90 = std::numeric_limits<double>::quiet_NaN();
    double closed50 = std::numeric_limits<double>::quiet_NaN(); ///< y in [q25, q75] (closed)
    double closed90 = std::numeric_limits<double>::quiet_NaN(); ///< y in [q05, q95] (closed)
    double pit_ks_p = std::numeric_limits<double>::quiet_NaN(); ///< KS test of PIT uniformity
    double pit_ks_d = std::numeric_limits<double>::quiet_NaN();
    double below05 = std::numeric_limits<double>::quiet_NaN(); ///< share of PIT < 0.05 (predictive too high)
    double above95 = std::numeric_limits<double>::quiet_NaN(); ///< share of PIT > 0.95 (predictive too low)
    double observed_mean = std::numeric_limits<double>::quiet_NaN();
    /// Pooled predictive median; NaN when it lies above every observed count (beyond the window).
    double predictive_median = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> pit;
};

namespace detail {

/// Predictive CDF at k from the running sums of `pmf`: beyond the window everything is below.
struct window_cdf {
    std::vector<double> cum; ///< cum[k] = F(k) on the window
    explicit window_cdf(const truncated_pmf& f) : cum(f.p.size()) {
        double s = 0;
        for (std::size_t k = 0; k < f.p.size(); ++k) cum[k] = (s += f.p[k]);
    }
    [[nodiscard]] double operator()(std::int64_t k) const {
        if (k < 0) return 0.0;
        if (static_cast<std::size_t>(k) >= cum.size()) return 1.0; // the neglected mass lies below k
        return std::min(cum[static_cast<std::size_t>(k)], 1.0);
    }
};

} // namespace detail

/// Calibration of the predictive `f` for the counts `observed`. The uniforms of the randomised PIT
/// come from the engine of (seed, stream) only.
inline calibration calibrate(const truncated_pmf& f, std::span<const std::uint64_t> observed, std::uint64_t seed,
                             int stream) {
    calibration c;
    c.blocks = observed.size();
    if (observed.empty()) return c;
    const detail::window_cdf F(f);
    auto eng = mcmc::make_chain_rng(seed, stream);
    boost::random::uniform_01<double> unif;
    std::size_t in50 = 0, in90 = 0, closed50 = 0, closed90 = 0, lo = 0, hi = 0;
    for (const auto y : observed) {
        const auto k = static_cast<std::int64_t>(y);
        const double below = F(k - 1), at = std::max(F(k), below);
        // When the whole window is below y (y beyond every represented count), the PIT lies in
        // [F(y-1), 1] with F(y-1) >= 1 - neglected.
        const double u = stats::randomised_pit(below, at, unif(eng));
        c.pit.push_back(u);
        in50 += stats::central_interval_hit(u, 0.5);
        in90 += stats::central_interval_hit(u, 0.9);
        // Closed interval [q_a, q_b], q_p = min{k : F(k) >= p}: y >= q_a iff F(y) >= a, y <= q_b iff F(y-1) < b.
        closed50 += at >= 0.25 && below < 0.75;
        closed90 += at >= 0.05 && below < 0.95;
        lo += u < 0.05;
        hi += u > 0.95;
    }
    const double n = static_cast<double>(observed.size());
    double sum = 0;
    for (const auto y : observed) sum += static_cast<double>(y);
    c.observed_mean = sum / n;
    for (std::size_t k = 0; k < F.cum.size(); ++k)
        if (F.cum[k] >= 0.5) {
            c.predictive_median = static_cast<double>(k);
            break;
        }
    c.coverage50 = static_cast<double>(in50) / n;
    c.coverage90 = static_cast<double>(in90) / n;
    c.closed50 = static_cast<double>(closed50) / n;
    c.closed90 = static_cast<double>(closed90) / n;
    c.below05 = static_cast<double>(lo) / n;
    c.above95 = static_cast<double>(hi) / n;
    const auto ks = stats::ks_test_uniform(c.pit);
    c.pit_ks_p = ks.p_value;
    c.pit_ks_d = ks.statistic;
    return c;
}

} // namespace v0
} // namespace fwsize::predict
