// size_job_simulate — stage 3b of `fwsize size`: the session simulation of every thinned posterior
// draw (arrivals of tcp_new / udp_new paired with the holding-time draws of the same index), run
// on a pool of threads. Draw i is simulated with stream i, so results never depend on the number
// of threads.
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

#include <fwsize/detail/parallel_for.hpp>
#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/model/holding_time_draw.hpp>
#include <fwsize/predict/session_simulation.hpp>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

/// Per protocol: paired posterior draws (index i of both vectors = one joint draw), or empty when
/// the protocol cannot be simulated.
struct protocol_draws {
    std::vector<model::arrival_draw> arrivals;
    std::vector<model::holding_time_draw> holding;
    [[nodiscard]] std::size_t size() const { return std::min(arrivals.size(), holding.size()); }
};

inline std::vector<session_simulation_result> simulate_draws(const protocol_draws& tcp, const protocol_draws& udp,
                                                             const flow::timer_profile& timers, const tcp_end_mix& ends,
                                                             session_simulation_settings settings, unsigned threads,
                                                             bool keep_seed_literal = false) {
    std::size_t n = 0;
    if (tcp.size() && udp.size()) n = std::min(tcp.size(), udp.size());
    else n = std::max(tcp.size(), udp.size());
    std::vector<session_simulation_result> out(n);
    fwsize::detail::parallel_for(n, threads, [&](std::size_t i) {
        session_simulation_input in;
        in.timers = timers;
        in.tcp_ends = ends;
        if (tcp.size()) in.tcp = protocol_draw{tcp.arrivals[i], tcp.holding[i]};
        if (udp.size()) in.udp = protocol_draw{udp.arrivals[i], udp.holding[i]};
        auto s = settings;
        s.stream = i;
        out[i] = simulate_sessions(in, s);
        // 60x-stretched PMF: 60 times the memory of a per-second one; dropped unless asked for.
        if (!keep_seed_literal) out[i].seed_literal_log_lines_per_minute_pmf = {};
    });
    return out;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
