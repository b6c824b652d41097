// summary — the stansummary 2.36 table (Mean MCSE StdDev MAD 5% 50% 95% ESS_bulk ESS_tail R_hat)
// of a run, plus a verdict against fwsize's convergence criteria: 0 divergences, E-BFMI > 0.3 in
// every chain, and for every parameter R-hat < 1.01, bulk-ESS > 400 and tail-ESS > 400.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <fwsize/input_error.hpp>
#include <fwsize/mcmc/chain_result.hpp>
#include <fwsize/mcmc/ebfmi.hpp>
#include <fwsize/mcmc/ess.hpp>
#include <fwsize/mcmc/mcse.hpp>
#include <fwsize/mcmc/read_stan_csv.hpp>
#include <fwsize/mcmc/rhat.hpp>
#include <fwsize/mcmc/sample_result.hpp>

namespace fwsize::mcmc {
inline namespace v0 {

struct column_summary {
    std::string name;
    double mean = 0, mcse = 0, sd = 0, mad = 0, q5 = 0, q50 = 0, q95 = 0;
    double ess_bulk = 0, ess_tail = 0, rhat = 0; ///< NaN for the sampler columns (not meaningful)
};

/// The four criteria, each with where it failed.
struct summary_verdict {
    bool ok = true;
    long divergences = 0;
    std::vector<long> divergences_per_chain;
    std::vector<double> ebfmi;         ///< per chain
    long treedepth_saturated = 0;      ///< iterations that hit max_depth (reported, not a criterion)
    std::vector<std::string> failures; ///< one line per failed criterion and place
    std::vector<std::string> notes;    ///< warnings that do not fail the verdict
};

struct summary_table {
    std::string model_name;
    int chains = 0, draws_per_chain = 0, warmup = 0, thin = 1, max_depth = 10;
    std::vector<double> warmup_seconds, sampling_seconds;
    std::vector<column_summary> rows; ///< lp__ and the sampler columns first, then the parameters
    std::size_t first_parameter_row = 0;
    summary_verdict verdict;
};

struct summary_options {
    std::string model_name = "model";
    int warmup = 0, thin = 1, max_depth = 10;
    std::vector<double> warmup_seconds, sampling_seconds;
    double rhat_max = 1.01, ess_min = 400, ebfmi_min = 0.3;
};

/// Statistics of one column; `draws` is draws x chains.
inline column_summary summarize_column(const std::string& name, const Eigen::MatrixXd& draws, bool full = true) {
    column_summary s;
    s.name = name;
    const double n = double(draws.size());
    s.mean = draws.mean();
    s.sd = n > 1 ? std::sqrt((draws.array() - s.mean).square().sum() / (n - 1)) : detail::nan;
    s.q5 = detail::quantile7(draws, 0.05);
    s.q50 = detail::quantile7(draws, 0.5);
    s.q95 = detail::quantile7(draws, 0.95);
    s.mad = 1.4826 * detail::quantile7(Eigen::MatrixXd((draws.array() - s.q50).abs()), 0.5);
    if (full) {
        s.mcse = mcse_mean(draws);
        s.ess_bulk = ess_bulk(draws);
        s.ess_tail = ess_tail(draws);
        s.rhat = rhat(draws);
    } else {
        s.mcse = s.ess_bulk = s.ess_tail = s.rhat = detail::nan;
    }
    return s;
}

/// `chains[k]` is draws x columns (sampling iterations only), all with the same shape.
inline summary_table summarize(const std::vector<std::string>& columns, const std::vector<Eigen::MatrixXd>& chains,
                               const summary_options& opt = {}) {
    if (chains.empty()) throw std::invalid_argument("summarize: no chains");
    const Eigen::Index n = chains[0].rows(), ncol = static_cast<Eigen::Index>(columns.size());
    for (const auto& c : chains)
        if (c.rows() != n || c.cols() != ncol)
            throw std::invalid_argument("summarize: chains differ in draws or columns");
    summary_table t;
    t.model_name = opt.model_name;
    t.chains = static_cast<int>(chains.size());
    t.draws_per_chain = static_cast<int>(n);
    t.warmup = opt.warmup;
    t.thin = opt.thin;
    t.max_depth = opt.max_depth;
    t.warmup_seconds = opt.warmup_seconds;
    t.sampling_seconds = opt.sampling_seconds;
    auto column = [&](Eigen::Index j) {
        Eigen::MatrixXd m(n, Eigen::Index(chains.size()));
        for (std::size_t c = 0; c < chains.size(); ++c) m.col(Eigen::Index(c)) = chains[c].col(j);
        return m;
    };
    auto index_of = [&](const std::string& name) -> Eigen::Index {
        for (Eigen::Index j = 0; j < ncol; ++j)
            if (columns[std::size_t(j)] == name) return j;
        return -1;
    };
    // Rows: lp__ (full), other "__" columns (location only), then parameters (full).
    std::vector<Eigen::Index> params;
    for (Eigen::Index j = 0; j < ncol; ++j) {
        const std::string& name = columns[std::size_t(j)];
        const bool diag = name.size() > 2 && name.compare(name.size() - 2, 2, "__") == 0;
        if (!diag) {
            params.push_back(j);
            continue;
        }
        t.rows.push_back(summarize_column(name, column(j), name == "lp__"));
    }
    t.first_parameter_row = t.rows.size();
    auto& v = t.verdict;
    char buf[256];
    for (Eigen::Index j : params) {
        const Eigen::MatrixXd m = column(j);
        t.rows.push_back(summarize_column(columns[std::size_t(j)], m));
        const auto& r = t.rows.back();
        if (m.allFinite() && m.maxCoeff() == m.minCoeff()) {
            v.notes.push_back(r.name + " is constant: no R_hat or ESS");
            continue;
        }
        if (!(r.rhat < opt.rhat_max)) {
            std::snprintf(buf, sizeof buf, "R_hat %.4g not below %.3g for %s", r.rhat, opt.rhat_max, r.name.c_str());
            v.failures.emplace_back(buf);
        }
        if (!(r.ess_bulk > opt.ess_min)) {
            std::snprintf(buf, sizeof buf, "ESS_bulk %.0f not above %.0f for %s", r.ess_bulk, opt.ess_min,
                          r.name.c_str());
            v.failures.emplace_back(buf);
        }
        if (!(r.ess_tail > opt.ess_min)) {
            std::snprintf(buf, sizeof buf, "ESS_tail %.0f not above %.0f for %s", r.ess_tail, opt.ess_min,
                          r.name.c_str());
            v.failures.emplace_back(buf);
        }
    }
    const Eigen::Index jdiv = index_of("divergent__"), jdepth = index_of("treedepth__"), jen = index_of("energy__");
    for (std::size_t c = 0; c < chains.size(); ++c) {
        const long d = jdiv >= 0 ? std::lround(chains[c].col(jdiv).sum()) : 0;
        v.divergences_per_chain.push_back(d);
        v.divergences += d;
        if (jdepth >= 0) v.treedepth_saturated += (chains[c].col(jdepth).array() >= opt.max_depth).count();
        if (jen >= 0) {
            const double e = ebfmi(chains[c].col(jen));
            v.ebfmi.push_back(e);
            if (!(e > opt.ebfmi_min)) {
                std::snprintf(buf, sizeof buf, "E-BFMI %.3g not above %.2g in chain %zu", e, opt.ebfmi_min, c + 1);
                v.failures.emplace_back(buf);
            }
        }
    }
    if (v.divergences > 0) {
        std::string s = std::to_string(v.divergences) + " divergent transitions (";
        for (std::size_t c = 0; c < chains.size(); ++c)
            s += (c ? ", " : "") + std::string("chain ") + std::to_string(c + 1) + ": " +
                 std::to_string(v.divergences_per_chain[c]);
        v.failures.push_back(s + ")");
    }
    if (jdiv < 0 || jen < 0) v.failures.emplace_back("no divergent__ / energy__ columns: not a NUTS run");
    if (v.treedepth_saturated > 0)
        v.notes.push_back(std::to_string(v.treedepth_saturated) + " iterations hit the maximum tree depth " +
                          std::to_string(opt.max_depth) + " (efficiency, not validity)");
    v.ok = v.failures.empty();
    return t;
}

/// Summary of a run (its sampling iterations).
inline summary_table summarize(const sample_result& res) {
    summary_options opt;
    opt.model_name = res.model_name;
    opt.warmup = res.config.warmup;
    opt.max_depth = res.config.max_depth;
    std::vector<Eigen::MatrixXd> chains;
    for (const auto& c : res.chains) {
        chains.push_back(c.draws.bottomRows(c.draws.rows() - c.warmup_rows));
        opt.warmup_seconds.push_back(c.warmup_seconds);
        opt.sampling_seconds.push_back(c.sampling_seconds);
    }
    if (res.chains.empty()) throw std::invalid_argument("summarize: no chains");
    return summarize(res.chains[0].columns, chains, opt);
}

/// Summary of Stan CSV files read with read_stan_csv (one chain each).
inline summary_table summarize(const std::vector<stan_csv>& files) {
    if (files.empty()) throw std::invalid_argument("summarize: no Stan CSV files");
    summary_options opt;
    opt.model_name = files[0].model_name;
    opt.warmup = files[0].num_warmup;
    opt.thin = files[0].thin;
    opt.max_depth = files[0].max_depth;
    std::vector<Eigen::MatrixXd> chains;
    for (const auto& f : files) {
        if (f.chain.columns != files[0].chain.columns)
            throw input_error::in_file(f.path, "expected the same columns as " + files[0].path);
        const Eigen::Index n = f.chain.draws.rows() - f.chain.warmup_rows;
        if (n != files[0].chain.draws.rows() - files[0].chain.warmup_rows)
            throw input_error::in_file(f.path, "expected as many draws as " + files[0].path);
        if (n < 4) throw input_error::in_file(f.path, "expected at least 4 draws");
        chains.push_back(f.chain.draws.bottomRows(n));
        opt.warmup_seconds.push_back(f.chain.warmup_seconds);
        opt.sampling_seconds.push_back(f.chain.sampling_seconds);
    }
    return summarize(files[0].chain.columns, chains, opt);
}

} // namespace v0
} // namespace fwsize::mcmc
