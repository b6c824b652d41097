// Automatic parameterisation per series (fit_series.hpp): data-rich series (K >= 3 machines, each
// with >= 1 h of minute blocks and >= 200 events) get marginal minute effects, a centred machine
// level and a dense metric; everything else the small-data defaults; explicit choices win.
#include <cstdint>
#include <vector>

#include <fwsize/model/fit_series.hpp>

#include "../../catch.hpp"

using namespace fwsize;

namespace {
model::count_data machines(std::size_t k, std::size_t seconds, std::uint32_t every_nth_second_one) {
    model::count_data d;
    d.series = "tcp_new";
    for (std::size_t m = 0; m < k; ++m) {
        d.machine_ids.push_back(std::to_string(m)); // ("m" + ... trips GCC 12's -Wrestrict false positive)
        std::vector<std::uint32_t> c(seconds, 0);
        for (std::size_t s = 0; s < seconds; s += every_nth_second_one) c[s] = 1;
        d.counts.push_back(std::move(c));
    }
    return d;
}
} // namespace

TEST_CASE("automatic parameterisation follows the data, explicit choices win") {
    const model::fit_options defaults;
    const auto rich = machines(3, 3600, 10);         // 3 machines x 1 h, 360 events each
    const auto short_k = machines(3, 3600 - 60, 10); // one minute short of 1 h
    const auto sparse = machines(3, 3600, 20);       // 180 events each
    const auto few = machines(2, 8 * 3600, 10);      // K = 2
    CHECK(model::data_rich(rich));
    CHECK_FALSE(model::data_rich(short_k));
    CHECK_FALSE(model::data_rich(sparse));
    CHECK_FALSE(model::data_rich(few));

    auto [m, metric] = model::choose_parameterisation(rich, defaults);
    CHECK(m.effects == model::minute_effects::marginal);
    CHECK(m.machines == model::machine_level::centred);
    CHECK(metric == mcmc::metric_kind::dense_e);
    std::tie(m, metric) = model::choose_parameterisation(few, defaults);
    CHECK(m.effects == model::minute_effects::sampled);
    CHECK(m.machines == model::machine_level::noncentred);
    CHECK(metric == mcmc::metric_kind::diag_e);

    // Explicit settings are kept whatever the data.
    model::fit_options given;
    given.automatic = {false, false, false};
    given.model.effects = model::minute_effects::sampled;
    given.model.machines = model::machine_level::noncentred;
    given.sampler.metric = mcmc::metric_kind::diag_e;
    std::tie(m, metric) = model::choose_parameterisation(rich, given);
    CHECK(m.effects == model::minute_effects::sampled);
    CHECK(m.machines == model::machine_level::noncentred);
    CHECK(metric == mcmc::metric_kind::diag_e);
    // Mixed: only the machine level automatic.
    given.automatic = {false, true, false};
    std::tie(m, metric) = model::choose_parameterisation(rich, given);
    CHECK(m.machines == model::machine_level::centred);
    CHECK(m.effects == model::minute_effects::sampled);
    // And the fit records the variant it used in its model name.
    CHECK(model::model_name("tcp_new", model::choose_parameterisation(rich, defaults).first) ==
          "arrival_tcp_new_lognormal_centred_marginal");
}
