// randomised_pit — the probability integral transform of a count under a discrete predictive:
// u = F(y-1) + V (F(y) - F(y-1)), V ~ U(0, 1) independent of y. When y really comes from F, u is
// exactly U(0, 1) (Brockwell 2007; Czado, Gneiting & Held 2009), whereas the plain F(y) of a count
// piles up on the atoms. Central-interval membership is read off u (see central_interval_hit).
#pragma once

#include <algorithm>
#include <stdexcept>

namespace fwsize::stats {
inline namespace v0 {

/// cdf_below = F(y - 1) = P(Y < y), cdf_at = F(y) = P(Y <= y); v uniform on [0, 1).
inline double randomised_pit(double cdf_below, double cdf_at, double v) {
    if (!(cdf_below >= 0 && cdf_at <= 1 + 1e-12 && cdf_below <= cdf_at + 1e-12))
        throw std::domain_error("randomised_pit: need 0 <= F(y-1) <= F(y) <= 1");
    if (!(v >= 0 && v <= 1)) throw std::domain_error("randomised_pit: v must be in [0, 1]");
    const double lo = std::clamp(cdf_below, 0.0, 1.0), hi = std::clamp(cdf_at, lo, 1.0);
    return lo + v * (hi - lo);
}

/// Whether a count is inside the central `level` predictive interval, for discrete data: inside
/// when its randomised PIT lies in [(1 - level)/2, (1 + level)/2]. A count strictly between the
/// two boundary quantiles is always inside; one *at* a boundary quantile is inside with the
/// probability that gives the interval exactly `level` mass (the boundary atom is split). Under a
/// correct predictive the expected share inside is then exactly `level`, with no discreteness
/// bias — the closed interval [q_lo, q_hi] would cover at least `level`, often far more for small
/// counts.
inline bool central_interval_hit(double pit, double level) {
    if (!(level > 0 && level < 1)) throw std::domain_error("central_interval_hit: level must be in (0, 1)");
    return pit >= (1 - level) / 2 && pit <= (1 + level) / 2;
}

} // namespace v0
} // namespace fwsize::stats
