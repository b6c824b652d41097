// fit_series — fit the arrival model to several series at once (the five of a capture set:
// tcp_new, udp_new, tcp_end, udp_end, new), in parallel, with the sampler's verdict and the
// posterior predictive checks of each. `fwsize fit` and `fwsize size` both call this.
//
// Series i is sampled with seed + i (each chain then from (seed + i, chain)), so results never
// depend on the number of threads; all chains of all series share the workers (sample_pool).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <fwsize/detail/parallel_for.hpp>
#include <fwsize/mcmc/laplace_approximation.hpp>
#include <fwsize/mcmc/sample.hpp>
#include <fwsize/mcmc/summary.hpp>
#include <fwsize/model/arrival_draws.hpp>
#include <fwsize/model/arrival_model.hpp>
#include <fwsize/model/cps_table.hpp>
#include <fwsize/model/posterior_predictive.hpp>
#include <fwsize/model/sample_pool.hpp>
#include <fwsize/series/machine_table.hpp>

namespace fwsize::model {
inline namespace v0 {

/// Which parts of the parameterisation each series' data choose (choose_parameterisation); the
/// others are taken from fit_options as given.
struct automatic_parameterisation {
    bool minute_effects = true, machine_level = true, metric = true;
};

// Defaults (docs/model.md, "Automatic parameterisation"): chosen per series from its data — short
// captures or few machines: sampled minute effects, non-centred machine level, diagonal metric;
// long captures of several machines: minute effects integrated out, centred machine level, dense
// metric. adapt_delta at least 0.95 (0.8 for the integrated, data-rich form), refit at 0.99 when a
// run diverges (adapt_delta_policy); a centred fit that still fails is refit non-centred at 0.999
// (refit_few_machines), and a fit failing without divergences is run with twice the draws
// (run_longer).
// Centred / 0.8 had 90-350 divergences on the bundled captures.
struct fit_options {
    mcmc::sampler_config sampler; ///< chains, warmup, draws, seed, adapt_delta, ...; threads = workers
    arrival_model_options model{minute_model::lognormal, machine_level::noncentred};
    automatic_parameterisation automatic; ///< all off: model and sampler.metric exactly as given
    adapt_delta_policy adapt;             ///< escalation of adapt_delta (off: sampler.adapt_delta as given)
    std::size_t ppc_draws = 400;          ///< posterior draws replicated per machine for the checks
    bool laplace_start = true;            ///< integrated form: chains start from the Laplace approximation
    /// Few machines: a centred fit that fails after its refit is refit non-centred at this
    /// adapt_delta (refit_few_machines); 0 turns that off.
    double noncentred_refit_adapt_delta = 0.999;
    /// A fit failing only R_hat or ESS (no divergence) is run again with this many times the draws
    /// (run_longer); below 2 turns that off.
    int longer_run_factor = 2;
};

/// Whether every machine's data pin its own effect down: K >= 3 machines, each with >= 60 minute
/// blocks (1 h) and >= 100 events in the series. Then the machine level is data-dominated (centred
/// samples it without a funnel), the minute level is worth integrating out (thousands of blocks)
/// and the ~14 remaining parameters are correlated (a dense metric). Measured (docs/model.md): at
/// K = 10 x 2 h this takes 13-15 leapfrog steps per iteration instead of 23-51 and 2.2x less time,
/// with far higher ESS; at K = 10 x 1 h all 5 series converge (the small-data form: 3 fail R_hat);
/// on the bundled captures (K <= 2, minutes) the centred level diverges. The event floor was 200
/// until the integrated form converged, with the sampled form's posterior, on UDP series whose
/// sparsest machine had 128 and 141 events (K = 10 x 2 h and 1 h), 3-10x cheaper.
inline bool data_rich(const count_data& d) {
    if (d.counts.size() < 3) return false;
    for (const auto& c : d.counts) {
        std::uint64_t events = 0;
        for (auto y : c) events += y;
        if (c.size() < 60 * std::size_t{d.seconds_per_block} || events < 100) return false;
    }
    return true;
}

/// The model variant and metric one series is fitted with under `opt` (see fit_options).
inline std::pair<arrival_model_options, mcmc::metric_kind> choose_parameterisation(const count_data& d,
                                                                                   const fit_options& opt) {
    auto m = opt.model;
    auto metric = opt.sampler.metric;
    const bool rich = data_rich(d);
    if (opt.automatic.minute_effects) m.effects = rich ? minute_effects::marginal : minute_effects::sampled;
    if (opt.automatic.machine_level) m.machines = rich ? machine_level::centred : machine_level::noncentred;
    if (opt.automatic.metric) metric = rich ? mcmc::metric_kind::dense_e : mcmc::metric_kind::diag_e;
    return {m, metric};
}

struct series_fit {
    count_data data;
    arrival_model_options model;
    mcmc::sample_result result;
    mcmc::summary_table summary;
    std::vector<ppc_row> ppc;
    double seconds = 0;                ///< chain-seconds of this series' sampling (all attempts)
    std::vector<fit_attempt> attempts; ///< one per sampler run (two when adapt_delta was escalated)
};

/// Model name in the Stan CSV files: names the series and the variant.
inline std::string model_name(const std::string& series, const arrival_model_options& o) {
    return "arrival_" + series + (o.minutes == minute_model::two_state ? "_twostate" : "_lognormal") +
           (o.machines == machine_level::centred ? "_centred" : "_noncentred") +
           (o.effects == minute_effects::marginal ? "_marginal" : "");
}

/// The sampler config of series `seed`-th fit: one series' chains, its variant's metric.
inline mcmc::sampler_config series_config(const count_data& data, const fit_options& opt, std::uint64_t seed) {
    auto cfg = opt.sampler;
    cfg.seed = seed;
    cfg.metric = choose_parameterisation(data, opt).second;
    return cfg;
}

/// The integrated form (minute effects integrated out, centred machine level: K + 4 parameters,
/// each pinned by thousands of seconds) has a nearly Gaussian posterior whose scales differ by
/// orders of magnitude. Its chains start from the Laplace approximation (mcmc::gaussian_start) and
/// its metric windows start at 100 draws, not 25: the short windows only replace a good metric with
/// a noisy one (docs/model.md, "Laplace start"). When Newton does not converge, Stan's start as is.
inline void laplace_start(mcmc::sampler_config& cfg, const arrival_model& m) {
    const auto la = mcmc::laplace_approximation(m, Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m.dimension())));
    if (!la.converged) return;
    cfg.start = mcmc::gaussian_start{la.mode, la.cov, 2.0};
    cfg.adapt_window = std::max(cfg.adapt_window, 100);
}

/// The pool job of one series (m must outlive it); cost ~ one gradient's work.
inline pool_job series_job(const arrival_model& m, const count_data& data, const fit_options& opt, std::uint64_t seed) {
    const auto& v = m.options();
    const bool integrated = v.effects == minute_effects::marginal && v.machines == machine_level::centred;
    const double cost = m.marginal() ? 25.0 * double(m.distinct_blocks()) : double(m.blocks());
    auto cfg = series_config(data, opt, seed);
    // Not the two-state minutes: their idle/active mixture can have several modes, and chains all
    // started around one of them would hide the others from R_hat.
    if (integrated && !m.two_state() && opt.laplace_start) laplace_start(cfg, m);
    return make_pool_job(m, cfg, model_name(data.series, v), cost, integrated);
}

/// The pool jobs of series[i] with models[i] (both must outlive them), seed + i; built in parallel
/// (the Laplace starts are a few hundred gradients each).
inline std::vector<pool_job> series_jobs(const std::vector<arrival_model>& models,
                                         const std::vector<count_data>& series, const fit_options& opt,
                                         unsigned threads) {
    std::vector<pool_job> jobs(series.size());
    fwsize::detail::parallel_for(series.size(), threads, [&](std::size_t i) {
        jobs[i] = series_job(models[i], series[i], opt, opt.sampler.seed + i);
    });
    return jobs;
}

namespace detail {
/// The job that runs `data` again as variant v (models keeps the model alive for the pool run):
/// same seed and metric choice as its first run, the given adapt_delta, `draws_factor` x the draws.
inline pool_job rerun_job(std::vector<arrival_model>& models, const count_data& data, const arrival_model_options& v,
                          const fit_options& opt, std::uint64_t seed, double adapt_delta, int draws_factor) {
    auto job = series_job(models.emplace_back(data, v), data, opt, seed);
    job.integrated = false; // its adapt_delta is the one given here, not the policy's
    job.cfg.adapt_delta = adapt_delta;
    job.cfg.draws *= draws_factor;
    return job;
}

/// Folds a rerun into a series' run: every attempt, their seconds and notes stay on record; the
/// rerun's result replaces the run's when `keep`.
inline void fold_rerun(escalated_run& run, escalated_run again, bool keep, std::string note) {
    auto attempts = std::move(run.attempts);
    attempts.insert(attempts.end(), again.attempts.begin(), again.attempts.end());
    auto notes = std::move(run.summary.verdict.notes);
    notes.push_back(std::move(note));
    const double seconds = run.seconds + again.seconds;
    if (keep) {
        notes.insert(notes.end(), again.summary.verdict.notes.begin(), again.summary.verdict.notes.end());
        run = std::move(again);
    }
    run.attempts = std::move(attempts);
    run.seconds = seconds;
    run.summary.verdict.notes = std::move(notes);
}
} // namespace detail

/// Few machines (docs/model.md, "Few machines"): a data-rich series fitted with the centred machine
/// level that still fails after its refit has a sigma_machine posterior reaching down into the
/// funnel (K = 3 x 1 h: divergences at log sigma_machine -3.7 to -4.6), where only the non-centred
/// level samples well; the non-centred level in turn needs small steps where the machines' data
/// pin their levels, hence adapt_delta 0.999. Such series are refit so, with the same seed, and the
/// better run kept: the one that passes, else the one with fewer divergences (both runs are in
/// `attempts`). runs[i] and variants[i] belong to series[i]; further runs (holding times) are left.
inline void refit_few_machines(const std::vector<count_data>& series, std::vector<arrival_model_options>& variants,
                               std::vector<escalated_run>& runs, const fit_options& opt, unsigned threads) {
    if (!opt.automatic.machine_level || opt.noncentred_refit_adapt_delta <= 0) return;
    std::vector<arrival_model> models; // outlive the pool run below
    models.reserve(series.size());
    std::vector<pool_job> jobs;
    std::vector<std::size_t> of;
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (variants[i].machines != machine_level::centred || runs[i].summary.verdict.ok) continue;
        auto v = variants[i];
        v.machines = machine_level::noncentred;
        jobs.push_back(
            detail::rerun_job(models, series[i], v, opt, opt.sampler.seed + i, opt.noncentred_refit_adapt_delta, 1));
        of.push_back(i);
    }
    adapt_delta_policy once;
    once.escalate = false;
    auto again = sample_pool(jobs, once, threads);
    char delta[32];
    std::snprintf(delta, sizeof delta, "%g", opt.noncentred_refit_adapt_delta);
    for (std::size_t k = 0; k < again.size(); ++k) {
        auto& run = runs[of[k]];
        again[k].attempts.back().variant = "non-centred";
        const bool better =
            again[k].summary.verdict.ok || again[k].summary.verdict.divergences < run.summary.verdict.divergences;
        if (better) variants[of[k]] = models[k].options();
        detail::fold_rerun(run, std::move(again[k]), better,
                           std::string("few machines: the centred fit failed; refit non-centred at adapt_delta ") +
                               delta + (better ? ", kept" : ", not better: the centred fit kept"));
    }
}

/// A fit that fails only R_hat or ESS, with no divergence, has sound chains that are too short
/// (K = 3 x 1 h after the non-centred refit: R_hat 1.011-1.012; a 2-machine udp_end fit of the
/// shared captures: R_hat 1.01 for one minute effect). Such a series is run once more with
/// opt.longer_run_factor times the draws, same variant, seed and adapt_delta, and that run kept
/// (the Stan advice, done for the user). runs[i] and variants[i] belong to series[i].
inline void run_longer(const std::vector<count_data>& series, const std::vector<arrival_model_options>& variants,
                       std::vector<escalated_run>& runs, const fit_options& opt, unsigned threads) {
    if (opt.longer_run_factor < 2) return;
    std::vector<arrival_model> models; // outlive the pool run below
    models.reserve(series.size());
    std::vector<pool_job> jobs;
    std::vector<std::size_t> of;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const auto& r = runs[i];
        if (r.summary.verdict.ok || r.summary.verdict.divergences > 0 || r.result.chains.empty()) continue;
        jobs.push_back(detail::rerun_job(models, series[i], variants[i], opt, opt.sampler.seed + i,
                                         r.result.config.adapt_delta, opt.longer_run_factor));
        of.push_back(i);
    }
    adapt_delta_policy once;
    once.escalate = false;
    auto more = sample_pool(jobs, once, threads);
    const std::string times = std::to_string(opt.longer_run_factor) + "x the draws,";
    for (std::size_t n = 0; n < more.size(); ++n) {
        auto& run = runs[of[n]];
        // Named as the run it repeats: the non-centred refit when that was kept.
        const bool refit_kept = variants[of[n]].machines == machine_level::noncentred &&
                                std::any_of(run.attempts.begin(), run.attempts.end(),
                                            [](const fit_attempt& a) { return a.variant == "non-centred"; });
        more[n].attempts.back().variant = refit_kept ? "non-centred, " + times : times;
        detail::fold_rerun(run, std::move(more[n]), true,
                           "R_hat or ESS short with no divergence: run again with " + times + " kept");
    }
}

/// What follows a batch of arrival fits: the non-centred refit for few machines, then the longer
/// run for fits short of R_hat or ESS (fit_series and fwsize size both call it).
inline void refit_failed(const std::vector<count_data>& series, std::vector<arrival_model_options>& variants,
                         std::vector<escalated_run>& runs, const fit_options& opt, unsigned threads) {
    refit_few_machines(series, variants, runs, opt, threads);
    run_longer(series, variants, runs, opt, threads);
}

/// A finished series fit from its sampler run: summary, attempts and posterior predictive checks.
inline series_fit finish_series(const count_data& data, const arrival_model_options& variant, escalated_run run,
                                const fit_options& opt, std::uint64_t seed) {
    series_fit f;
    f.data = data;
    f.model = variant;
    f.result = std::move(run.result);
    f.summary = std::move(run.summary);
    f.attempts = std::move(run.attempts);
    f.seconds = run.seconds;
    f.ppc = posterior_predictive(data, fitted_draws(f.result, opt.ppc_draws), seed);
    return f;
}

/// Fits every series (empty ones are skipped by the caller); series i uses seed + i. All chains of
/// all series share the workers (sample_pool), then the predictive checks run a series per worker.
/// Which worker runs what never changes a result.
inline std::vector<series_fit> fit_series(const std::vector<count_data>& series, const fit_options& opt) {
    std::vector<arrival_model> models;
    models.reserve(series.size());
    for (const auto& s : series) models.emplace_back(s, choose_parameterisation(s, opt).first);
    auto runs = sample_pool(series_jobs(models, series, opt, opt.sampler.threads), opt.adapt, opt.sampler.threads);
    std::vector<arrival_model_options> variants;
    for (const auto& m : models) variants.push_back(m.options());
    refit_failed(series, variants, runs, opt, opt.sampler.threads);
    std::vector<series_fit> out(series.size());
    fwsize::detail::parallel_for(series.size(), opt.sampler.threads, [&](std::size_t i) {
        out[i] = finish_series(series[i], variants[i], std::move(runs[i]), opt, opt.sampler.seed + i);
    });
    return out;
}

inline std::vector<count_data> series_from_table(const series::machine_table& t,
                                                 std::vector<std::string>* excluded = nullptr) {
    using series::series_kind;
    const series_kind kinds[] = {series_kind::tcp_new, series_kind::udp_new, series_kind::tcp_end, series_kind::udp_end,
                                 series_kind::new_connections};
    std::vector<count_data> out(5);
    for (std::size_t i = 0; i < 5; ++i) {
        out[i].series = series_names()[i];
        const auto counts = t.counts(kinds[i]);
        for (std::size_t k = 0; k < t.size(); ++k) {
            if (t.machine(k).seconds() == 0) continue;
            if (!t.machine(k).present(kinds[i])) {
                if (excluded)
                    excluded->push_back(t.machine(k).machine_id + ": " + series_names()[i] + " not captured, left out");
                continue;
            }
            out[i].machine_ids.push_back(t.machine(k).machine_id);
            out[i].counts.push_back(counts[k]);
        }
    }
    return out;
}

} // namespace v0
} // namespace fwsize::model
