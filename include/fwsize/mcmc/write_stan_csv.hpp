// write_stan_csv — one chain as a CmdStan-format Stan CSV: config comments (booleans 0/1, as
// rstan's reader wants; " (Default)" when at Stan's default), header row, optional warmup rows,
// adaptation block, draws with 6 significant digits, timing block.
#pragma once

#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <fwsize/mcmc/sample_result.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

namespace detail {
/// %g with `sig` significant digits; nan, inf, -inf as CmdStan writes them.
inline std::string format_number(double v, int sig = 6) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", sig, v);
    return buf;
}
} // namespace detail

/// Writes chain index `chain` (0-based into res.chains) of `res`.
inline void write_stan_csv(std::ostream& os, const sample_result& res, std::size_t chain, int sig_figs = 6) {
    if (chain >= res.chains.size()) throw std::out_of_range("write_stan_csv: no chain " + std::to_string(chain));
    const chain_result& ch = res.chains[chain];
    const sampler_config& c = res.config;
    const sampler_config def{};
    auto fmt = [](double v) { return detail::format_number(v, 6); };
    auto kv = [&os](int level, const std::string& key, const std::string& value, bool is_default) {
        os << '#' << std::string(std::size_t(1 + 2 * level), ' ') << key << " = " << value
           << (is_default ? " (Default)" : "") << '\n';
    };
    auto section = [&os](int level, const std::string& name) {
        os << '#' << std::string(std::size_t(1 + 2 * level), ' ') << name << '\n';
    };
    os << "# stan_version_major = 2\n# stan_version_minor = 36\n# stan_version_patch = 0\n";
    os << "# model = " << res.model_name << '\n';
    kv(0, "method", "sample", true);
    section(1, "sample");
    kv(2, "num_samples", std::to_string(c.draws), c.draws == def.draws);
    kv(2, "num_warmup", std::to_string(c.warmup), c.warmup == def.warmup);
    kv(2, "save_warmup", c.save_warmup ? "1" : "0", c.save_warmup == def.save_warmup);
    kv(2, "thin", "1", true);
    section(2, "adapt");
    kv(3, "engaged", "1", true);
    kv(3, "gamma", fmt(c.adapt_gamma), c.adapt_gamma == def.adapt_gamma);
    kv(3, "delta", fmt(c.adapt_delta), c.adapt_delta == def.adapt_delta);
    kv(3, "kappa", fmt(c.adapt_kappa), c.adapt_kappa == def.adapt_kappa);
    kv(3, "t0", fmt(c.adapt_t0), c.adapt_t0 == def.adapt_t0);
    kv(3, "init_buffer", std::to_string(c.adapt_init_buffer), c.adapt_init_buffer == def.adapt_init_buffer);
    kv(3, "term_buffer", std::to_string(c.adapt_term_buffer), c.adapt_term_buffer == def.adapt_term_buffer);
    kv(3, "window", std::to_string(c.adapt_window), c.adapt_window == def.adapt_window);
    kv(2, "algorithm", "hmc", true);
    section(3, "hmc");
    kv(4, "engine", "nuts", true);
    section(5, "nuts");
    kv(6, "max_depth", std::to_string(c.max_depth), c.max_depth == def.max_depth);
    const bool dense = c.metric == metric_kind::dense_e;
    kv(4, "metric", dense ? "dense_e" : "diag_e", !dense);
    kv(4, "metric_file", "", true);
    kv(4, "stepsize", fmt(c.stepsize), c.stepsize == def.stepsize);
    kv(4, "stepsize_jitter", fmt(c.stepsize_jitter), c.stepsize_jitter == def.stepsize_jitter);
    kv(2, "num_chains", "1", true);
    kv(0, "id", std::to_string(ch.chain_id), false);
    section(0, "data");
    kv(1, "file", "", true);
    if (c.start) kv(0, "init", "gaussian_start", false);
    else kv(0, "init", fmt(c.init_radius), c.init_radius == def.init_radius);
    section(0, "random");
    kv(1, "seed", std::to_string(c.seed), false);
    section(0, "output");
    kv(1, "file", "output.csv", true);
    kv(1, "refresh", std::to_string(c.refresh), c.refresh == def.refresh);
    kv(1, "sig_figs", sig_figs == 6 ? "-1" : std::to_string(sig_figs), sig_figs == 6);
    kv(0, "num_threads", "1", true);
    os << "# fwsize: rng boost::random::mt19937_64 seeded from (seed, id)\n";
    if (c.start)
        os << "# fwsize: inits mean + " << fmt(c.start->spread)
           << " L z of a Gaussian approximation (L L' = its covariance, the initial inverse metric)\n";

    for (std::size_t j = 0; j < ch.columns.size(); ++j) os << (j ? "," : "") << ch.columns[j];
    os << '\n';
    auto row = [&](Eigen::Index r) {
        for (Eigen::Index j = 0; j < ch.draws.cols(); ++j)
            os << (j ? "," : "") << detail::format_number(ch.draws(r, j), sig_figs);
        os << '\n';
    };
    for (Eigen::Index r = 0; r < ch.warmup_rows; ++r) row(r);
    os << "# Adaptation terminated\n# Step size = " << fmt(ch.step_size) << '\n';
    const auto d = static_cast<Eigen::Index>(res.parameter_names.empty() ? 0 : ch.inv_metric.size());
    if (dense) {
        const auto n = static_cast<Eigen::Index>(std::llround(std::sqrt(double(d))));
        os << "# Elements of inverse mass matrix:\n";
        for (Eigen::Index i = 0; i < n; ++i) {
            os << "# ";
            for (Eigen::Index j = 0; j < n; ++j) os << (j ? ", " : "") << fmt(ch.inv_metric[j * n + i]);
            os << '\n';
        }
    } else {
        os << "# Diagonal elements of inverse mass matrix:\n# ";
        for (Eigen::Index i = 0; i < ch.inv_metric.size(); ++i) os << (i ? ", " : "") << fmt(ch.inv_metric[i]);
        os << '\n';
    }
    for (Eigen::Index r = ch.warmup_rows; r < ch.draws.rows(); ++r) row(r);
    std::ostringstream t;
    t << "# \n#  Elapsed Time: " << fmt(ch.warmup_seconds) << " seconds (Warm-up)\n"
      << "#                " << fmt(ch.sampling_seconds) << " seconds (Sampling)\n"
      << "#                " << fmt(ch.warmup_seconds + ch.sampling_seconds) << " seconds (Total)\n# \n";
    os << t.str();
}

} // namespace v0
} // namespace fwsize::mcmc
