// sample — run NUTS chains of a model, in parallel threads, Stan's defaults throughout.
// Chain k's random stream depends only on (seed, k): the draws are bit-identical whatever the
// number of threads.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include <fwsize/detail/parallel_for.hpp>
#include <fwsize/mcmc/detail/run_chain.hpp>
#include <fwsize/mcmc/log_density_model.hpp>
#include <fwsize/mcmc/sample_result.hpp>
#include <fwsize/mcmc/sampler_config.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

namespace detail {
/// Throws std::invalid_argument unless cfg is usable.
inline void check_config(const sampler_config& cfg) {
    if (cfg.chains < 1 || cfg.warmup < 0 || cfg.draws < 1 || cfg.max_depth < 1 || !(cfg.adapt_delta > 0) ||
        !(cfg.adapt_delta < 1) || !(cfg.stepsize > 0) || cfg.stepsize_jitter < 0 || cfg.stepsize_jitter > 1)
        throw std::invalid_argument("sampler_config: need chains >= 1, warmup >= 0, draws >= 1, max_depth >= 1, "
                                    "0 < adapt_delta < 1, stepsize > 0, 0 <= stepsize_jitter <= 1");
}

/// Throws std::invalid_argument unless cfg is usable (its start too) and the model has parameters.
template <log_density_model M>
void check_run(const M& model, const sampler_config& cfg) {
    check_config(cfg);
    if (model.dimension() == 0) throw std::invalid_argument("sample: the model has no parameters");
    if (cfg.start) check_start(*cfg.start, model.dimension());
}

template <log_density_model M>
sample_result sample_impl(const M& model, const sampler_config& cfg, std::string model_name, nuts_fault fault) {
    check_run(model, cfg);
    sample_result res;
    res.model_name = std::move(model_name);
    res.config = cfg;
    res.parameter_names = model.parameter_names();
    res.chains.resize(static_cast<std::size_t>(cfg.chains));

    fwsize::detail::parallel_for(res.chains.size(), cfg.threads, [&](std::size_t c) {
        res.chains[c] = run_chain(model, cfg, static_cast<int>(c) + 1, fault);
    });
    return res;
}
} // namespace detail

/// Samples `model` with NUTS; returns every chain's draws and adaptation.
template <log_density_model M>
sample_result sample(const M& model, const sampler_config& cfg = {}, std::string model_name = "model") {
    return detail::sample_impl(model, cfg, std::move(model_name), detail::nuts_fault::none);
}

} // namespace v0
} // namespace fwsize::mcmc
