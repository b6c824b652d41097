// size_job_fit — stage 2 of `fwsize size`: the arrival models of the five session series and the
// holding-time models of both protocols, fitted as one pool of independent tasks (largest first),
// each seeded as `fwsize fit` seeds it (series i: seed + i; holding time of protocol i: seed + 10 + i),
// so results never depend on the number of threads; and each fit's convergence verdict in words.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fwsize/detail/parallel_for.hpp>
#include <fwsize/model/fit_series.hpp>
#include <fwsize/model/holding_time_fit.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

struct size_job_fits {
    std::vector<model::series_fit> series;   ///< in the order of the count_data given
    std::vector<model::holding_fit> holding; ///< in the order of the holding_time_data given (empty = not fitted)
    std::vector<bool> holding_fitted;

    [[nodiscard]] const model::series_fit* find(const std::string& name) const {
        for (const auto& f : series)
            if (f.data.series == name) return &f;
        return nullptr;
    }
    [[nodiscard]] const model::holding_fit* find_holding(const std::string& protocol) const {
        for (std::size_t i = 0; i < holding.size(); ++i)
            if (holding_fitted[i] && holding[i].data.protocol == protocol) return &holding[i];
        return nullptr;
    }
};

/// Runs every fit; `threads` = 0 means all cores. Holding-time data with fewer than
/// `min_sessions` sessions is not fitted.
inline size_job_fits fit_all(const std::vector<model::count_data>& series,
                             const std::vector<model::holding_time_data>& holding, const model::fit_options& opt,
                             unsigned threads, std::size_t min_sessions = 5) {
    size_job_fits out;
    out.series.resize(series.size());
    out.holding.resize(holding.size());
    out.holding_fitted.assign(holding.size(), false);
    // One pool for every chain of every fit (sample_pool), then the arrival checks per series.
    std::vector<model::arrival_model> arrival;
    arrival.reserve(series.size());
    std::vector<model::holding_time_model> hold;
    hold.reserve(holding.size());
    for (const auto& s : series) arrival.emplace_back(s, model::choose_parameterisation(s, opt).first);
    auto jobs = model::series_jobs(arrival, series, opt, threads);
    std::vector<std::size_t> hold_index;
    for (std::size_t i = 0; i < holding.size(); ++i) {
        if (holding[i].sessions.size() < min_sessions) continue;
        out.holding_fitted[i] = true;
        hold_index.push_back(i);
        auto cfg = opt.sampler;
        cfg.seed = opt.sampler.seed + 10 + i;
        hold.emplace_back(holding[i].sessions, model::holding_time_model::default_components);
        jobs.push_back(model::holding_job(hold.back(), holding[i], cfg));
    }
    auto runs = model::sample_pool(jobs, opt.adapt, threads);
    for (std::size_t h = 0; h < hold_index.size(); ++h)
        out.holding[hold_index[h]] = model::finish_holding(
            holding[hold_index[h]], model::holding_time_model::default_components, std::move(runs[series.size() + h]));
    std::vector<model::arrival_model_options> variants;
    for (const auto& m : arrival) variants.push_back(m.options());
    model::refit_failed(series, variants, runs, opt, threads);
    fwsize::detail::parallel_for(series.size(), threads, [&](std::size_t i) {
        out.series[i] = model::finish_series(series[i], variants[i], std::move(runs[i]), opt, opt.sampler.seed + i);
    });
    return out;
}

/// The verdict of one fit as the report shows it: worst R-hat and ESS over the parameters.
inline report::model_diagnostics diagnostics_of(const std::string& name, const mcmc::summary_table& s) {
    report::model_diagnostics d;
    d.model = name;
    d.ok = s.verdict.ok;
    d.divergences = s.verdict.divergences;
    d.failures = s.verdict.failures;
    d.notes = s.verdict.notes;
    bool first = true;
    for (std::size_t r = s.first_parameter_row; r < s.rows.size(); ++r) {
        const auto& c = s.rows[r];
        if (!std::isfinite(c.rhat)) continue;
        d.rhat_max = first ? c.rhat : std::max(d.rhat_max, c.rhat);
        d.ess_bulk_min = first ? c.ess_bulk : std::min(d.ess_bulk_min, c.ess_bulk);
        d.ess_tail_min = first ? c.ess_tail : std::min(d.ess_tail_min, c.ess_tail);
        first = false;
    }
    return d;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
