// size_job — the whole of `fwsize size` as one library call: captures in, a filled
// report::sizing_report out (design.md §3, §5; docs/sizing.md).
//  1. each capture is extracted and replayed through the session table under the timer profile:
//     the observed new sessions/s, log lines/min and occupancy per machine (ground truth);
//  2. the arrival models are fitted to the session series (tcp_new, udp_new, tcp_end, udp_end,
//     new) and the holding-time models to the sessions' active durations;
//  3. new sessions/s for every N by the FFT power (with office shocks), log lines/min and
//     concurrent sessions by the session simulation + FFT power; Little's law; warnings.
// Bad input throws fwsize::input_error. Nothing is written here: report::write_report does that.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <fwsize/flow/extract.hpp>
#include <fwsize/flow/timer_profile.hpp>
#include <fwsize/input_error.hpp>
#include <fwsize/model/arrival_draws.hpp>
#include <fwsize/model/fit_series.hpp>
#include <fwsize/model/holding_time_fit.hpp>
#include <fwsize/predict/detail/size_job_curves.hpp>
#include <fwsize/predict/detail/size_job_fit.hpp>
#include <fwsize/predict/detail/size_job_replay.hpp>
#include <fwsize/predict/detail/size_job_simulate.hpp>
#include <fwsize/predict/predict_new_sessions.hpp>
#include <fwsize/predict/predict_quantity.hpp>
#include <fwsize/predict/size_job_options.hpp>
#include <fwsize/predict/sizing_warnings.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::predict {
inline namespace v0 {

struct size_job_result {
    report::sizing_report report;
    std::vector<observed_machine> observed; ///< per machine, the replay's ground truth
    bool converged = true;                  ///< every fitted model met every criterion
    /// Ground truth pooled over machines (mean of the machines' means): what N = 1 predicts.
    double observed_new_per_second = 0, observed_log_lines_per_minute = 0, observed_occupancy = 0;
    /// Per simulated draw: (simulated - expected occupancy given the simulated users' own rates,
    /// Little's law within the warmup horizon) / its Monte Carlo s.e.
    /// (session_simulation_result::occupancy_residual).
    std::vector<double> little_z;
    /// Posterior medians: Little's law within the horizon, and its share of the full Little's law
    /// (below 1 when the holding-time model has sessions older than the simulation's warmup).
    double little_within_horizon = 0, little_share_within_horizon = 1;
    /// Simulated draws cut (over max_simulated_sessions) and draws whose one-user log-line or
    /// occupancy PMF reached pmf_max_length (mass beyond it is neglected, as reported).
    std::size_t simulation_draws_cut = 0, simulation_draws_truncated = 0, simulation_draws_total = 0;
    /// Simulated users over all draws: dropped (over 10 x their session budget, or unable to
    /// afford one minute) and shortened (fewer minutes, same weight); see session_simulation_settings.
    std::int64_t simulation_users_cut = 0, simulation_users_shortened = 0, simulation_users_total = 0;
    std::vector<std::string> read_warnings; ///< the readers' (also first among the report's warnings)
    double seconds_extract = 0, seconds_fit = 0, seconds_predict = 0;
};

namespace detail {
inline double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
inline const char* rules_name(flow::rule_set r) {
    return r == flow::rule_set::seed ? "seed" : "exact";
}
} // namespace detail

inline size_job_result run_size_job(const size_job_options& opt) {
    const auto say = [&](const std::string& s) {
        if (opt.progress) opt.progress(s);
    };
    if (opt.inputs.empty()) throw input_error::in_file("fwsize size", "no capture given");
    std::map<std::string, std::string> stems;
    for (const auto& f : opt.inputs) {
        if (!std::filesystem::exists(f)) throw input_error::in_file(f.string(), "no such file");
        if (auto [it, fresh] = stems.emplace(f.stem().string(), f.string()); !fresh)
            throw input_error::in_file(f.string(), "same machine id '" + f.stem().string() + "' as " + it->second +
                                                       " (machine id = file name without extension); rename one");
    }
    size_job_result res;
    auto& rep = res.report;
    auto t0 = std::chrono::steady_clock::now();

    // 1. Extract and replay.
    flow::extract_options xo;
    xo.rules = opt.rules;
    series::machine_table table;
    std::vector<model::holding_time_data> holding{{"tcp", {}, 0}, {"udp", {}, 0}};
    double tw = 0, half = 0, idle = 0, hs = 0; // TCP end reasons pooled over machines
    double shortest_s = -1;
    for (std::size_t k = 0; k < opt.inputs.size(); ++k) {
        say("[1/3] replaying " + opt.inputs[k].string() + " under " + opt.timers.name);
        auto m = detail::replay_capture(opt.inputs[k], opt.timers, xo);
        for (const auto& w : m.read_warnings) say("      warning: " + w), res.read_warnings.push_back(w);
        detail::add_session_durations(m.replay, holding[0], holding[1]);
        using R = flow::session_end_reason;
        const auto tcp = io::transport::tcp;
        tw += double(m.replay.count(R::fin, tcp) + m.replay.count(R::rst, tcp) + m.replay.count(R::replaced, tcp));
        half += double(m.replay.count(R::half_closed, tcp));
        idle += double(m.replay.count(R::idle, tcp));
        hs += double(m.replay.count(R::handshake, tcp));
        const auto& o = m.observed;
        say("      " + o.machine + ": " + std::to_string(o.seconds) + " s, " + std::to_string(o.sessions) +
            " sessions; observed mean " + std::to_string(o.new_per_second_mean) + " new/s, " +
            std::to_string(o.log_lines_per_minute_mean) + " log lines/min, " + std::to_string(o.occupancy_mean) +
            " sessions in the table");
        rep.settings.captures.push_back({o.path, o.machine, o.duration_s, o.packets, o.sessions});
        shortest_s = shortest_s < 0 ? o.duration_s : std::min(shortest_s, o.duration_s);
        res.observed.push_back(o);
        table.add(std::move(m.events));
    }
    for (const auto& o : res.observed) {
        const double k = double(res.observed.size());
        res.observed_new_per_second += o.new_per_second_mean / k;
        res.observed_log_lines_per_minute += o.log_lines_per_minute_mean / k;
        res.observed_occupancy += o.occupancy_mean / k;
    }
    res.seconds_extract = detail::since(t0);

    // 2. Fit.
    t0 = std::chrono::steady_clock::now();
    std::vector<std::string> notes;
    std::vector<model::count_data> series;
    for (auto& s : model::series_from_table(table, &notes))
        if (!s.counts.empty()) series.push_back(std::move(s));
        else notes.push_back(s.series + ": no machine has this series; not fitted");
    if (series.empty()) throw input_error::in_file(opt.inputs.front().string(), "no session series to fit");
    model::fit_options fo;
    fo.sampler = opt.sampler;
    say("[2/3] fitting " + std::to_string(series.size()) + " arrival series and the holding times (" +
        std::to_string(opt.sampler.chains) + " chains x " + std::to_string(opt.sampler.warmup) + " warmup + " +
        std::to_string(opt.sampler.draws) + " draws)");
    const auto fits = detail::fit_all(series, holding, fo, opt.threads);
    for (const auto& f : fits.series) {
        rep.diagnostics.push_back(detail::diagnostics_of("arrival " + f.data.series, f.summary));
        rep.ppc.insert(rep.ppc.end(), f.ppc.begin(), f.ppc.end());
    }
    for (std::size_t i = 0; i < holding.size(); ++i)
        if (fits.holding_fitted[i])
            rep.diagnostics.push_back(
                detail::diagnostics_of("holding_time_" + holding[i].protocol, fits.holding[i].summary));
        else
            notes.push_back("holding time " + holding[i].protocol + ": only " +
                            std::to_string(holding[i].sessions.size()) + " sessions; not fitted");
    for (const auto& d : rep.diagnostics) {
        res.converged = res.converged && d.ok;
        say("      " + d.model + ": " + (d.ok ? "converged" : "NOT CONVERGED"));
    }
    res.seconds_fit = detail::since(t0);
    say("      fits done in " + std::to_string(res.seconds_fit) + " s");

    // 3. Predict.
    t0 = std::chrono::steady_clock::now();
    prediction_options po;
    po.users = opt.users;
    po.max_draws = opt.max_draws;
    po.threads = opt.threads;
    po.one_user.tail_tolerance = opt.tail_tolerance;
    po.one_user.max_length = opt.pmf_max_length;
    po.n_user.tolerance = opt.tail_tolerance;
    po.n_user.max_length = opt.pmf_max_length;
    const model::series_fit* news = fits.find("new");
    if (!news) {
        news = fits.find("tcp_new") ? fits.find("tcp_new") : fits.find("udp_new");
        if (!news) throw input_error::in_file(opt.inputs.front().string(), "no machine opened any session");
        notes.push_back("no machine captured both TCP and UDP: new sessions per second are predicted from " +
                        news->data.series + " alone");
    }
    const auto new_draws = model::arrival_draws(news->result, opt.max_draws);
    say("[3/3] predicting new sessions per second for " + std::to_string(opt.users.size()) + " office sizes (" +
        std::to_string(new_draws.size()) + " draws)");
    rep.predictions.push_back(predict_new_sessions(new_draws, po, opt.rho, {.max_nodes = opt.shock_nodes}));
    say("      done in " + std::to_string(detail::since(t0)) + " s; office-shock sensitivity");
    if (!opt.sensitivity_rhos.empty()) {
        auto so = po;
        so.max_draws = opt.shock_draws;
        rep.shocks = shock_sensitivity(new_draws, so, opt.sensitivity_rhos, {.max_nodes = opt.shock_nodes});
    }
    say("      done in " + std::to_string(detail::since(t0)) + " s");

    detail::protocol_draws pd[2];
    const char* protos[] = {"tcp", "udp"};
    for (int p = 0; p < 2; ++p) {
        const auto* a = fits.find(std::string(protos[p]) + "_new");
        const auto* h = fits.find_holding(protos[p]);
        if (!a || !h) continue;
        pd[p].arrivals = model::arrival_draws(a->result, opt.simulation_draws);
        pd[p].holding = model::holding_time_draws(h->result, h->components, opt.simulation_draws);
        rep.holding_times.push_back(detail::holding_curves(h->data, pd[p].holding));
    }
    const bool simulable = opt.timers.sessions_expire() && (pd[0].size() || pd[1].size());
    if (!simulable) {
        notes.push_back(
            opt.timers.sessions_expire()
                ? "no protocol has both an arrival and a holding-time fit: log lines and occupancy not predicted"
                : "timer profile '" + opt.timers.name +
                      "' never expires sessions: log lines per minute and "
                      "concurrent sessions are not predicted (choose fortigate or paloalto)");
    } else {
        session_simulation_settings ss;
        ss.seed = opt.sampler.seed;
        ss.users = opt.simulation_users;
        ss.minutes = opt.simulation_minutes;
        // One user's simulated counts are kept up to the N-user window: a busy user's occupancy
        // (10^4-10^5) is a count to convolve, not mass to give up as "beyond".
        ss.max_pmf_length = std::max(opt.pmf_max_length, opt.simulated_n_user_max_length);
        ss.max_sessions = opt.max_simulated_sessions;
        const tcp_end_mix ends = tw + half + idle + hs > 0 ? tcp_end_mix{tw, half, idle, hs} : tcp_end_mix{};
        say("      simulating sessions of " + std::to_string(std::max(pd[0].size(), pd[1].size())) + " draws x " +
            std::to_string(ss.users) + " users x " + std::to_string(ss.minutes) + " min");
        const bool literal = opt.log_lines == log_lines_mode::seed_60x;
        const auto sims = detail::simulate_draws(pd[0], pd[1], opt.timers, ends, ss, opt.threads, literal);
        say("      done in " + std::to_string(detail::since(t0)) + " s; log lines and occupancy for every N");
        auto lo = po;
        lo.periods_per_hour = 60;
        lo.n_user.max_length = std::max(opt.pmf_max_length, opt.simulated_n_user_max_length);
        // Pooled means from closed forms, whatever was simulated: in the stationary table every
        // session ends once, so log lines per minute average 60 x the arrival rate (either
        // recipe); the table averages Little's law, rate x mean holding.
        rep.predictions.push_back(predict_quantity(
            "log_lines_per_minute", sims.size(),
            [&](std::size_t i) {
                const double mean = 60 * sims[i].arrival_rate_per_second;
                if (sims[i].cut) return truncated_pmf{{0.0}, 1.0, mean}; // all its mass beyond the window
                return literal ? truncated_pmf{sims[i].seed_literal_log_lines_per_minute_pmf,
                                               sims[i].seed_literal_neglected, mean}
                               : truncated_pmf{sims[i].log_lines_per_minute_pmf, sims[i].log_lines_neglected, mean};
            },
            lo));
        auto oc = lo;
        oc.periods_per_hour = 3600; // one instant per second, as the replay reads occupancy
        rep.predictions.push_back(predict_quantity(
            "concurrent_sessions", sims.size(),
            [&](std::size_t i) {
                if (sims[i].cut) return truncated_pmf{{0.0}, 1.0, sims[i].little_occupancy};
                return truncated_pmf{sims[i].occupancy_pmf, sims[i].occupancy_neglected, sims[i].little_occupancy};
            },
            oc));
        std::vector<double> rate, hold, little, occ, se, within, share;
        res.simulation_draws_total = sims.size();
        for (const auto& s : sims) {
            res.simulation_users_total += s.users;
            res.simulation_users_cut += s.users_cut;
            res.simulation_users_shortened += s.users_shortened;
            if (s.cut) {
                ++res.simulation_draws_cut;
                continue;
            }
            if (s.occupancy_neglected > 0 || s.log_lines_neglected > 0) ++res.simulation_draws_truncated;
            rate.push_back(s.arrival_rate_per_second), hold.push_back(s.mean_holding_s);
            little.push_back(s.little_occupancy), occ.push_back(s.mean_occupancy), se.push_back(s.mean_occupancy_se);
            within.push_back(s.little_occupancy_within_horizon);
            share.push_back(s.little_occupancy > 0 ? s.little_occupancy_within_horizon / s.little_occupancy : 1.0);
            // Against each simulated user's own expectation: unaffected by dropped users and by
            // the (heavy) spread between users.
            res.little_z.push_back(s.occupancy_residual_se > 0 ? s.occupancy_residual / s.occupancy_residual_se : 0.0);
        }
        auto& l = rep.little;
        l.computed = !rate.empty(); // every draw cut: nothing simulated to compare with
        if (l.computed) {
            l.arrival_rate_per_second = summarise_draws(rate).median;
            l.mean_holding_s = summarise_draws(hold).median;
            l.little_occupancy = summarise_draws(little).median;
            l.simulated_occupancy = summarise_draws(occ).median;
            l.simulated_se = summarise_draws(se).median;
            res.little_within_horizon = summarise_draws(within).median;
            res.little_share_within_horizon = summarise_draws(share).median;
        }
        say("      users dropped " + std::to_string(res.simulation_users_cut) + ", shortened " +
            std::to_string(res.simulation_users_shortened) + " (fewer minutes, same weight) of " +
            std::to_string(res.simulation_users_total) + "; draws wholly dropped " +
            std::to_string(res.simulation_draws_cut) + " of " + std::to_string(sims.size()));
        const auto pooled = detail::pool_occupancy(sims);
        for (const auto& o : res.observed) rep.occupancy.push_back(detail::compare_occupancy(o, pooled));
    }
    for (const auto& q : rep.predictions) rep.rows.insert(rep.rows.end(), q.rows.begin(), q.rows.end());
    res.seconds_predict = detail::since(t0);

    // Settings and warnings.
    auto& st = rep.settings;
    st.machines = opt.inputs.size();
    st.timer_profile = opt.timers.name;
    st.users = opt.users;
    st.seed = opt.sampler.seed;
    st.rho = opt.rho;
    st.rule_set = detail::rules_name(opt.rules);
    st.posterior_draws = rep.predictions.front().draws;
    st.command_line = opt.command_line;
    sizing_context ctx;
    ctx.machines = opt.inputs.size();
    ctx.shortest_capture_s = shortest_s;
    ctx.longest_timer_s = std::isfinite(opt.timers.longest_timer_s()) ? opt.timers.longest_timer_s() : 0.0;
    ctx.parameters = arrival_parameter_spreads(new_draws);
    ctx.rows = rep.rows;
    rep.warnings = res.read_warnings;
    for (auto& w : sizing_warnings(ctx)) rep.warnings.push_back(std::move(w));
    for (const auto& d : rep.diagnostics)
        if (!d.ok)
            rep.warnings.push_back(
                "The " + d.model + " model did not meet every convergence criterion (" +
                std::to_string(d.failures.size()) + " failed, worst R-hat " + std::to_string(d.rhat_max) +
                ", least bulk ESS " + std::to_string(d.ess_bulk_min) +
                "): its numbers are shown but not to be trusted; more draws or longer captures may help.");
    if (opt.log_lines == log_lines_mode::seed_60x)
        rep.warnings.push_back("Log lines per minute use the seed's literal recipe (60 x one second's session ends), "
                               "not minute totals: kept for comparison only; it misstates the tail.");
    if (rep.little.computed && res.little_share_within_horizon < 0.95)
        rep.warnings.push_back(
            "Concurrent sessions are underestimated: the holding-time model gives sessions that outlive the "
            "simulation's warmup (at most " +
            std::to_string(int(session_simulation_settings{}.max_warmup_s / 3600)) +
            " h), so the simulated table holds (posterior median) " +
            std::to_string(int(std::lround(100 * res.little_share_within_horizon))) +
            " % of what Little's law gives for the stationary table (" + std::to_string(rep.little.little_occupancy) +
            " vs " + std::to_string(res.little_within_horizon) +
            " sessions per user). Longer captures would show whether such long sessions exist.");
    if (res.simulation_users_cut)
        rep.warnings.push_back(
            std::to_string(res.simulation_users_cut) + " of " + std::to_string(res.simulation_users_total) +
            " simulated users (in " + std::to_string(res.simulation_draws_total) + " posterior draws; " +
            std::to_string(res.simulation_draws_cut) +
            " draws wholly) were dropped: each would have opened more sessions than its share of " +
            std::to_string(opt.max_simulated_sessions) +
            " per draw (--max-simulated-sessions) even in one "
            "minute — rates far in the posterior's tail. Their weight counts as beyond the window for log "
            "lines and concurrent sessions: quantiles they reach read '>= x' in sizing.md and index.html "
            "(sizing.json: at_least; sizing.csv keeps plain numbers). Pooled means are closed forms and "
            "include them. Longer captures or more machines narrow the posterior.");

    for (const auto& q : rep.predictions)
        if (q.draws >= 10 && q.one_user_mean_largest_share > 0.1)
            rep.warnings.push_back(
                "The pooled mean of " + q.quantity + " is dominated by few posterior draws: the largest of " +
                std::to_string(q.draws) + " holds " +
                std::to_string(int(std::lround(100 * q.one_user_mean_largest_share))) +
                " % of it (a heavy posterior tail: machines' spread still near its prior). It is a Monte Carlo figure "
                "that moves with --seed; the posterior median of a user's mean is " +
                std::to_string(q.one_user_mean_median) + ". Size by the quantiles.");
    for (const auto& q : rep.predictions)
        for (std::size_t i = 0; i < q.neglected_max.size() && i < opt.users.size(); ++i)
            if (q.neglected_max[i] > 1e-3) {
                rep.warnings.push_back("For " + q.quantity + " at N = " + std::to_string(opt.users[i]) + ", up to " +
                                       std::to_string(q.neglected_max[i]) +
                                       " of a posterior draw's probability lies beyond the PMF window (" +
                                       std::to_string(q.length_max[i]) +
                                       "): a quantile equal to the window length means 'at least that' (marked '>=' in "
                                       "sizing.md and index.html). "
                                       "--max-pmf-length raises the window (memory grows with it).");
                break; // the smallest N that reaches the window; larger N do too (all in sizing.json)
            }
    if (res.simulation_draws_truncated)
        rep.warnings.push_back(std::to_string(res.simulation_draws_truncated) + " of " +
                               std::to_string(res.simulation_draws_total) +
                               " simulated posterior draws reached the one-user PMF window (" +
                               std::to_string(std::max(opt.pmf_max_length, opt.simulated_n_user_max_length)) +
                               "): their mass beyond it is counted as neglected, not binned.");
    rep.warnings.insert(rep.warnings.end(), notes.begin(), notes.end());
    return res;
}

} // namespace v0
} // namespace fwsize::predict
