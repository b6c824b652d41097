// log_lines_per_minute — a firewall writes one log line per session, when the session ends, so the
// log lines of each minute are the session ends of that minute: a per-minute re-binning that only
// accepts session-end series (a series of starts is a compile error on session_end_series).
#pragma once

#include <chrono>

#include <fwsize/series/count_series.hpp>
#include <fwsize/series/series_of.hpp>

namespace fwsize::series {
inline namespace v0 {

/// Bin m holds the ends of the source bins falling in minute m (the last minute possibly partial).
template <class S>
requires session_end_series<S> && rebinnable_to<std::chrono::minutes, S>
    count_series<typename S::event, std::chrono::minutes> log_lines_per_minute(const S& ends) {
    return rebin<std::chrono::minutes>(ends);
}

} // namespace v0
} // namespace fwsize::series
