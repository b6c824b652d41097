// Re-binning minutes into seconds would invent counts: rebin must refuse it.
// expect-error: rebinnable_to<
#include <chrono>

#include <fwsize/series/count_series.hpp>

int main() {
    using namespace fwsize::series;
#ifdef FWSIZE_CF_CONTROL
    count_series<udp_new, std::chrono::seconds> s(120);
    return static_cast<int>(rebin<std::chrono::minutes>(s).size());
#else
    count_series<udp_new, std::chrono::minutes> s(2);
    return static_cast<int>(rebin<std::chrono::seconds>(s).size());
#endif
}
