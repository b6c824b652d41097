// sample_pool — a batch of NUTS fits under one adapt_delta_policy, scheduled chain by chain on a
// few workers; sample_with_policy is the batch of one. Scheduling single chains (costliest job
// first) instead of whole fits keeps both cores busy to the end: 5 arrival series at K = 10 x 8 h
// left one core idle for the last ~10 % when each series' 4 chains ran on one worker.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <fwsize/detail/parallel_for.hpp>
#include <fwsize/mcmc/sample.hpp>
#include <fwsize/mcmc/summary.hpp>
#include <fwsize/model/adapt_delta_policy.hpp>

namespace fwsize::model {
inline namespace v0 {

/// One fit in a batch run by sample_pool: its config (seed, chains, ...; threads is ignored), its
/// name and output names, and how to run one chain of it. make_pool_job builds it from a model.
struct pool_job {
    mcmc::sampler_config cfg;
    std::string name;
    std::vector<std::string> parameter_names;
    std::function<mcmc::chain_result(const mcmc::sampler_config&, int chain_id)> run_chain;
    double cost = 1;         ///< relative cost of one chain: scheduling order only, never results
    bool integrated = false; ///< starts at policy.first_integrated
};

/// A job for `model`, which must outlive the pool run.
template <mcmc::log_density_model Model>
pool_job make_pool_job(const Model& model, const mcmc::sampler_config& cfg, std::string name, double cost = 1,
                       bool integrated = false) {
    mcmc::detail::check_run(model, cfg);
    return {cfg,
            std::move(name),
            model.parameter_names(),
            [&model](const mcmc::sampler_config& c, int id) { return mcmc::detail::run_chain(model, c, id); },
            cost,
            integrated};
}

/// Runs every job under `policy`, scheduling single chains on `threads` workers (costliest first),
/// so a batch of fits keeps every core busy to the end instead of waiting on its longest fit.
/// Jobs that diverged are refit together in a second round. A chain's result depends only on its
/// job's config and chain id: nothing depends on the thread count or the order. An attempt's
/// `seconds` is the sum of its chains' warmup and sampling times (one core's worth).
inline std::vector<escalated_run> sample_pool(const std::vector<pool_job>& jobs, const adapt_delta_policy& policy,
                                              unsigned threads) {
    std::vector<escalated_run> out(jobs.size());
    std::vector<mcmc::sampler_config> cfg(jobs.size());
    std::vector<std::size_t> pending;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        cfg[j] = jobs[j].cfg;
        const double first = jobs[j].integrated ? policy.first_integrated : policy.first;
        if (policy.escalate && cfg[j].adapt_delta < first) cfg[j].adapt_delta = first;
        pending.push_back(j);
    }
    while (!pending.empty()) {
        std::vector<std::pair<std::size_t, int>> tasks; // (job, chain index)
        for (auto j : pending) {
            out[j].result = mcmc::sample_result{jobs[j].name, cfg[j], {}, jobs[j].parameter_names};
            out[j].result.chains.resize(static_cast<std::size_t>(cfg[j].chains));
            for (int c = 0; c < cfg[j].chains; ++c) tasks.emplace_back(j, c);
        }
        std::stable_sort(tasks.begin(), tasks.end(),
                         [&](const auto& a, const auto& b) { return jobs[a.first].cost > jobs[b.first].cost; });
        fwsize::detail::parallel_for(tasks.size(), threads, [&](std::size_t t) {
            const auto [j, c] = tasks[t];
            out[j].result.chains[static_cast<std::size_t>(c)] = jobs[j].run_chain(cfg[j], c + 1);
        });
        std::vector<std::size_t> again;
        for (auto j : pending) {
            auto& o = out[j];
            double seconds = 0;
            for (const auto& ch : o.result.chains) seconds += ch.warmup_seconds + ch.sampling_seconds;
            o.summary = mcmc::summarize(o.result);
            o.attempts.push_back(
                {cfg[j].adapt_delta, o.summary.verdict.divergences, o.summary.verdict.ok, seconds, {}});
            o.seconds += seconds;
            if (policy.escalate && o.summary.verdict.divergences > 0 && cfg[j].adapt_delta < policy.escalated) {
                cfg[j].adapt_delta = policy.escalated; // same seed: the refit is reproducible too
                again.push_back(j);
            } else if (o.attempts.size() > 1) {
                o.summary.verdict.notes.push_back("refit after divergences: " + describe(o.attempts));
            }
        }
        pending = std::move(again);
    }
    return out;
}

/// One fit under the policy, its chains on cfg.threads workers.
template <mcmc::log_density_model Model>
escalated_run sample_with_policy(const Model& m, const mcmc::sampler_config& cfg, const std::string& name,
                                 const adapt_delta_policy& policy, bool integrated = false) {
    return std::move(sample_pool({make_pool_job(m, cfg, name, 1, integrated)}, policy, cfg.threads).front());
}

} // namespace v0
} // namespace fwsize::model
