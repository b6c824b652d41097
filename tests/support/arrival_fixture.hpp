// Fixtures the arrival-model tests share: one fixed set of true hyperparameters for three machines,
// and a summary row looked up by name.
#pragma once

#include <string>

#include <fwsize/mcmc/summary.hpp>
#include <fwsize/model/simulate_arrivals.hpp>

#include "../catch.hpp"

namespace fwsize::test {

/// alpha -0.7, sigma_machine 0.6, sigma_minute 0.9, phi 0.8; machines at z = -0.8, 0.1, 1.0.
inline model::prior_draw three_machine_truth() {
    model::prior_draw p;
    p.hyper.alpha = -0.7;
    p.hyper.sigma_machine = 0.6;
    p.hyper.sigma_minute = 0.9;
    p.hyper.phi = 0.8;
    for (double z : {-0.8, 0.1, 1.0}) p.machines.push_back({p.hyper.alpha + p.hyper.sigma_machine * z, 0});
    return p;
}

/// The row of parameter `name` in `t`; fails the test when there is none.
inline mcmc::column_summary summary_row(const mcmc::summary_table& t, const std::string& name) {
    for (const auto& r : t.rows)
        if (r.name == name) return r;
    FAIL("no row " << name);
    return t.rows.front();
}

} // namespace fwsize::test
