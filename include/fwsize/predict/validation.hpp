// validation — held-out checks of the arrival models (design.md §6), what `fwsize validate` runs:
//
// - Leave one out: for every machine k of a series, fit the series without k and predict k's
//   minute totals as those of a *new* user. Per posterior draw the predictive of one minute total
//   is NB2(60 mu, 60 phi) mixed over a new machine effect and a new minute effect (the marginal
//   over machines, since which machine k is was not fitted); pooled over the thinned draws.
// - Superposition: the K longest captures of a series summed block by block over their common
//   span, each on its own clock (relative to its first second), as K real users of one office;
//   predicted by the K-th FFT power of the one-user minute PMF per draw, fitted on all machines.
//
// Each is scored by calibrate(): randomised PIT, KS p-value, share inside the central 50 % and
// 90 % intervals. The minutes of one machine share its machine effect, so their PITs are not iid
// under the marginal predictive: coverage is then a share over minutes of a machine drawn once,
// and the KS p-value is too small when machine effects are large (docs/validation.md).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <fwsize/model/arrival_draws.hpp>
#include <fwsize/model/count_data.hpp>
#include <fwsize/model/fit_series.hpp>
#include <fwsize/predict/detail/validation_blocks.hpp>
#include <fwsize/predict/detail/validation_calibration.hpp>
#include <fwsize/predict/detail/validation_predictive.hpp>

namespace fwsize::predict {
inline namespace v0 {

struct validation_options {
    model::fit_options fit;      ///< sampler (seed, chains, warmup, draws, threads) and model variant
    std::size_t max_draws = 300; ///< posterior draws pooled per predictive
    std::uint32_t block_seconds = 60;
    /// Superpose K = 2..K_s longest captures of each series; false: only all K_s of them.
    bool every_k = true;
    std::ostream* log = nullptr; ///< progress lines, when set
};

struct fit_status {
    std::size_t machines = 0; ///< machines the fit saw
    bool converged = false;   ///< the sampler's verdict (mcmc::summarize)
    std::vector<std::string> failures;
};

struct held_out_entry {
    std::string machine, series;
    calibration check;
    fit_status fit;
};

struct superposition_entry {
    std::int64_t users = 0;
    std::string series;
    std::vector<std::string> machines;
    calibration check;
    fit_status fit;
};

struct validation_result {
    std::vector<held_out_entry> leave_one_out;
    std::vector<superposition_entry> superposition;
    std::vector<std::string> notes;
};

namespace detail {

inline fit_status status_of(const model::series_fit& f) {
    return {f.data.machine_ids.size(), f.summary.verdict.ok, f.summary.verdict.failures};
}

inline std::uint64_t largest(const std::vector<std::uint64_t>& v) {
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

} // namespace detail

/// Runs both checks on every series with at least two machines. Fits run in parallel (the
/// fit's `threads`); fit j of the list [for each series: without machine 1, ..., without machine
/// K, all] uses seed + j, and the PIT uniforms of entry i come from (seed, stream of i): results
/// never depend on the number of threads.
inline validation_result validate_arrivals(const std::vector<model::count_data>& series,
                                           const validation_options& opt) {
    validation_result out;
    struct job {
        std::size_t series, left_out; // left_out == machines: the fit on all
    };
    std::vector<job> jobs;
    std::vector<model::count_data> data;
    for (std::size_t s = 0; s < series.size(); ++s) {
        const auto& d = series[s];
        const std::size_t K = d.counts.size();
        if (K < 2) {
            out.notes.push_back(d.series + ": " + std::to_string(K) +
                                " machine(s); nothing to hold out, not validated");
            continue;
        }
        if (K < 4)
            out.notes.push_back(d.series + ": leave-one-out fits see only " + std::to_string(K - 1) +
                                " machines: the machine-level spread is mostly prior");
        for (std::size_t k = 0; k <= K; ++k) {
            model::count_data x;
            x.series = d.series;
            x.seconds_per_block = d.seconds_per_block;
            for (std::size_t j = 0; j < K; ++j)
                if (j != k) x.machine_ids.push_back(d.machine_ids[j]), x.counts.push_back(d.counts[j]);
            jobs.push_back({s, k});
            data.push_back(std::move(x));
        }
    }
    if (jobs.empty()) return out;
    if (opt.log)
        *opt.log << "validate: " << jobs.size() << " fits (" << opt.fit.sampler.chains << " chains x "
                 << opt.fit.sampler.warmup << " + " << opt.fit.sampler.draws << ")\n";
    const auto fits = model::fit_series(data, opt.fit);

    const std::uint32_t B = opt.block_seconds;
    int loo_stream = 20000, superposition_stream = 30000; // PIT uniforms: one stream per entry
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        const auto& d = series[jobs[j].series];
        const std::size_t K = d.counts.size();
        const auto& f = fits[j];
        const auto draws = model::arrival_draws(f.result, opt.max_draws);
        if (!f.summary.verdict.ok)
            out.notes.push_back(
                d.series + " fit on " + std::to_string(f.data.machine_ids.size()) + " machines did not converge (" +
                (f.summary.verdict.failures.empty() ? std::string("see summary") : f.summary.verdict.failures.front()) +
                "); its checks judge an unconverged posterior");
        if (jobs[j].left_out < K) {
            const std::size_t k = jobs[j].left_out;
            held_out_entry e;
            e.machine = d.machine_ids[k];
            e.series = d.series;
            e.fit = detail::status_of(f);
            const auto y = detail::block_totals(d.counts[k], B);
            if (y.empty()) {
                out.notes.push_back(e.machine + " (" + d.series + "): no complete minute; not held out");
                continue;
            }
            const auto pmf = detail::pooled_block_pmf(draws, detail::largest(y) + 1, B, 1);
            e.check = calibrate(pmf, y, opt.fit.sampler.seed, loo_stream++);
            if (opt.log)
                *opt.log << "  leave-one-out " << e.series << " " << e.machine << ": " << y.size() << " minutes\n";
            out.leave_one_out.push_back(std::move(e));
            continue;
        }
        // The fit on all K machines: superpose the longest captures.
        const auto order = detail::longest_first(d.counts);
        for (std::size_t users = opt.every_k ? 2 : K; users <= K; ++users) {
            superposition_entry e;
            e.users = static_cast<std::int64_t>(users);
            e.series = d.series;
            e.fit = detail::status_of(f);
            const std::vector<std::size_t> chosen(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(users));
            for (auto k : chosen) e.machines.push_back(d.machine_ids[k]);
            const auto y = detail::superposed_totals(d.counts, chosen, B);
            if (y.empty()) {
                out.notes.push_back(d.series + ": the " + std::to_string(users) +
                                    " longest captures share no complete minute; not superposed");
                continue;
            }
            const auto pmf = detail::pooled_block_pmf(draws, detail::largest(y) + 1, B, e.users);
            e.check = calibrate(pmf, y, opt.fit.sampler.seed, superposition_stream++);
            if (opt.log)
                *opt.log << "  superposition " << e.series << " K=" << users << ": " << y.size() << " minutes\n";
            out.superposition.push_back(std::move(e));
        }
    }
    return out;
}

} // namespace v0
} // namespace fwsize::predict
