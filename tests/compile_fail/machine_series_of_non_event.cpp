// A machine's series are asked for by event tag; anything else must fail on the event_tag concept.
// expect-error: event_tag
#include <fwsize/series/machine_table.hpp>

int main() {
    fwsize::series::machine_series m;
#ifdef FWSIZE_CF_CONTROL
    return static_cast<int>(m.series<fwsize::series::udp_end>().size());
#else
    return static_cast<int>(m.series<int>().size());
#endif
}
