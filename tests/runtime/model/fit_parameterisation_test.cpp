// Automatic parameterisation per series (fit_series.hpp): data-rich series (K >= 3 machines, each
// with >= 1 h of minute blocks and >= 100 events) get marginal minute effects, a centred machine
// level and a dense metric, and start from the Laplace approximation; everything else the
// small-data defaults; explicit choices win.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/random/mersenne_twister.hpp>

#include <fwsize/model/fit_series.hpp>
#include <fwsize/model/simulate_arrivals.hpp>

#include "../../catch.hpp"
#include "../../support/arrival_fixture.hpp"

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
    const auto sparse = machines(3, 3600, 40);       // 90 events each
    const auto few = machines(2, 8 * 3600, 10);      // K = 2
    CHECK(model::data_rich(rich));
    CHECK_FALSE(model::data_rich(short_k));
    CHECK_FALSE(model::data_rich(sparse));
    CHECK(model::data_rich(machines(3, 3600, 36)));       // exactly 100 events each: the floor
    CHECK_FALSE(model::data_rich(machines(3, 3600, 37))); // 98
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

TEST_CASE("the integrated form starts from its Laplace approximation and samples the same posterior") {
    boost::random::mt19937_64 eng(5);
    const auto p = test::three_machine_truth();
    auto data = model::simulate_counts(p, 3600, eng); // K = 3 x 1 h: data-rich
    data.series = "tcp_new";
    REQUIRE(model::data_rich(data));
    model::fit_options opt;
    opt.sampler.refresh = 0;
    opt.sampler.threads = 2;
    const auto with = model::fit_series({data}, opt).front(); // chains on both threads
    opt.laplace_start = false;
    const auto without = model::fit_series({data}, opt).front();
    REQUIRE(with.result.config.start.has_value());
    CHECK_FALSE(without.result.config.start.has_value());
    CHECK(with.result.config.adapt_window == 100);
    CHECK(without.result.config.adapt_window == 25);
    // The start is the mode: the log density's gradient vanishes there.
    const model::arrival_model m(data, model::choose_parameterisation(data, opt).first);
    Eigen::VectorXd g;
    m.log_density(with.result.config.start->mean, g);
    CHECK(g.cwiseAbs().maxCoeff() < 1e-3);
    for (const char* n : {"alpha", "sigma_machine", "sigma_minute", "log_phi", "z_machine.1", "z_machine.3"}) {
        const auto x = test::summary_row(with.summary, n), y = test::summary_row(without.summary, n);
        INFO(n << ": Laplace start " << x.mean << " (mcse " << x.mcse << "), Stan's start " << y.mean << " (mcse "
               << y.mcse << ")");
        CHECK(std::abs(x.mean - y.mean) <= 4 * std::sqrt(x.mcse * x.mcse + y.mcse * y.mcse));
    }
    CHECK(with.summary.verdict.ok);
}

TEST_CASE("few machines: a failing centred fit is refit non-centred at 0.999 and the better run kept") {
    boost::random::mt19937_64 eng(9);
    const auto p = test::three_machine_truth();
    auto data = model::simulate_counts(p, 3600, eng); // K = 3 x 1 h: data-rich, so centred first
    data.series = "tcp_new";
    REQUIRE(model::data_rich(data));
    model::fit_options opt;
    opt.sampler.refresh = 0;
    opt.sampler.threads = 2;
    // 4 x 60 draws cannot reach a bulk ESS of 400: every run fails, so the refit must happen.
    opt.sampler.warmup = 150;
    opt.sampler.draws = 60;
    const auto f = model::fit_series({data}, opt).front();
    REQUIRE_FALSE(f.summary.verdict.ok);
    // The centred runs (first, refit after divergences), then the non-centred one at 0.999.
    std::size_t nc = 0;
    while (nc < f.attempts.size() && f.attempts[nc].variant.empty()) ++nc;
    REQUIRE(nc >= 1);
    REQUIRE(nc < f.attempts.size());
    const auto& refit = f.attempts[nc];
    CHECK(refit.variant == "non-centred");
    CHECK(refit.adapt_delta == 0.999);
    CHECK(model::describe(f.attempts).find("refit non-centred at adapt_delta 0.999") != std::string::npos);
    // Kept: the run with fewer divergences (neither passes), and the fit says which variant it is.
    const long centred_div = f.attempts[nc - 1].divergences;
    const bool kept_noncentred = refit.divergences < centred_div;
    CHECK((f.model.machines == model::machine_level::noncentred) == kept_noncentred);
    if ((kept_noncentred ? refit.divergences : centred_div) == 0) {
        // Sound but short chains: once more with twice the draws, and that run is the result.
        REQUIRE(f.attempts.size() == nc + 2);
        CHECK(f.attempts.back().variant == (kept_noncentred ? "non-centred, 2x the draws," : "2x the draws,"));
        CHECK(f.attempts.back().adapt_delta == f.attempts[kept_noncentred ? nc : nc - 1].adapt_delta);
        CHECK(f.result.config.draws == 120);
        CHECK(f.summary.verdict.divergences == f.attempts.back().divergences);
    } else {
        CHECK(f.attempts.size() == nc + 1);
        CHECK(f.result.config.draws == 60);
        CHECK(f.summary.verdict.divergences == (kept_noncentred ? refit.divergences : centred_div));
    }
    CHECK(f.result.model_name == model::model_name("tcp_new", f.model)); // the Stan CSV names the variant kept
    bool noted = false;
    for (const auto& n : f.summary.verdict.notes) noted = noted || n.find("few machines") != std::string::npos;
    CHECK(noted);

    // Off, or with the machine level given explicitly: no such refit; the longer run, when a
    // fit fails with no divergence, is its own switch.
    opt.noncentred_refit_adapt_delta = 0;
    opt.longer_run_factor = 1;
    const auto off = model::fit_series({data}, opt).front();
    for (const auto& a : off.attempts) CHECK(a.variant.empty());
    CHECK(off.model.machines == model::machine_level::centred);
    CHECK(off.result.config.draws == 60);
}
