// A per-second series plus a per-minute series must not compile: the bins mean different things.
// expect-error: combinable<
#include <chrono>

#include <fwsize/series/count_series.hpp>

int main() {
    using namespace fwsize::series;
    count_series<tcp_new, std::chrono::seconds> tcp(120);
#ifdef FWSIZE_CF_CONTROL
    count_series<udp_new, std::chrono::seconds> udp(120);
#else
    count_series<udp_new, std::chrono::minutes> udp(2);
#endif
    return static_cast<int>((tcp + udp).size());
}
