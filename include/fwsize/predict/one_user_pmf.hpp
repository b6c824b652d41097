// one_user_pmf — the predictive PMF of a new user's count in one period (one second of the `new`
// series) for one posterior draw of the arrival model: NB2 mixed over the new user's machine and
// minute effects (and, in the two-state model, over idle and active minutes).
#pragma once

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/predict/eta_mixture.hpp>
#include <fwsize/predict/mixed_nb2_pmf.hpp>
#include <fwsize/predict/truncated_pmf.hpp>

namespace fwsize::predict {
inline namespace v0 {

/// `shock`, `rho`: see new_user_mixture; the default is the unconditional one-user PMF.
inline truncated_pmf one_user_pmf(const model::arrival_draw& d, const mixed_pmf_options& opt = {},
                                  double shock = 0.0, double rho = 0.0) {
    return mixed_nb2_pmf(new_user_mixture(d, shock, rho), opt);
}

} // namespace v0
} // namespace fwsize::predict
