// predict_new_sessions — new sessions per second for offices of N users from posterior draws of
// the `new` arrival model, with an optional office-wide shock share rho (design.md §5), and the
// small sensitivity table over rho.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/predict/office_shock_pmf.hpp>
#include <fwsize/predict/predict_quantity.hpp>

namespace fwsize::predict {
inline namespace v0 {

inline quantity_prediction predict_new_sessions(std::span<const model::arrival_draw> draws, prediction_options opt = {},
                                                double rho = 0.0, const office_shock_options& shock = {}) {
    opt.periods_per_hour = 3600; // a per-second quantity
    return summarise_n_user(
        "new_per_second", draws.size(),
        [&](std::size_t i) { return n_user_pmf_with_shock(draws[i], opt.users, rho, opt.one_user, opt.n_user, shock); },
        opt);
}

struct shock_scenario {
    double rho = 0;
    quantity_prediction prediction;
};

/// The same prediction under each office-wide shock share (default: 0.1 and 0.3).
inline std::vector<shock_scenario> shock_sensitivity(std::span<const model::arrival_draw> draws,
                                                     const prediction_options& opt = {},
                                                     std::vector<double> rhos = {0.1, 0.3},
                                                     const office_shock_options& shock = {}) {
    std::vector<shock_scenario> out;
    for (double rho : rhos) out.push_back({rho, predict_new_sessions(draws, opt, rho, shock)}); // draws in parallel
    return out;
}

} // namespace v0
} // namespace fwsize::predict
