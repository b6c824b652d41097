// fwsize fit CAPTURE_OR_CPS... --out DIR — fit the hierarchical arrival model to the five series
// (tcp_new, udp_new, tcp_end, udp_end, new) of a set of machines, in parallel; write Stan CSV per
// chain per series, summary.txt, diagnostics.json and ppc.csv into DIR (atomically).
// Inputs are captures (extracted first, exact rules; one file per machine) or per-second tables
// written by `fwsize extract` (recognised by their header row).
// Exit 0 when every series meets the convergence criteria, 1 when one fails (outputs are still
// written, and stderr says which criterion failed where), 2 on bad input.
#pragma once

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fwsize/flow/extract_file.hpp>
#include <fwsize/io/capture_reader.hpp>
#include <fwsize/model/cps_table.hpp>
#include <fwsize/model/fit_series.hpp>
#include <fwsize/model/holding_time_fit.hpp>
#include <fwsize/model/write_fit.hpp>
#include <fwsize/series/cps_table.hpp>
#include <fwsize/series/machine_table.hpp>

#include "../command.hpp"

namespace fwsize::cli {

namespace fit_detail {

struct options {
    std::vector<std::string> inputs;
    std::string out;
    int chains = 4, warmup = 1000, draws = 1000;
    std::uint64_t seed = 42;
    double adapt_delta = 0.95;
    bool adapt_delta_given = false; ///< --adapt-delta given: no escalation to 0.99 on divergences
    int max_depth = 10;
    unsigned threads = 0;
    std::string minute_model = "lognormal", machine_level = "auto", minute_effects = "auto", metric = "auto";
    int refresh = 0;
};

inline bool is_cps_table(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line == series::cps_header;
}

inline int run(const options& o) {
    std::vector<std::string> notes;
    std::vector<model::cps_machine> tables;
    series::machine_table captures;
    std::vector<model::holding_time_data> holding{{"tcp", {}, 0}, {"udp", {}, 0}};
    for (const auto& f : o.inputs) {
        if (!std::filesystem::exists(f)) throw input_error::in_file(f, "no such file");
        if (is_cps_table(f)) {
            model::read_cps_table(f, tables);
        } else {
            const std::filesystem::path p(f);
            auto m = flow::extract_file(p);
            captures.add(series::bin_events(m));
            model::add_holding_times(m, holding[0], holding[1]);
            std::cerr << "extracted " << p.stem().string() << ": " << captures.machine(captures.size() - 1).seconds()
                      << " s\n";
        }
    }
    auto series = model::series_from_table(captures, &notes);
    const auto from_tables = model::make_series(tables, &notes);
    for (std::size_t i = 0; i < 5; ++i)
        for (std::size_t k = 0; k < from_tables[i].counts.size(); ++k) {
            for (const auto& id : series[i].machine_ids)
                if (id == from_tables[i].machine_ids[k])
                    throw input_error::in_file(o.inputs.front(), "machine '" + id + "' given twice");
            series[i].machine_ids.push_back(from_tables[i].machine_ids[k]);
            series[i].counts.push_back(from_tables[i].counts[k]);
        }
    std::vector<model::count_data> fit_these;
    for (auto& s : series) {
        if (s.counts.empty()) {
            notes.push_back(s.series + ": no machine has this series; not fitted");
            continue;
        }
        if (s.counts.size() < 3)
            notes.push_back(s.series + ": only " + std::to_string(s.counts.size()) +
                            " machines (K < 3): the machine-level spread is mostly prior");
        fit_these.push_back(std::move(s));
    }
    if (fit_these.empty()) throw input_error::in_file(o.inputs.front(), "no series with any machine to fit");
    for (const auto& n : notes) std::cerr << "note: " << n << '\n';

    model::fit_options fo;
    fo.sampler.chains = o.chains;
    fo.sampler.warmup = o.warmup;
    fo.sampler.draws = o.draws;
    fo.sampler.seed = o.seed;
    if (o.adapt_delta_given) fo.sampler.adapt_delta = o.adapt_delta; // else the policy's start values
    fo.adapt.escalate = !o.adapt_delta_given;
    fo.sampler.max_depth = o.max_depth;
    fo.sampler.threads = o.threads;
    fo.sampler.refresh = o.refresh;
    fo.sampler.metric = o.metric == "dense" ? mcmc::metric_kind::dense_e : mcmc::metric_kind::diag_e;
    fo.automatic = {o.minute_effects == "auto", o.machine_level == "auto", o.metric == "auto"};
    fo.model.minutes = o.minute_model == "two-state" ? model::minute_model::two_state : model::minute_model::lognormal;
    fo.model.machines =
        o.machine_level == "noncentred" ? model::machine_level::noncentred : model::machine_level::centred;
    fo.model.effects =
        o.minute_effects == "marginal" ? model::minute_effects::marginal : model::minute_effects::sampled;
    if (!tables.empty()) notes.push_back("holding times come from captures' flow records; per-second tables add none");
    const auto fits = model::fit_series(fit_these, fo);
    const auto holding_fits =
        model::fit_holding_times(holding, fo.sampler, model::holding_time_model::default_components, fo.adapt);
    model::write_fit(o.out, fits, notes, holding_fits);

    bool ok = true;
    for (const auto& f : fits) {
        std::size_t inside = 0;
        for (const auto& p : f.ppc) inside += p.inside;
        std::cerr << f.data.series << " (" << f.data.machine_ids.size() << " machines, " << f.result.model_name << ", "
                  << f.seconds << " s): " << (f.summary.verdict.ok ? "PASS" : "FAIL") << "; ppc " << inside << "/"
                  << f.ppc.size() << " inside their 90 % interval; " << model::describe(f.attempts) << '\n';
        for (const auto& x : f.summary.verdict.failures) std::cerr << "  " << x << '\n';
        ok = ok && f.summary.verdict.ok;
    }
    for (const auto& h : holding_fits) {
        std::cerr << "holding time " << h.data.protocol << " (" << h.data.sessions.size() << " sessions, " << h.seconds
                  << " s): " << (h.summary.verdict.ok ? "PASS" : "FAIL") << "; " << model::describe(h.attempts) << '\n';
        for (const auto& x : h.summary.verdict.failures) std::cerr << "  " << x << '\n';
        ok = ok && h.summary.verdict.ok;
    }
    std::cerr << "wrote " << o.out << "\n";
    return ok ? 0 : 1;
}

} // namespace fit_detail

inline command add_fit(CLI::App& app) {
    auto o = std::make_shared<fit_detail::options>();
    auto* sub = app.add_subcommand("fit", "Fit the hierarchical arrival model to tcp_new, udp_new, tcp_end, udp_end "
                                          "and new; Stan CSV, summary, diagnostics and predictive checks into --out");
    sub->add_option("inputs", o->inputs,
                    "captures (pcap, pcapng, seed CSV; one per machine) or per-second tables "
                    "from `fwsize extract`")
        ->required();
    sub->add_option("--out", o->out, "output directory (replaced atomically)")->required();
    add_chain_options(sub, *o, "chains");
    sub->add_option("--seed", o->seed, "random seed (series i uses seed + i)")->capture_default_str();
    auto* adapt = add_adapt_delta_option(sub, *o);
    sub->add_option("--max-depth", o->max_depth, "maximum NUTS tree depth")
        ->capture_default_str()
        ->check(CLI::Range(1, 20));
    sub->add_option("--threads", o->threads, "worker threads (0 = all cores); results never depend on it")
        ->capture_default_str();
    sub->add_option("--minute-model", o->minute_model, "minute effects: lognormal or two-state (idle/active)")
        ->capture_default_str()
        ->check(CLI::IsMember({"lognormal", "two-state"}));
    sub->add_option("--machine-level", o->machine_level,
                    "machine effects: centred, noncentred, or auto (centred when every machine has >= 1 h and "
                    ">= 100 events and K >= 3, per series, refit noncentred at adapt_delta 0.999 if that fails; "
                    "docs/model.md)")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "centred", "noncentred"}));
    sub->add_option("--minute-effects", o->minute_effects,
                    "minute effects: sampled (one parameter per minute), marginal (integrated out by quadrature), "
                    "or auto (marginal for the same data-rich series)")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "marginal", "sampled"}));
    sub->add_option("--metric", o->metric,
                    "NUTS metric: diag (Stan's diag_e), dense (dense_e), or auto (dense for the same data-rich series)")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "diag", "dense"}));
    sub->add_option("--refresh", o->refresh, "progress line every N iterations on stderr (0 = silent)")
        ->capture_default_str();
    return {sub, [o, adapt] {
                o->adapt_delta_given = adapt->count() > 0;
                return fit_detail::run(*o);
            }};
}

} // namespace fwsize::cli
