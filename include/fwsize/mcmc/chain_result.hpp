// chain_result — the draws and final adaptation state of one chain.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

namespace fwsize::mcmc {
inline namespace v0 {

/// The seven sampler columns, in Stan CSV order, that precede the model's parameters.
inline const std::vector<std::string>& sampler_columns() {
    static const std::vector<std::string> cols{"lp__",         "accept_stat__", "stepsize__", "treedepth__",
                                               "n_leapfrog__", "divergent__",   "energy__"};
    return cols;
}

struct chain_result {
    /// lp__, accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__, then the
    /// model's parameter_names().
    std::vector<std::string> columns;
    /// One row per iteration x columns (constrained values). With save_warmup the first
    /// `warmup_rows` rows are the warmup iterations.
    Eigen::MatrixXd draws;
    double step_size = 0;
    /// Diagonal of the inverse metric (diag_e), or the dense inverse metric flattened column-major.
    Eigen::VectorXd inv_metric;
    double warmup_seconds = 0, sampling_seconds = 0;
    int chain_id = 1; ///< 1-based, as in Stan
    int warmup_rows = 0;
};

} // namespace v0
} // namespace fwsize::mcmc
