// count_data — plain per-machine per-second counts of one series, and their sufficient statistics
// per (machine, minute) block, which is all the arrival models read.
#pragma once

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/math/special_functions/gamma.hpp>

namespace fwsize::model {
inline namespace v0 {

/// Counts of one series: counts[k][t] = events of machine k in its second t+1. A machine whose
/// protocol was not captured is left out (missing, not zero) by whoever builds this.
struct count_data {
    std::string series;                   ///< "tcp_new", ... (names the output files)
    std::vector<std::string> machine_ids; ///< one per machine
    std::vector<std::vector<std::uint32_t>> counts;
    std::uint32_t seconds_per_block = 60; ///< minute blocks
};

/// One (machine, minute) block: n seconds, count sum S.
struct count_block {
    std::uint32_t machine = 0; ///< 0-based
    std::uint32_t minute = 0;  ///< 0-based within the machine
    std::uint32_t n = 0;
    std::uint64_t sum = 0;
};

/// Sufficient statistics of a count_data: per block (n, S), over all seconds G_k = #{y > k}, and
/// the constant -sum lgamma(y+1), so that one log density costs O(blocks + max count).
struct count_suffstats {
    std::size_t machines = 0;
    std::vector<count_block> blocks;   ///< machine by machine, minute by minute
    std::vector<std::uint64_t> exceed; ///< exceed[k] = G_k
    double log_factorial_sum = 0;
    std::uint64_t seconds = 0, total = 0;
};

inline void validate(const count_data& d) {
    if (d.counts.empty()) throw std::invalid_argument("count_data '" + d.series + "': no machines");
    if (d.machine_ids.size() != d.counts.size())
        throw std::invalid_argument("count_data '" + d.series + "': machine_ids and counts differ in size");
    if (d.seconds_per_block == 0) throw std::invalid_argument("count_data: seconds_per_block must be > 0");
    for (std::size_t k = 0; k < d.counts.size(); ++k)
        if (d.counts[k].empty())
            throw std::invalid_argument("count_data '" + d.series + "': machine " + d.machine_ids[k] +
                                        " has no seconds");
}

inline count_suffstats summarize(const count_data& d) {
    validate(d);
    count_suffstats s;
    s.machines = d.counts.size();
    std::vector<std::uint64_t> hist; // hist[v] = seconds with count v
    for (std::size_t k = 0; k < d.counts.size(); ++k) {
        const auto& c = d.counts[k];
        for (std::size_t t0 = 0; t0 < c.size(); t0 += d.seconds_per_block) {
            count_block b;
            b.machine = static_cast<std::uint32_t>(k);
            b.minute = static_cast<std::uint32_t>(t0 / d.seconds_per_block);
            const std::size_t t1 = std::min<std::size_t>(c.size(), t0 + d.seconds_per_block);
            b.n = static_cast<std::uint32_t>(t1 - t0);
            for (std::size_t t = t0; t < t1; ++t) {
                b.sum += c[t];
                if (hist.size() <= c[t]) hist.resize(c[t] + 1, 0);
                ++hist[c[t]];
            }
            s.seconds += b.n;
            s.total += b.sum;
            s.blocks.push_back(b);
        }
    }
    // G_k = sum_{v > k} h_v, from the histogram: O(seconds + max count)
    if (hist.size() > 1) {
        s.exceed.assign(hist.size() - 1, 0);
        std::uint64_t above = 0;
        for (std::size_t v = hist.size() - 1; v >= 1; --v) {
            above += hist[v];
            s.exceed[v - 1] = above;
        }
    }
    for (std::size_t v = 0; v < hist.size(); ++v)
        if (hist[v])
            s.log_factorial_sum += static_cast<double>(hist[v]) * boost::math::lgamma(static_cast<double>(v) + 1);
    return s;
}

} // namespace v0
} // namespace fwsize::model
