// sizing_report — everything the sizing report shows, as plain data (no behaviour): filled by
// `fwsize size` (predict/size_job.hpp), written by write_report (report/write_report.hpp) into
// sizing.csv, sizing.md, sizing.json, SVG plots and index.html. Empty parts are simply left out of
// the report (a section says "not computed"), so a partial job still yields a readable report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <fwsize/model/posterior_predictive.hpp>
#include <fwsize/predict/predict_new_sessions.hpp>
#include <fwsize/predict/predict_quantity.hpp>
#include <fwsize/predict/sizing_row.hpp>

namespace fwsize::report {
inline namespace v0 {

/// One input capture (one machine).
struct capture_info {
    std::string path;      ///< as given on the command line
    std::string machine;   ///< the name used in PPC / occupancy plots (e.g. file stem)
    double duration_s = 0; ///< span first..last packet
    std::int64_t packets = 0;
    std::int64_t sessions = 0; ///< sessions opened under the profile (0: unknown)
};

struct report_settings {
    std::vector<capture_info> captures;
    std::size_t machines = 0;        ///< K, the machines the models were fitted on
    std::string timer_profile;       ///< none, fortigate, paloalto or custom (+ overrides in words)
    std::vector<std::int64_t> users; ///< the N requested
    std::uint64_t seed = 0;
    double rho = 0;                  ///< office-wide shock share used for the main table
    std::string rule_set;            ///< event rules the series were built with (e.g. "seed", "exact")
    std::size_t posterior_draws = 0; ///< draws used for prediction (after thinning)
    std::string command_line;        ///< how the report was produced, verbatim (optional)
    std::string generated_utc;       ///< ISO 8601 time stamp (optional; left out when empty)
};

/// Kaplan–Meier estimate of one protocol's session durations (right-censored by the capture end)
/// beside the holding-time model's survival curve (posterior median and credible band).
struct holding_time_curves {
    std::string protocol; ///< "tcp" or "udp"
    std::size_t sessions = 0, censored = 0;
    std::vector<double> km_time_s, km_survival; ///< step function: S(t) = km_survival[i] on [km_time_s[i], next)
    std::vector<double> model_time_s;           ///< grid (seconds, > 0, increasing)
    std::vector<double> model_median, model_lo, model_hi; ///< P(duration > t) per grid point
    double credible_level = 0.9;
};

/// Per machine: its observed session-table occupancy (replay, one value per second) against the
/// one-user predictive occupancy (pooled over draws). predicted_lo/hi (optional) are a pointwise
/// credible band of the *survival* P(occupancy > x) over draws, not of the PMF.
struct occupancy_comparison {
    std::string machine;
    std::vector<double> observed_pmf;               ///< index = sessions in the table; sums to 1
    std::vector<double> predicted_pmf;              ///< index = sessions in the table; sums to ~1
    std::vector<double> predicted_lo, predicted_hi; ///< optional: P(occupancy > index) band, like predicted_pmf
    double observed_mean = 0, predicted_mean = 0;
};

/// Convergence verdict of one fitted model (arrival series or holding time).
struct model_diagnostics {
    std::string model; ///< e.g. "arrival new (tcp+udp)", "holding_time_tcp"
    bool ok = true;
    double rhat_max = 0, ess_bulk_min = 0, ess_tail_min = 0;
    long divergences = 0;
    std::vector<std::string> failures; ///< one line per failed criterion (mcmc::summary_verdict::failures)
    std::vector<std::string> notes;
};

/// Little's law for one user: mean occupancy = arrival rate x mean holding time, beside the
/// simulated mean (posterior medians over draws).
struct littles_law_check {
    bool computed = false;
    double arrival_rate_per_second = 0;
    double mean_holding_s = 0;
    double little_occupancy = 0;    ///< rate x holding
    double simulated_occupancy = 0; ///< mean of the simulated one-user occupancy
    double simulated_se = 0;
};

struct sizing_report {
    report_settings settings;
    /// The sizing table, in output order (by quantity new_per_second, log_lines_per_minute,
    /// concurrent_sessions, then by N). When empty, the rows of `predictions` are used.
    std::vector<predict::sizing_row> rows;
    /// Per quantity: predictive distribution for every N (pooled quantile curve and per-draw
    /// credible band, predict::exceedance_curve), with neglected mass and FFT lengths.
    std::vector<predict::quantity_prediction> predictions;
    /// New sessions per second under office-wide shocks (rho = 0.1, 0.3 by default).
    std::vector<predict::shock_scenario> shocks;
    std::vector<model::ppc_row> ppc;                ///< per machine, series and statistic
    std::vector<holding_time_curves> holding_times; ///< per protocol
    std::vector<occupancy_comparison> occupancy;    ///< per machine
    std::vector<model_diagnostics> diagnostics;     ///< per fitted model
    std::vector<std::string> warnings;              ///< predict::sizing_warnings and others
    littles_law_check little;
};

/// Writes sizing.csv, sizing.md, sizing.json, the SVG plots and index.html into `dir` (created;
/// files are replaced atomically). Defined in <fwsize/report/write_report.hpp> — include that.
inline void write_report(const sizing_report& report, const std::filesystem::path& dir);

} // namespace v0
} // namespace fwsize::report
