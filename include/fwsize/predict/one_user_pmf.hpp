// one_user_pmf — the predictive PMF of a new user's count in one period (one second of the `new`
// series) for one posterior draw of the arrival model: NB2 mixed over the new user's machine and
// minute effects (and, in the two-state model, over idle and active minutes).
#pragma once

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/predict/detail/simulation_moments.hpp>
#include <fwsize/predict/eta_mixture.hpp>
#include <fwsize/predict/mixed_nb2_pmf.hpp>
#include <fwsize/predict/truncated_pmf.hpp>

namespace fwsize::predict {
inline namespace v0 {

/// `shock`, `rho`: see new_user_mixture; the default is the unconditional one-user PMF.
inline truncated_pmf one_user_pmf(const model::arrival_draw& d, const mixed_pmf_options& opt = {}, double shock = 0.0,
                                  double rho = 0.0) {
    truncated_pmf f = mixed_nb2_pmf(new_user_mixture(d, shock, rho), opt);
    // Unconditionally the mean is a closed form (the window's tail included): pooled means are
    // then exact, not lower bounds, however heavy the tail.
    if (shock == 0.0 && rho == 0.0) f.exact_mean = detail::mean_arrival_rate_per_second(d);
    return f;
}

} // namespace v0
} // namespace fwsize::predict
