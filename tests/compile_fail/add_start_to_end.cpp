// tcp_new + tcp_end has no meaning (a start is not an end): no sum kind, so it must not compile.
// expect-error: combinable<
#include <chrono>

#include <fwsize/series/count_series.hpp>

int main() {
    using namespace fwsize::series;
    count_series<tcp_new, std::chrono::seconds> starts(60);
#ifdef FWSIZE_CF_CONTROL
    count_series<udp_new, std::chrono::seconds> other(60);
#else
    count_series<tcp_end, std::chrono::seconds> other(60);
#endif
    return static_cast<int>((starts + other).size());
}
