// A function that requires the UDP starts per second (series_of<S, udp_new, seconds>) must refuse
// the TCP starts.
// expect-error: series_of<
#include <chrono>

#include <fwsize/series/series_of.hpp>

namespace {
template <class S>
requires fwsize::series::series_of<S, fwsize::series::udp_new, std::chrono::seconds> std::size_t
udp_flows_opened(const S& s) {
    return static_cast<std::size_t>(s.total());
}
} // namespace

int main() {
    using namespace fwsize::series;
#ifdef FWSIZE_CF_CONTROL
    count_series<udp_new, std::chrono::seconds> s(10);
#else
    count_series<tcp_new, std::chrono::seconds> s(10);
#endif
    return static_cast<int>(udp_flows_opened(s));
}
