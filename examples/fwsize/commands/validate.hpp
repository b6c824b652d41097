// fwsize validate CAPTURE... (--out DIR | --json FILE) [--timers fortigate] [--seed] [--chains
// --warmup --draws] — held-out checks of the arrival models (predict/validation.hpp): leave one
// machine out and predict its minute totals as a new user's; superpose the captures as K users and
// predict the office's minute totals. Prints a table; writes validate.json (the schema of issue 6)
// and, with --out, validate.txt (the table) into DIR, atomically.
// Events are the sessions of a firewall under --timers (the session-table replay), or with
// `--timers flows` the flow events that `fwsize fit` uses.
#pragma once

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <fwsize/flow/classify.hpp>
#include <fwsize/flow/extract.hpp>
#include <fwsize/flow/extract_file.hpp>
#include <fwsize/flow/session_table.hpp>
#include <fwsize/flow/timer_profile.hpp>
#include <fwsize/input_error.hpp>
#include <fwsize/io/atomic_output.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/model/fit_series.hpp>
#include <fwsize/predict/validation.hpp>
#include <fwsize/series/machine_table.hpp>

#include "../command.hpp"

namespace fwsize::cli {

namespace validate_detail {

struct options {
    std::vector<std::string> inputs;
    std::string out, json;
    std::string timers = "fortigate";
    int chains = 4, warmup = 1000, draws = 1000;
    std::uint64_t seed = 42;
    double adapt_delta = 0.95;
    bool adapt_delta_given = false; ///< --adapt-delta given: run at it exactly, no refit at 0.99
    unsigned threads = 0;
    std::size_t max_draws = 300;
    std::string minute_model = "lognormal", machine_level = "auto", minute_effects = "auto";
    bool every_k = true;
};

/// One capture's per-second events: the firewall's sessions under `profile` (new = sessions
/// opened, end = sessions leaving the table = log lines), binned over the capture's own span.
inline series::machine_series session_events(const std::filesystem::path& path, const flow::timer_profile& profile) {
    auto m = flow::extract_file(path);
    series::machine_series s;
    s.machine_id = m.machine_id;
    s.has_tcp = m.protocols.has_tcp();
    s.has_udp = m.protocols.has_udp();
    if (m.first_ns < 0) return s;
    const flow::scope_rules scope;
    flow::session_packet_adapter adapt([&](const io::ip_address& a) { return m.local.contains(a); });
    flow::session_table table(profile, {.source_name = path.string()});
    {
        auto src = io::open_capture(path);
        for (const flow::classified_packet& p : io::records(src) | flow::classify(m.local, scope))
            if (p.host_traffic())
                if (auto sp = adapt(p.rec)) table.add(*sp);
    }
    const auto rep = std::move(table).finish(m.first_ns, m.last_ns);
    s.first_epoch_s = series::floor_seconds(m.first_ns);
    const std::vector<std::int64_t>* cols[] = {&rep.series.new_tcp, &rep.series.new_udp, &rep.series.end_tcp,
                                               &rep.series.end_udp};
    for (std::size_t k = 0; k < 4; ++k)
        s.counts[k].assign(cols[k]->begin(), cols[k]->end()); // counts per second fit in 32 bits
    return s;
}

inline std::string fixed(double x, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, x);
    return buf;
}

inline std::string table(const predict::validation_result& r) {
    std::ostringstream t;
    char line[256];
    const char* head = "%-18s %-8s %4s %7s %7s %7s %7s %8s %7s %7s %8s %8s %s\n";
    const char* row = "%-18s %-8s %4zu %7s %7s %7s %7s %8s %7s %7s %8s %8s %s\n";
    const auto median = [](double m) { return std::isnan(m) ? std::string("above") : fixed(m, 0); };
    t << "Leave one out: each machine predicted as a new user by the fit on the others (minute totals)\n";
    std::snprintf(line, sizeof line, head, "machine", "series", "min", "cov50", "cov90", "[c]50", "[c]90", "KS p",
                  "PIT<.05", "PIT>.95", "obs mean", "pred med", "fit");
    t << line;
    for (const auto& e : r.leave_one_out) {
        const auto& c = e.check;
        std::snprintf(line, sizeof line, row, e.machine.c_str(), e.series.c_str(), c.blocks,
                      fixed(c.coverage50, 2).c_str(), fixed(c.coverage90, 2).c_str(), fixed(c.closed50, 2).c_str(),
                      fixed(c.closed90, 2).c_str(), fixed(c.pit_ks_p, 4).c_str(), fixed(c.below05, 2).c_str(),
                      fixed(c.above95, 2).c_str(), fixed(c.observed_mean, 1).c_str(),
                      median(c.predictive_median).c_str(), e.fit.converged ? "ok" : "NOT CONVERGED");
        t << line;
    }
    t << "\nSuperposition: the K longest captures summed minute by minute (each on its own clock) as K users\n";
    std::snprintf(line, sizeof line, head, "users", "series", "min", "cov50", "cov90", "[c]50", "[c]90", "KS p",
                  "PIT<.05", "PIT>.95", "obs mean", "pred med", "machines");
    t << line;
    for (const auto& e : r.superposition) {
        const auto& c = e.check;
        std::string names;
        for (const auto& m : e.machines) names += (names.empty() ? "" : ",") + m;
        std::snprintf(line, sizeof line, row, std::to_string(e.users).c_str(), e.series.c_str(), c.blocks,
                      fixed(c.coverage50, 2).c_str(), fixed(c.coverage90, 2).c_str(), fixed(c.closed50, 2).c_str(),
                      fixed(c.closed90, 2).c_str(), fixed(c.pit_ks_p, 4).c_str(), fixed(c.below05, 2).c_str(),
                      fixed(c.above95, 2).c_str(), fixed(c.observed_mean, 1).c_str(),
                      median(c.predictive_median).c_str(),
                      (names + (e.fit.converged ? "" : " (fit NOT CONVERGED)")).c_str());
        t << line;
    }
    t << "\ncov50/cov90: share of minutes inside the central 50 %/90 % predictive interval, a minute at an interval's\n"
         "boundary count counted by its randomised PIT (exactly nominal under a correct model); [c]: closed interval\n"
         "[q_lo, q_hi] (at least nominal). Minutes of one machine share its machine effect: they are not "
         "independent.\n";
    for (const auto& n : r.notes) t << "note: " << n << '\n';
    return t.str();
}

/// validate.json, exactly the schema of issue 6.
inline nlohmann::ordered_json to_json(const predict::validation_result& r) {
    nlohmann::ordered_json j;
    j["leave_one_out"] = nlohmann::ordered_json::array();
    j["superposition"] = nlohmann::ordered_json::array();
    for (const auto& e : r.leave_one_out)
        j["leave_one_out"].push_back({{"machine", e.machine},
                                      {"series", e.series},
                                      {"coverage50", e.check.coverage50},
                                      {"coverage90", e.check.coverage90},
                                      {"pit_ks_p", e.check.pit_ks_p}});
    for (const auto& e : r.superposition)
        j["superposition"].push_back({{"users", e.users},
                                      {"series", e.series},
                                      {"coverage50", e.check.coverage50},
                                      {"coverage90", e.check.coverage90},
                                      {"pit_ks_p", e.check.pit_ks_p}});
    return j;
}

inline int run(const options& o) {
    if (o.out.empty() == o.json.empty())
        throw input_error::in_file("--out", "give exactly one of --out DIR and --json FILE");
    const bool flows = o.timers == "flows";
    const flow::timer_profile profile = flows ? flow::none_profile() : flow::parse_timer_profile(o.timers);
    std::map<std::string, std::string> stems;
    series::machine_table machines;
    for (const auto& f : o.inputs) {
        const std::filesystem::path p(f);
        if (!std::filesystem::exists(p)) throw input_error::in_file(f, "no such file");
        if (auto [it, fresh] = stems.emplace(p.stem().string(), f); !fresh)
            throw input_error::in_file(f, "same machine id '" + p.stem().string() + "' as " + it->second);
        if (flows) machines.add(series::bin_events(flow::extract_file(p)));
        else machines.add(session_events(p, profile));
        const auto& m = machines.machine(machines.size() - 1);
        std::cerr << "extracted " << m.machine_id << ": " << m.seconds() << " s, " << m.seconds() / 60
                  << " complete minutes (" << (flows ? std::string("flow events") : "sessions under " + profile.name)
                  << ")\n";
    }
    std::vector<std::string> notes;
    const auto series = model::series_from_table(machines, &notes);

    predict::validation_options vo;
    vo.fit.sampler.chains = o.chains;
    vo.fit.sampler.warmup = o.warmup;
    vo.fit.sampler.draws = o.draws;
    vo.fit.sampler.seed = o.seed;
    if (o.adapt_delta_given) vo.fit.sampler.adapt_delta = o.adapt_delta;
    vo.fit.adapt.escalate = !o.adapt_delta_given; // the defaults of fwsize fit (docs/model.md)
    vo.fit.sampler.threads = o.threads;
    vo.fit.sampler.refresh = 0;
    vo.fit.ppc_draws = 20; // the fits' own checks are not used here
    vo.fit.model.minutes =
        o.minute_model == "two-state" ? model::minute_model::two_state : model::minute_model::lognormal;
    vo.fit.model.machines =
        o.machine_level == "noncentred" ? model::machine_level::noncentred : model::machine_level::centred;
    vo.fit.model.effects =
        o.minute_effects == "marginal" ? model::minute_effects::marginal : model::minute_effects::sampled;
    vo.fit.automatic = {o.minute_effects == "auto", o.machine_level == "auto", true};
    vo.max_draws = o.max_draws;
    vo.every_k = o.every_k;
    vo.log = &std::cerr;
    auto result = predict::validate_arrivals(series, vo);
    result.notes.insert(result.notes.begin(), notes.begin(), notes.end());
    if (result.leave_one_out.empty() && result.superposition.empty())
        throw input_error::in_file(o.inputs.front(), "nothing to validate: need two machines with a complete minute");

    const std::string text = table(result);
    std::cout << text;
    const std::string json = to_json(result).dump(2) + "\n";
    if (!o.json.empty()) {
        io::atomic_output_file f(o.json);
        f.stream() << json;
        f.commit();
    } else {
        io::atomic_output_dir dir(o.out);
        std::ofstream(dir.path() / "validate.json") << json;
        std::ofstream(dir.path() / "validate.txt") << text;
        dir.commit();
    }
    std::cerr << "wrote " << (o.json.empty() ? o.out + "/validate.json" : o.json) << '\n';
    return 0;
}

} // namespace validate_detail

inline command add_validate(CLI::App& app) {
    auto o = std::make_shared<validate_detail::options>();
    auto* sub = app.add_subcommand("validate", "Held-out checks: leave one machine out and predict its minute totals; "
                                               "superpose the captures as K users and predict theirs");
    sub->add_option("inputs", o->inputs, "captures, one per machine (pcap, pcapng, seed CSV)")->required();
    sub->add_option("--out", o->out, "output directory: validate.json and validate.txt (replaced atomically)");
    sub->add_option("--json", o->json, "write validate.json here instead of --out");
    sub->add_option("--timers", o->timers,
                    "firewall timer profile (none, fortigate, paloalto[,key=s...]) whose "
                    "sessions are counted, or `flows` for fwsize fit's flow events")
        ->capture_default_str();
    add_chain_options(sub, *o, "chains per fit");
    sub->add_option("--seed", o->seed, "random seed (fit j uses seed + j)")->capture_default_str();
    auto* adapt = add_adapt_delta_option(sub, *o);
    sub->add_option("--threads", o->threads, "worker threads (0 = all cores); results never depend on it")
        ->capture_default_str();
    sub->add_option("--predictive-draws", o->max_draws, "posterior draws pooled per predictive")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    sub->add_option("--minute-model", o->minute_model, "minute effects: lognormal or two-state")
        ->capture_default_str()
        ->check(CLI::IsMember({"lognormal", "two-state"}));
    sub->add_option("--machine-level", o->machine_level, "machine effects: centred, noncentred or auto (as fwsize fit)")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "centred", "noncentred"}));
    sub->add_option(
           "--minute-effects", o->minute_effects,
           "minute effects: sampled (one parameter per minute), marginal (integrated out by quadrature) or auto")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "marginal", "sampled"}));
    sub->add_flag("!--all-k-only", o->every_k,
                  "superpose only all K machines of a series (default: K = 2..K, longest first)");
    return {sub, [o, adapt] {
                o->adapt_delta_given = adapt->count() > 0;
                return validate_detail::run(*o);
            }};
}

} // namespace fwsize::cli
