// quantity_text — how each predicted quantity is named in words, with its unit and period, for
// table headings, axis labels and the "what is predicted" paragraph.
#pragma once

#include <string>
#include <string_view>

namespace fwsize::report {
inline namespace v0 {
namespace detail {

struct quantity_text {
    std::string title;     ///< "New sessions per second"
    std::string axis;      ///< x axis label with unit
    std::string period;    ///< "second", "minute", "instant"
    std::string periods;   ///< plural, for "share of seconds"
    std::string meaning;   ///< one plain sentence
    double peak_share = 0; ///< exceedance of the busy-hour peak (1/3600, 1/60), 0: none
};

inline quantity_text describe_quantity(std::string_view q) {
    if (q == "new_per_second")
        return {"New sessions per second",
                "new sessions in one second (sessions/s)",
                "second",
                "seconds",
                "how many sessions the firewall must create in one second (its session-creation rate)",
                1.0 / 3600};
    if (q == "log_lines_per_minute")
        return {"Log lines per minute",
                "log lines in one minute (lines/min)",
                "minute",
                "minutes",
                "how many log lines the firewall writes in one minute: one line per session, when it ends "
                "(a minute total, not 60 times a per-second count)",
                1.0 / 60};
    if (q == "concurrent_sessions")
        return {"Concurrent sessions",
                "sessions in the table at one instant (sessions)",
                "instant",
                "instants",
                "how many sessions the firewall's session table holds at a random instant",
                0.0};
    const std::string s(q);
    return {s, s, "period", "periods", s, 0.0};
}

} // namespace detail
} // namespace v0
} // namespace fwsize::report
