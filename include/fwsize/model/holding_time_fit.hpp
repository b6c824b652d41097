// holding_time_fit — session durations per protocol from flow records, the holding-time model
// fitted by the sampler, and its posterior as holding_time_draws for prediction.
//
// Durations (seconds): TCP from the first packet to the first FIN/RST, or right-censored at the
// machine's last packet when still open (end reason capture_end); UDP from the first to the last
// packet of the 4-tuple, right-censored at the capture end when its last packet came within
// `udp_censor_s` of it (it may have continued). One-packet flows have duration 0 (the point mass).
// Streams open at capture start are left out and counted: the model's left truncation needs their
// age at capture start, which a capture cannot tell.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <fwsize/flow/machine_extraction.hpp>
#include <fwsize/mcmc/sample.hpp>
#include <fwsize/mcmc/summary.hpp>
#include <fwsize/model/arrival_draws.hpp>
#include <fwsize/model/holding_time_draw.hpp>
#include <fwsize/model/holding_time_model.hpp>
#include <fwsize/model/sample_pool.hpp>

namespace fwsize::model {
inline namespace v0 {

struct holding_time_data {
    std::string protocol; ///< "tcp" or "udp"
    std::vector<duration_obs> sessions;
    std::size_t open_at_start_excluded = 0;
};

inline void add_holding_times(const flow::machine_extraction& m, holding_time_data& tcp, holding_time_data& udp,
                              double udp_censor_s = 60) {
    const auto s = [](std::int64_t ns) { return static_cast<double>(ns) * 1e-9; };
    for (const auto& f : m.flows) {
        if (f.start_ns < 0) continue;
        duration_obs o;
        if (f.is_tcp()) {
            if (f.open_at_start) {
                ++tcp.open_at_start_excluded;
                continue;
            }
            const bool ended = f.reason == flow::end_reason::fin || f.reason == flow::end_reason::rst;
            const std::int64_t end = ended && f.fin_rst_ns >= 0 ? f.fin_rst_ns : (ended ? f.last_ns() : m.last_ns);
            o.seconds = std::max(0.0, s(end - f.start_ns));
            o.censored = !ended;
            if (o.censored && o.seconds == 0) continue; // opened in the capture's last instant: no information
            tcp.sessions.push_back(o);
        } else {
            const std::int64_t last = f.last_ns();
            o.censored = s(m.last_ns - last) < udp_censor_s;
            o.seconds = std::max(0.0, s((o.censored ? m.last_ns : last) - f.start_ns));
            if (o.censored && o.seconds == 0) continue;
            udp.sessions.push_back(o);
        }
    }
}

struct holding_fit {
    holding_time_data data;
    int components = 2;
    mcmc::sample_result result;
    mcmc::summary_table summary;
    double seconds = 0;
    std::vector<fit_attempt> attempts; ///< one per sampler run (two when adapt_delta was escalated)
};

/// The pool job of one protocol's holding-time model (m must outlive it).
/// Always with a dense metric: the likelihood sees only softmax(theta), so the weights' common level
/// is fixed by the prior alone (sd ~5) while the data pin their differences (sd ~0.01 with 10^5
/// sessions); a diagonal metric needed ~360 leapfrog steps per iteration there (80 s a chain at
/// K = 10 x 8 h), a dense one (J + 1 = 17 dimensions) ~30 (19 s).
inline pool_job holding_job(const holding_time_model& m, const holding_time_data& d, mcmc::sampler_config cfg) {
    cfg.metric = mcmc::metric_kind::dense_e;
    // cost in the units of series_job (~ one node of the arrival quadrature per unit): a row of
    // the likelihood evaluates every component's normal cdf or density
    return make_pool_job(m, cfg, "holding_time_" + d.protocol, 10.0 * double(m.rows() * std::size_t(m.components())));
}

inline holding_fit finish_holding(const holding_time_data& d, int components, escalated_run run) {
    holding_fit f;
    f.data = d;
    f.components = components;
    f.result = std::move(run.result);
    f.summary = std::move(run.summary);
    f.attempts = std::move(run.attempts);
    f.seconds = run.seconds;
    return f;
}

inline holding_fit fit_holding_time(const holding_time_data& d, const mcmc::sampler_config& sampler,
                                    int components = holding_time_model::default_components,
                                    const adapt_delta_policy& policy = {}) {
    const holding_time_model m(d.sessions, components);
    return finish_holding(d, components, std::move(sample_pool({holding_job(m, d, sampler)}, policy, 1).front()));
}

/// Fits each protocol with data (at least 5 sessions), all chains sharing sampler.threads workers;
/// seed + 10 + i for the i-th.
inline std::vector<holding_fit> fit_holding_times(const std::vector<holding_time_data>& data,
                                                  mcmc::sampler_config sampler,
                                                  int components = holding_time_model::default_components,
                                                  const adapt_delta_policy& policy = {}) {
    std::vector<const holding_time_data*> fitted;
    for (const auto& d : data)
        if (d.sessions.size() >= 5) fitted.push_back(&d);
    std::vector<holding_time_model> models;
    models.reserve(fitted.size());
    std::vector<pool_job> jobs;
    for (std::size_t i = 0; i < fitted.size(); ++i) {
        auto cfg = sampler;
        cfg.seed = sampler.seed + 10 + i;
        models.emplace_back(fitted[i]->sessions, components);
        jobs.push_back(holding_job(models.back(), *fitted[i], cfg));
    }
    auto runs = sample_pool(jobs, policy, sampler.threads);
    std::vector<holding_fit> out;
    for (std::size_t i = 0; i < fitted.size(); ++i)
        out.push_back(finish_holding(*fitted[i], components, std::move(runs[i])));
    return out;
}

/// Posterior draws (all chains pooled, thinned evenly to at most max_draws); `components` = the
/// model's grid size J (holding_fit::components), whose fixed locations and scale fill mu and sigma.
inline std::vector<holding_time_draw> holding_time_draws(const mcmc::sample_result& r, int components,
                                                         std::size_t max_draws = 0) {
    std::vector<holding_time_draw> out;
    if (r.chains.empty()) return out;
    const auto j0 = detail::column_of(r.chains[0], "p_zero");
    const auto j1 = detail::column_of(r.chains[0], "weight.1");
    if (j0 < 0 || j1 != j0 + 1 ||
        detail::column_of(r.chains[0], "weight." + std::to_string(components)) != j0 + components)
        throw std::invalid_argument("holding_time_draws: no p_zero, weight.1.." + std::to_string(components) +
                                    " columns in " + r.model_name);
    for (auto [c, i] : detail::kept_rows(r, max_draws)) {
        const auto row = r.chains[c].draws.row(i);
        std::vector<double> v(static_cast<std::size_t>(components) + 1);
        for (int k = 0; k <= components; ++k) v[static_cast<std::size_t>(k)] = row[j0 + k];
        out.push_back(holding_time_model::draw_from(v.data(), components));
    }
    return out;
}

} // namespace v0
} // namespace fwsize::model
