// size_job_replay — stage 1 of `fwsize size`: one capture through the flow stage (local addresses,
// scope) and the firewall's session table under a timer profile. Yields the per-second session
// events the arrival models are fitted on, the session durations the holding-time model is fitted
// on, and the observed per-machine figures (the ground truth the predictions are checked against).
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <fwsize/flow/classify.hpp>
#include <fwsize/flow/extract.hpp>
#include <fwsize/flow/extract_file.hpp>
#include <fwsize/flow/session_table.hpp>
#include <fwsize/flow/timer_profile.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/io/read_ahead.hpp>
#include <fwsize/model/holding_time_fit.hpp>
#include <fwsize/series/machine_table.hpp>

namespace fwsize::predict {
inline namespace v0 {

/// What one machine's replay shows: its observed ground truth under the profile.
struct observed_machine {
    std::string path, machine;
    double duration_s = 0;
    std::int64_t packets = 0, sessions = 0, seconds = 0, minutes = 0;
    double new_per_second_mean = 0;
    double log_lines_per_minute_mean = 0; ///< over whole minutes only (a partial last minute is left out)
    double occupancy_mean = 0;            ///< at the end of each second
    std::int64_t new_per_second_max = 0, log_lines_per_minute_max = 0, occupancy_max = 0;
    std::vector<double> occupancy_pmf; ///< share of seconds with k sessions in the table
};

namespace detail {

/// One capture replayed: session events binned as the models read them, and the replay itself.
struct replayed_machine {
    series::machine_series events; ///< tcp_new, udp_new, tcp_end, udp_end = sessions opened / ended
    flow::session_replay replay;
    observed_machine observed;
    std::vector<std::string> read_warnings; ///< the reader's (e.g. a truncated last record at byte N)
};

inline observed_machine observe(const flow::session_replay& rep, const std::string& path, const std::string& machine,
                                std::int64_t packets) {
    observed_machine o;
    o.path = path;
    o.machine = machine;
    o.duration_s = double(rep.last_ns - rep.first_ns) * 1e-9;
    o.packets = packets;
    o.sessions = std::int64_t(rep.sessions.size());
    const auto& s = rep.series;
    o.seconds = std::int64_t(s.seconds());
    if (s.seconds() == 0) return o;
    double news = 0, occ = 0;
    for (auto v : s.new_per_second()) news += double(v), o.new_per_second_max = std::max(o.new_per_second_max, v);
    for (auto v : s.occupancy) {
        occ += double(v);
        o.occupancy_max = std::max(o.occupancy_max, v);
        if (o.occupancy_pmf.size() <= std::size_t(v)) o.occupancy_pmf.resize(std::size_t(v) + 1, 0.0);
        o.occupancy_pmf[std::size_t(v)] += 1.0;
    }
    for (auto& p : o.occupancy_pmf) p /= double(s.seconds());
    o.new_per_second_mean = news / double(s.seconds());
    o.occupancy_mean = occ / double(s.seconds());
    const auto lines = s.ends_per_minute();
    double sum = 0;
    for (std::size_t m = 0; m < lines.size(); ++m) {
        if (s.seconds_in_minute(m) < 60) continue;
        sum += double(lines[m]);
        ++o.minutes;
        o.log_lines_per_minute_max = std::max(o.log_lines_per_minute_max, lines[m]);
    }
    o.log_lines_per_minute_mean = o.minutes > 0 ? sum / double(o.minutes) : 0.0;
    return o;
}

/// Extracts and replays one capture (one machine, named by the file stem). Throws input_error.
inline replayed_machine replay_capture(const std::filesystem::path& path, const flow::timer_profile& profile,
                                       const flow::extract_options& opt) {
    auto m = flow::extract_file(path, opt);
    replayed_machine out;
    for (const auto& w : m.report.warnings) out.read_warnings.push_back(w); // already names the file and byte
    auto& s = out.events;
    s.machine_id = m.machine_id;
    s.has_tcp = m.protocols.has_tcp();
    s.has_udp = m.protocols.has_udp();
    if (m.first_ns < 0) throw input_error::in_file(path.string(), "no TCP or UDP packet: nothing to size");
    flow::session_packet_adapter adapt([&](const io::ip_address& a) { return m.local.contains(a); });
    flow::session_table table(profile, {.source_name = path.string()});
    {
        auto src = io::open_capture(path);
        io::read_ahead ahead(src); // parse on a second core while the session table runs here
        for (const flow::classified_packet& p : io::records(ahead) | flow::classify(m.local, opt.scope))
            if (p.host_traffic())
                if (auto sp = adapt(p.rec)) table.add(*sp);
    }
    out.replay = std::move(table).finish(m.first_ns, m.last_ns);
    s.first_epoch_s = series::floor_seconds(m.first_ns);
    const auto& r = out.replay.series;
    const std::vector<std::int64_t>* cols[] = {&r.new_tcp, &r.new_udp, &r.end_tcp, &r.end_udp};
    for (std::size_t k = 0; k < 4; ++k) s.counts[k].assign(cols[k]->begin(), cols[k]->end());
    out.observed = observe(out.replay, path.string(), m.machine_id,
                           std::int64_t(m.protocols.tcp_packets + m.protocols.udp_packets));
    return out;
}

/// Active durations of the replay's sessions (first packet to the packet that armed the final
/// timer: the simulation adds the timer back), right-censored when still open at capture end.
/// Sessions open at capture start are left out and counted (their age is unknown).
inline void add_session_durations(const flow::session_replay& rep, model::holding_time_data& tcp,
                                  model::holding_time_data& udp) {
    for (const auto& s : rep.sessions) {
        auto& d = s.is_tcp() ? tcp : udp;
        if (s.left_truncated) {
            ++d.open_at_start_excluded;
            continue;
        }
        model::duration_obs o;
        o.seconds = std::max(0.0, s.duration_s());
        o.censored = s.right_censored();
        if (o.censored && o.seconds == 0) continue; // opened in the capture's last instant: no information
        d.sessions.push_back(o);
    }
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
