// Log lines are written when sessions end: handing log_lines_per_minute a series of session
// starts (tcp_new where tcp_end or udp_end is required) must not compile.
// expect-error: session_end_series<
#include <chrono>

#include <fwsize/series/log_lines_per_minute.hpp>

int main() {
    using namespace fwsize::series;
#ifdef FWSIZE_CF_CONTROL
    count_series<tcp_end, std::chrono::seconds> s(120);
#else
    count_series<tcp_new, std::chrono::seconds> s(120);
#endif
    return static_cast<int>(log_lines_per_minute(s).size());
}
