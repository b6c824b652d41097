// print_summary — the summary table in stansummary 2.36's layout, then the verdict.
#pragma once

#include <cmath>
#include <cstdio>
#include <numeric>
#include <ostream>
#include <string>

#include <fwsize/mcmc/summary.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

namespace detail {
inline std::string fmt_sig(double v, int sig) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*g", sig, v);
    return b;
}
inline std::string fmt_fixed(double v, int dec) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", dec, v);
    return b;
}
inline std::string seconds_list(const std::vector<double>& s) {
    std::string out = "(";
    for (std::size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + fmt_sig(s[i], 2);
    return out + ") seconds, " + fmt_sig(std::accumulate(s.begin(), s.end(), 0.0), 2) + " seconds total";
}
} // namespace detail

/// Prints `t`; sig_figs as stansummary's -s (default 2) for the location and scale columns.
inline void print_summary(std::ostream& os, const summary_table& t, int sig_figs = 2) {
    os << "Inference for Stan model: " << t.model_name << '\n'
       << t.chains << " chains: each with iter=" << t.draws_per_chain << "; warmup=" << t.warmup << "; thin=" << t.thin
       << "; " << t.draws_per_chain * t.chains << " iterations saved.\n\n";
    if (!t.warmup_seconds.empty()) os << "Warmup took " << detail::seconds_list(t.warmup_seconds) << '\n';
    if (!t.sampling_seconds.empty()) os << "Sampling took " << detail::seconds_list(t.sampling_seconds) << "\n\n";
    std::size_t w = 14;
    for (const auto& r : t.rows) w = std::max(w, r.name.size() + 2);
    char line[512];
    std::snprintf(line, sizeof line, "%-*s %9s %9s %9s %9s %9s %9s %9s %9s %9s %7s\n", int(w), "", "Mean", "MCSE",
                  "StdDev", "MAD", "5%", "50%", "95%", "ESS_bulk", "ESS_tail", "R_hat");
    os << line << '\n';
    auto s = [&](double v) { return std::isnan(v) ? std::string() : detail::fmt_sig(v, sig_figs); };
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        if (i == t.first_parameter_row) os << '\n';
        const auto& r = t.rows[i];
        std::snprintf(line, sizeof line, "%-*s %9s %9s %9s %9s %9s %9s %9s %9s %9s %7s\n", int(w), r.name.c_str(),
                      s(r.mean).c_str(), std::isnan(r.mcse) ? "" : detail::fmt_sig(r.mcse, 2).c_str(), s(r.sd).c_str(),
                      s(r.mad).c_str(), s(r.q5).c_str(), s(r.q50).c_str(), s(r.q95).c_str(),
                      std::isnan(r.ess_bulk) ? "" : detail::fmt_fixed(r.ess_bulk, 0).c_str(),
                      std::isnan(r.ess_tail) ? "" : detail::fmt_fixed(r.ess_tail, 0).c_str(),
                      std::isnan(r.rhat) ? "" : detail::fmt_fixed(r.rhat, 3).c_str());
        std::string l(line);
        l.erase(l.find_last_not_of(" \n") + 1);
        os << l << '\n';
    }
    os << "\nSamples were drawn using hmc with nuts.\n"
          "For each parameter, ESS_bulk and ESS_tail measure the effective sample size for the entire sample\n"
          "(bulk) and for the .05 and .95 tails (tail), and R_hat measures the potential scale reduction on\n"
          "split chains. At convergence R_hat will be very close to 1.00.\n\n";
    const auto& v = t.verdict;
    os << "E-BFMI per chain:";
    for (double e : v.ebfmi) os << ' ' << detail::fmt_sig(e, 3);
    os << "\nDivergent transitions: " << v.divergences << "; iterations at max tree depth " << t.max_depth << ": "
       << v.treedepth_saturated << '\n';
    if (v.ok)
        os << "Verdict: PASS (0 divergences; E-BFMI > 0.3 in every chain; R_hat < 1.01, ESS_bulk and ESS_tail > 400 "
              "for every parameter)\n";
    else {
        os << "Verdict: FAIL\n";
        for (const auto& f : v.failures) os << "  " << f << '\n';
    }
    for (const auto& n : v.notes) os << "  note: " << n << '\n';
}

} // namespace v0
} // namespace fwsize::mcmc
