// One chain: inits, step-size heuristic, warmup with dual averaging and windowed metric
// adaptation, then sampling at the adapted step size and metric (Stan's run_adaptive_sampler).
#pragma once

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Cholesky>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <fwsize/mcmc/chain_result.hpp>
#include <fwsize/mcmc/chain_rng.hpp>
#include <fwsize/mcmc/detail/progress.hpp>
#include <fwsize/mcmc/euclidean_hamiltonian.hpp>
#include <fwsize/mcmc/log_density_model.hpp>
#include <fwsize/mcmc/nuts.hpp>
#include <fwsize/mcmc/sampler_config.hpp>
#include <fwsize/mcmc/stepsize_adaptation.hpp>
#include <fwsize/mcmc/windowed_adaptation.hpp>

namespace fwsize::mcmc {
inline namespace v0 {
namespace detail {

/// The first of up to 100 points from `draw` (as Stan retries) whose lp and gradient are finite.
template <log_density_model M, class Draw>
phase_point first_finite_point(const M& model, const euclidean_hamiltonian<M>& sys, Draw draw, int chain_id) {
    phase_point z;
    z.q.resize(static_cast<Eigen::Index>(model.dimension()));
    z.p = Eigen::VectorXd::Zero(z.q.size());
    for (int attempt = 0; attempt < 100; ++attempt) {
        draw(z.q);
        sys.update_potential(z);
        if (std::isfinite(z.v)) return z;
    }
    throw std::runtime_error("chain " + std::to_string(chain_id) +
                             ": no initial point with finite log density and gradient after 100 attempts");
}

/// Uniform inits in (-radius, radius).
template <log_density_model M>
phase_point initial_point(const M& model, const euclidean_hamiltonian<M>& sys, double radius, chain_rng& rng,
                          int chain_id) {
    boost::random::uniform_real_distribution<double> u(-radius, radius);
    return first_finite_point(
        model, sys,
        [&](Eigen::VectorXd& q) {
            for (Eigen::Index i = 0; i < q.size(); ++i) q[i] = radius > 0 ? u(rng) : 0.0;
        },
        chain_id);
}

/// Inits mean + spread * L z, z ~ N(0, I) (the start was checked by check_run).
template <log_density_model M>
phase_point initial_point(const M& model, const euclidean_hamiltonian<M>& sys, const gaussian_start& start,
                          chain_rng& rng, int chain_id) {
    const Eigen::LLT<Eigen::MatrixXd> llt(start.cov);
    boost::random::normal_distribution<double> n01;
    Eigen::VectorXd u(start.mean.size());
    return first_finite_point(
        model, sys,
        [&](Eigen::VectorXd& q) {
            for (Eigen::Index i = 0; i < u.size(); ++i) u[i] = n01(rng);
            const Eigen::VectorXd lu = llt.matrixL() * u;
            q = start.mean + start.spread * lu;
        },
        chain_id);
}

template <log_density_model M>
chain_result run_chain(const M& model, const sampler_config& cfg, int chain_id, nuts_fault fault = nuts_fault::none) {
    using clock = std::chrono::steady_clock;
    chain_rng rng = make_chain_rng(cfg.seed, chain_id);
    euclidean_hamiltonian<M> sys(model, cfg.metric);
    phase_point z = cfg.start ? initial_point(model, sys, *cfg.start, rng, chain_id)
                              : initial_point(model, sys, cfg.init_radius, rng, chain_id);
    if (cfg.start)
        sys.set_inv_metric(cfg.metric == metric_kind::diag_e ? Eigen::MatrixXd(cfg.start->cov.diagonal())
                                                             : cfg.start->cov);

    nuts<euclidean_hamiltonian<M>, chain_rng> kernel(sys, rng);
    kernel.max_depth = cfg.max_depth;
    kernel.nominal_stepsize = cfg.stepsize;
    kernel.stepsize_jitter = cfg.stepsize_jitter;
    kernel.fault = fault;

    stepsize_adaptation da;
    da.delta = cfg.adapt_delta;
    da.gamma = cfg.adapt_gamma;
    da.kappa = cfg.adapt_kappa;
    da.t0 = cfg.adapt_t0;
    da.set_mu(std::log(10 * cfg.stepsize)); // Stan's quirk: mu from the user's step size
    metric_adaptation metric(cfg, z.q.size());

    const auto names = model.parameter_names();
    chain_result out;
    out.chain_id = chain_id;
    out.columns = sampler_columns();
    out.columns.insert(out.columns.end(), names.begin(), names.end());
    out.warmup_rows = cfg.save_warmup ? cfg.warmup : 0;
    out.draws.resize(out.warmup_rows + cfg.draws, static_cast<Eigen::Index>(out.columns.size()));

    std::vector<double> constrained;
    auto record = [&](Eigen::Index row, const nuts_transition_info& t) {
        out.draws(row, 0) = t.lp;
        out.draws(row, 1) = t.accept_stat;
        out.draws(row, 2) = t.stepsize;
        out.draws(row, 3) = t.treedepth;
        out.draws(row, 4) = t.n_leapfrog;
        out.draws(row, 5) = t.divergent ? 1 : 0;
        out.draws(row, 6) = t.energy;
        model.write_constrained(z.q, constrained);
        if (constrained.size() != names.size())
            throw std::logic_error("model wrote " + std::to_string(constrained.size()) + " constrained values for " +
                                   std::to_string(names.size()) + " names");
        for (std::size_t j = 0; j < constrained.size(); ++j) out.draws(row, 7 + Eigen::Index(j)) = constrained[j];
    };

    const int total = cfg.warmup + cfg.draws;
    const auto t0 = clock::now();
    kernel.init_stepsize(z);
    Eigen::MatrixXd inv = sys.inv_metric();
    for (int m = 0; m < cfg.warmup; ++m) {
        const auto t = kernel.transition(z);
        da.learn_stepsize(kernel.nominal_stepsize, t.accept_stat);
        if (metric.learn(z.q, inv)) {
            sys.set_inv_metric(inv);
            kernel.init_stepsize(z);
            da.set_mu(std::log(10 * kernel.nominal_stepsize));
            da.restart();
        }
        if (cfg.save_warmup) record(m, t);
        report_progress(cfg.refresh, chain_id, cfg.chains, m, 0, total, true);
    }
    if (cfg.warmup > 0) da.complete_adaptation(kernel.nominal_stepsize);
    const auto t1 = clock::now();
    for (int m = 0; m < cfg.draws; ++m) {
        const auto t = kernel.transition(z);
        record(out.warmup_rows + m, t);
        report_progress(cfg.refresh, chain_id, cfg.chains, m, cfg.warmup, total, false);
    }
    const auto t2 = clock::now();
    out.step_size = kernel.nominal_stepsize;
    out.inv_metric = Eigen::Map<const Eigen::VectorXd>(sys.inv_metric().data(), sys.inv_metric().size());
    out.warmup_seconds = std::chrono::duration<double>(t1 - t0).count();
    out.sampling_seconds = std::chrono::duration<double>(t2 - t1).count();
    report_elapsed(cfg.refresh, chain_id, cfg.chains, out.warmup_seconds, out.sampling_seconds);
    return out;
}

} // namespace detail
} // namespace v0
} // namespace fwsize::mcmc
