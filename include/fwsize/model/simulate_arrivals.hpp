// simulate_arrivals — per-second counts of one machine from the arrival model, given a draw of the
// hyperparameters and the machine's own effects; and a whole data set drawn from the prior (for
// simulation-based calibration and benchmarks).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/normal_distribution.hpp>

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/model/count_data.hpp>
#include <fwsize/stats/nb2.hpp>
#include <fwsize/stats/nb2_sampler.hpp>

namespace fwsize::model {
inline namespace v0 {

/// One machine: its log level alpha + sigma_machine*z_k and (two-state) its idle probability pi_k.
struct machine_effect {
    double level = 0;
    double idle_probability = 0;
};

/// Counts of `seconds` seconds with fresh minute effects (and, two-state, fresh idle/active states).
template <class Engine>
std::vector<std::uint32_t> simulate_machine(const arrival_draw& d, const machine_effect& m, std::size_t seconds,
                                            std::uint32_t seconds_per_block, Engine& eng) {
    std::vector<std::uint32_t> y(seconds);
    boost::random::normal_distribution<double> normal(0, 1);
    for (std::size_t t0 = 0; t0 < seconds; t0 += seconds_per_block) {
        double eta = m.level + d.sigma_minute * normal(eng);
        if (d.two_state && boost::random::bernoulli_distribution<double>(m.idle_probability)(eng)) eta = d.alpha_idle;
        // a rate below 1e-300 is zero for every purpose; nb2 wants mu > 0
        const stats::nb2_sampler draw(stats::nb2(std::max(std::exp(eta), 1e-300), d.phi));
        for (std::size_t t = t0; t < std::min(seconds, t0 + seconds_per_block); ++t) {
            const auto v = draw(eng);
            y[t] = static_cast<std::uint32_t>(std::min<std::uint64_t>(v, UINT32_MAX));
        }
    }
    return y;
}

/// A prior draw of the hyperparameters and machine effects, as in arrival_model.
struct prior_draw {
    arrival_draw hyper;
    std::vector<machine_effect> machines;
};

template <class Engine>
prior_draw draw_prior(std::size_t machines, bool two_state, Engine& eng) {
    boost::random::normal_distribution<double> normal(0, 1);
    prior_draw p;
    auto& h = p.hyper;
    h.alpha = 2 * normal(eng);
    h.sigma_machine = std::abs(normal(eng));
    h.sigma_minute = std::abs(normal(eng));
    const double u = std::abs(normal(eng));
    h.phi = 1 / (u * u);
    h.two_state = two_state;
    if (two_state) {
        h.alpha_idle = h.alpha - std::exp(1 + normal(eng));
        h.idle_logit_mean = 1.5 * normal(eng);
        h.idle_logit_sd = std::abs(normal(eng));
    }
    for (std::size_t k = 0; k < machines; ++k) {
        machine_effect m;
        m.level = h.alpha + h.sigma_machine * normal(eng);
        if (two_state) m.idle_probability = 1 / (1 + std::exp(-(h.idle_logit_mean + h.idle_logit_sd * normal(eng))));
        p.machines.push_back(m);
    }
    return p;
}

/// Counts of every machine of a prior_draw, `seconds` each.
template <class Engine>
count_data simulate_counts(const prior_draw& p, std::size_t seconds, Engine& eng,
                           std::uint32_t seconds_per_block = 60) {
    count_data d;
    d.series = "simulated";
    d.seconds_per_block = seconds_per_block;
    for (std::size_t k = 0; k < p.machines.size(); ++k) {
        d.machine_ids.push_back("sim" + std::to_string(k + 1));
        d.counts.push_back(simulate_machine(p.hyper, p.machines[k], seconds, seconds_per_block, eng));
    }
    return d;
}

} // namespace v0
} // namespace fwsize::model
