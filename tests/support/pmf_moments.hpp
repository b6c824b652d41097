// Moments of a probability mass function on 0, 1, 2, ..., written out for the tests so that they do
// not check fwsize::predict against its own helpers.
#pragma once

#include <cstddef>
#include <vector>

namespace fwsize::test {

inline double pmf_mean(const std::vector<double>& p) {
    double m = 0;
    for (std::size_t k = 0; k < p.size(); ++k) m += double(k) * p[k];
    return m;
}

} // namespace fwsize::test
