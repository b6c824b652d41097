// holding_time_draw — one posterior draw of the holding-time model of one protocol: a point mass
// at zero (one-packet flows) plus a mixture of log-normals (seconds), ordered by mu.
#pragma once

#include <vector>

namespace fwsize::model {
inline namespace v0 {

struct holding_time_draw {
    double p_zero = 0.0;           ///< share of sessions with a zero duration
    std::vector<double> weight;    ///< mixture weights of the positive part, summing to 1
    std::vector<double> mu, sigma; ///< log-normal components (log seconds), mu increasing
};

} // namespace v0
} // namespace fwsize::model
