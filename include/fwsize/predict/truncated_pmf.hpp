// truncated_pmf — a PMF on 0..size-1 and the probability mass that lies beyond it (never hidden).
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace fwsize::predict {
inline namespace v0 {

struct truncated_pmf {
    std::vector<double> p;  ///< p[k] = P(count = k)
    double neglected = 0.0; ///< P(count >= p.size()), as far as the construction can tell
    /// The distribution's whole mean when a closed form gives it (the neglected tail included,
    /// e.g. 60 x arrival rate for log lines per minute); NaN when only the PMF is known.
    double exact_mean = std::numeric_limits<double>::quiet_NaN();

    [[nodiscard]] std::size_t size() const noexcept { return p.size(); }
};

/// Mean of the represented part (the neglected tail is not counted).
inline double mean(const truncated_pmf& f) {
    double s = 0;
    for (std::size_t k = 1; k < f.p.size(); ++k) s += static_cast<double>(k) * f.p[k];
    return s;
}

} // namespace v0
} // namespace fwsize::predict
