// write_fit — a fit's output directory, written atomically (a temporary sibling renamed at the end):
//   <series>-<chain>.csv   Stan CSV per chain per series (CmdStan format)
//   summary.txt            stansummary 2.36 columns per series, log_phi right beside phi
//   diagnostics.json       per series: verdict against the criteria, and which failed where
//   ppc.csv                posterior predictive checks per series, machine and statistic
//   holding_<proto>-<chain>.csv   Stan CSV of the holding-time models (when fitted)
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <fwsize/io/atomic_output.hpp>
#include <fwsize/mcmc/print_summary.hpp>
#include <fwsize/mcmc/write_stan_csv.hpp>
#include <fwsize/model/fit_series.hpp>
#include <fwsize/model/holding_time_fit.hpp>

namespace fwsize::model {
inline namespace v0 {

/// The summary table with the log_phi row moved right after phi.
inline mcmc::summary_table log_phi_beside_phi(mcmc::summary_table t) {
    auto& r = t.rows;
    const auto by = [&](const char* n) {
        return std::find_if(r.begin(), r.end(), [&](const auto& x) { return x.name == n; });
    };
    auto lp = by("log_phi");
    if (lp == r.end() || by("phi") == r.end()) return t;
    const auto row = *lp;
    r.erase(lp);
    r.insert(by("phi") + 1, row);
    return t;
}

inline nlohmann::json attempts_json(const std::vector<fit_attempt>& a) {
    auto j = nlohmann::json::array();
    for (const auto& x : a)
        j.push_back({{"adapt_delta", x.adapt_delta},
                     {"divergences", x.divergences},
                     {"verdict", x.ok ? "pass" : "fail"},
                     {"chain_seconds", x.seconds}});
    return j;
}

inline nlohmann::json diagnostics_json(const series_fit& f) {
    const auto& t = f.summary;
    const auto& v = t.verdict;
    double max_rhat = 0, min_bulk = 1e300, min_tail = 1e300;
    std::string at_rhat, at_bulk, at_tail;
    for (std::size_t i = t.first_parameter_row; i < t.rows.size(); ++i) {
        const auto& r = t.rows[i];
        if (r.rhat > max_rhat) max_rhat = r.rhat, at_rhat = r.name;
        if (r.ess_bulk < min_bulk) min_bulk = r.ess_bulk, at_bulk = r.name;
        if (r.ess_tail < min_tail) min_tail = r.ess_tail, at_tail = r.name;
    }
    std::size_t inside = 0;
    for (const auto& p : f.ppc) inside += p.inside;
    const auto& c = f.result.config;
    return {{"series", f.data.series},
            {"model", f.result.model_name},
            {"machines", f.data.machine_ids},
            {"blocks", arrival_model(f.data, f.model).blocks()},
            {"verdict", v.ok ? "pass" : "fail"},
            {"failures", v.failures},
            {"notes", v.notes},
            {"divergences", v.divergences},
            {"divergences_per_chain", v.divergences_per_chain},
            {"ebfmi", v.ebfmi},
            {"treedepth_saturated", v.treedepth_saturated},
            {"max_rhat", {{"value", max_rhat}, {"parameter", at_rhat}}},
            {"min_ess_bulk", {{"value", min_bulk}, {"parameter", at_bulk}}},
            {"min_ess_tail", {{"value", min_tail}, {"parameter", at_tail}}},
            {"chain_seconds", f.seconds},
            {"attempts", attempts_json(f.attempts)},
            {"sampler",
             {{"chains", c.chains},
              {"warmup", c.warmup},
              {"draws", c.draws},
              {"seed", c.seed},
              {"adapt_delta", c.adapt_delta},
              {"max_depth", c.max_depth}}},
            {"ppc", {{"checks", f.ppc.size()}, {"inside_90", inside}}}};
}

/// Writes every output of `fits` into `dir` (replaced atomically); `notes` go to diagnostics.json.
inline void write_fit(const std::filesystem::path& dir, const std::vector<series_fit>& fits,
                      const std::vector<std::string>& notes = {}, const std::vector<holding_fit>& holding = {}) {
    io::atomic_output_dir out(dir);
    std::ofstream summary(out.path() / "summary.txt"), ppc(out.path() / "ppc.csv");
    nlohmann::json diag = {{"criteria", "0 divergences; E-BFMI > 0.3 per chain; rank-normalised split R_hat < 1.01, "
                                        "ESS_bulk and ESS_tail > 400 for every parameter"},
                           {"notes", notes},
                           {"models", nlohmann::json::array()}};
    bool all_ok = true;
    ppc << "series,machine,statistic,observed,predicted_mean,q05,q50,q95,inside_90\n";
    for (const auto& f : fits) {
        for (std::size_t c = 0; c < f.result.chains.size(); ++c) {
            std::ofstream csv(out.path() / (f.data.series + "-" + std::to_string(c + 1) + ".csv"));
            mcmc::write_stan_csv(csv, f.result, c);
            if (!csv) throw std::runtime_error("cannot write the Stan CSV of " + f.data.series);
        }
        summary << "=== series " << f.data.series << " (" << f.data.machine_ids.size() << " machines) ===\n";
        summary << "sampler runs: " << describe(f.attempts) << '\n';
        mcmc::print_summary(summary, log_phi_beside_phi(f.summary));
        summary << '\n';
        diag["models"].push_back(diagnostics_json(f));
        all_ok = all_ok && f.summary.verdict.ok;
        for (const auto& p : f.ppc)
            ppc << p.series << ',' << p.machine << ',' << p.statistic << ',' << mcmc::detail::format_number(p.observed)
                << ',' << mcmc::detail::format_number(p.predicted_mean) << ',' << mcmc::detail::format_number(p.q05)
                << ',' << mcmc::detail::format_number(p.q50) << ',' << mcmc::detail::format_number(p.q95) << ','
                << (p.inside ? 1 : 0) << '\n';
    }
    diag["holding_time_models"] = nlohmann::json::array();
    for (const auto& h : holding) {
        for (std::size_t c = 0; c < h.result.chains.size(); ++c) {
            std::ofstream csv(out.path() / ("holding_" + h.data.protocol + "-" + std::to_string(c + 1) + ".csv"));
            mcmc::write_stan_csv(csv, h.result, c);
        }
        summary << "=== holding time " << h.data.protocol << " (" << h.data.sessions.size() << " sessions; "
                << h.data.open_at_start_excluded << " open at capture start left out) ===\n";
        summary << "sampler runs: " << describe(h.attempts) << '\n';
        mcmc::print_summary(summary, h.summary);
        summary << '\n';
        std::size_t censored = 0;
        for (const auto& o : h.data.sessions) censored += o.censored;
        const auto& v = h.summary.verdict;
        diag["holding_time_models"].push_back({{"protocol", h.data.protocol},
                                               {"model", h.result.model_name},
                                               {"components", h.components},
                                               {"sessions", h.data.sessions.size()},
                                               {"censored", censored},
                                               {"open_at_start_excluded", h.data.open_at_start_excluded},
                                               {"verdict", v.ok ? "pass" : "fail"},
                                               {"failures", v.failures},
                                               {"notes", v.notes},
                                               {"divergences", v.divergences},
                                               {"ebfmi", v.ebfmi},
                                               {"attempts", attempts_json(h.attempts)},
                                               {"chain_seconds", h.seconds}});
        all_ok = all_ok && v.ok;
    }
    diag["verdict"] = all_ok ? "pass" : "fail";
    std::ofstream(out.path() / "diagnostics.json") << diag.dump(2) << '\n';
    summary.close();
    ppc.close();
    if (!summary || !ppc) throw std::runtime_error("cannot write into " + out.path().string());
    out.commit();
}

} // namespace v0
} // namespace fwsize::model
