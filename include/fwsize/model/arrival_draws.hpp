// arrival_draws — a fitted arrival model's posterior as what prediction reads: one arrival_draw
// per kept iteration (all chains pooled, optionally thinned evenly to at most `max_draws`), and the
// machine effects of each fitted machine.
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <fwsize/mcmc/sample_result.hpp>
#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/model/simulate_arrivals.hpp>

namespace fwsize::model {
inline namespace v0 {

namespace detail {
inline Eigen::Index column_of(const mcmc::chain_result& c, const std::string& name) {
    for (std::size_t j = 0; j < c.columns.size(); ++j)
        if (c.columns[j] == name) return static_cast<Eigen::Index>(j);
    return -1;
}
/// Pooled (chain, row) pairs of the sampling iterations, thinned evenly to at most max_draws.
inline std::vector<std::pair<std::size_t, Eigen::Index>> kept_rows(const mcmc::sample_result& r,
                                                                   std::size_t max_draws) {
    std::vector<std::pair<std::size_t, Eigen::Index>> all;
    for (std::size_t c = 0; c < r.chains.size(); ++c)
        for (Eigen::Index i = r.chains[c].warmup_rows; i < r.chains[c].draws.rows(); ++i) all.emplace_back(c, i);
    if (max_draws == 0 || all.size() <= max_draws) return all;
    std::vector<std::pair<std::size_t, Eigen::Index>> out;
    for (std::size_t i = 0; i < max_draws; ++i) out.push_back(all[i * all.size() / max_draws]);
    return out;
}
} // namespace detail

/// One posterior draw with the fitted machines' effects.
struct fitted_draw {
    arrival_draw hyper;
    std::vector<machine_effect> machines;
};

/// Posterior draws of an arrival model fitted by mcmc::sample (names as arrival_model writes them).
inline std::vector<fitted_draw> fitted_draws(const mcmc::sample_result& r, std::size_t max_draws = 0) {
    if (r.chains.empty()) throw std::invalid_argument("fitted_draws: no chains");
    const auto& c0 = r.chains[0];
    const auto col = [&](const std::string& n) {
        const auto j = detail::column_of(c0, n);
        if (j < 0) throw std::invalid_argument("fitted_draws: no column '" + n + "' in " + r.model_name);
        return j;
    };
    const bool two_state = detail::column_of(c0, "alpha_idle") >= 0;
    const Eigen::Index ja = col("alpha"), jsm = col("sigma_machine"), jsn = col("sigma_minute"), jp = col("phi");
    Eigen::Index jai = -1, jim = -1, jis = -1;
    if (two_state) jai = col("alpha_idle"), jim = col("idle_logit_mean"), jis = col("idle_logit_sd");
    std::vector<Eigen::Index> jz, jw;
    for (std::size_t k = 1; detail::column_of(c0, "z_machine." + std::to_string(k)) >= 0; ++k) {
        jz.push_back(col("z_machine." + std::to_string(k)));
        if (two_state) jw.push_back(col("z_idle." + std::to_string(k)));
    }
    std::vector<fitted_draw> out;
    for (auto [c, i] : detail::kept_rows(r, max_draws)) {
        const auto row = r.chains[c].draws.row(i);
        fitted_draw d;
        auto& h = d.hyper;
        h.alpha = row[ja];
        h.sigma_machine = row[jsm];
        h.sigma_minute = row[jsn];
        h.phi = row[jp];
        h.two_state = two_state;
        if (two_state) h.alpha_idle = row[jai], h.idle_logit_mean = row[jim], h.idle_logit_sd = row[jis];
        for (std::size_t k = 0; k < jz.size(); ++k) {
            machine_effect m;
            m.level = h.alpha + h.sigma_machine * row[jz[k]];
            if (two_state) m.idle_probability = 1 / (1 + std::exp(-(h.idle_logit_mean + h.idle_logit_sd * row[jw[k]])));
            d.machines.push_back(m);
        }
        out.push_back(std::move(d));
    }
    return out;
}

/// Hyperparameter draws only: what prediction of a *new* user needs.
inline std::vector<arrival_draw> arrival_draws(const mcmc::sample_result& r, std::size_t max_draws = 0) {
    std::vector<arrival_draw> out;
    for (auto& d : fitted_draws(r, max_draws)) out.push_back(d.hyper);
    return out;
}

} // namespace v0
} // namespace fwsize::model
