// session_series — what a replay of one machine's capture yields per 1-s bin: new sessions, session
// ends (= log lines) and table occupancy. Public struct of fwsize::flow, built by the session table.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include <fwsize/flow/detail/session_types.hpp>

namespace fwsize::flow {
inline namespace v0 {

/// Bins as design.md §3: second s (0-based here) covers [origin_ns + s·1e9, origin_ns + (s+1)·1e9)
/// with origin_ns = floor(first packet, 1 s); minute m covers seconds [60m, 60m + 60).
struct session_series {
    std::int64_t origin_ns = 0;
    std::vector<std::int64_t> new_tcp, new_udp; ///< sessions opened in the second (not left-truncated)
    std::vector<std::int64_t> end_tcp, end_udp; ///< sessions removed in the second (log lines)
    /// Table size at the instant that ends the second (origin + (s+1)·1e9): a session counts when
    /// start <= instant < end. And the largest size at any instant within the second.
    std::vector<std::int64_t> occupancy, occupancy_max;

    [[nodiscard]] std::size_t seconds() const { return new_tcp.size(); }
    [[nodiscard]] std::size_t minutes() const { return (seconds() + 59) / 60; }
    /// Seconds of minute m inside the capture (60 except perhaps the last one).
    [[nodiscard]] std::size_t seconds_in_minute(std::size_t m) const {
        return std::min<std::size_t>(60, seconds() - 60 * m);
    }
    [[nodiscard]] std::vector<std::int64_t> new_per_second() const {
        std::vector<std::int64_t> r(seconds());
        for (std::size_t s = 0; s < r.size(); ++s) r[s] = new_tcp[s] + new_udp[s];
        return r;
    }
    [[nodiscard]] std::vector<std::int64_t> ends_per_second() const {
        std::vector<std::int64_t> r(seconds());
        for (std::size_t s = 0; s < r.size(); ++s) r[s] = end_tcp[s] + end_udp[s];
        return r;
    }
    /// Log lines per minute: minute totals of session ends (not 60 × a per-second count).
    [[nodiscard]] std::vector<std::int64_t> ends_per_minute() const {
        std::vector<std::int64_t> r(minutes(), 0);
        for (std::size_t s = 0; s < seconds(); ++s) r[s / 60] += end_tcp[s] + end_udp[s];
        return r;
    }
};

namespace detail {

inline std::int64_t floor_second_ns(std::int64_t t) {
    std::int64_t q = t / 1'000'000'000;
    if (t % 1'000'000'000 < 0) --q;
    return q * 1'000'000'000;
}

/// Builds the series over [first_ns, last_ns] from finished session records.
inline session_series build_session_series(const std::vector<session_record>& records, std::int64_t first_ns,
                                           std::int64_t last_ns) {
    session_series r;
    r.origin_ns = floor_second_ns(first_ns);
    const std::size_t n = std::size_t((floor_second_ns(last_ns) - r.origin_ns) / 1'000'000'000 + 1);
    r.new_tcp.assign(n, 0), r.new_udp.assign(n, 0), r.end_tcp.assign(n, 0), r.end_udp.assign(n, 0);
    r.occupancy.assign(n, 0), r.occupancy_max.assign(n, 0);
    auto bin = [&](std::int64_t t) { return std::size_t((floor_second_ns(t) - r.origin_ns) / 1'000'000'000); };

    // Sweep of +1 at start, -1 at end; at equal times ends go first ([start, end) intervals).
    std::vector<std::pair<std::int64_t, int>> ev;
    ev.reserve(2 * records.size());
    for (const auto& s : records) {
        if (!s.left_truncated) ++(s.is_tcp() ? r.new_tcp : r.new_udp)[bin(s.start_ns)];
        ev.emplace_back(s.start_ns, +1);
        if (s.end_ns) {
            ++(s.is_tcp() ? r.end_tcp : r.end_udp)[bin(*s.end_ns)];
            ev.emplace_back(*s.end_ns, -1);
        }
    }
    std::sort(ev.begin(), ev.end());
    std::int64_t level = 0;
    std::size_t e = 0;
    for (std::size_t s = 0; s < n; ++s) {
        const std::int64_t lo = r.origin_ns + std::int64_t(s) * 1'000'000'000, hi = lo + 1'000'000'000;
        while (e < ev.size() && ev[e].first <= lo) level += ev[e++].second; // instants up to lo
        std::int64_t peak = level;
        while (e < ev.size() && ev[e].first < hi) {
            // Apply all events at one instant before reading the level there.
            const std::int64_t t = ev[e].first;
            while (e < ev.size() && ev[e].first == t) level += ev[e++].second;
            peak = std::max(peak, level);
        }
        r.occupancy_max[s] = peak;
        // Level at instant hi: events at exactly hi belong to the next bin's sweep; apply them for
        // the read-out only (starts at hi count, ends at hi do not).
        std::int64_t at_hi = level;
        for (std::size_t k = e; k < ev.size() && ev[k].first == hi; ++k) at_hi += ev[k].second;
        r.occupancy[s] = at_hi;
    }
    return r;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::flow
