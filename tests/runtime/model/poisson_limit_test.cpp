// Poisson data (phi = inf): the posterior of phi runs out to huge values, where rstan 2.21's NB2
// lost all precision (near phi ~ 1e14) and its chains stuck unless 1/sqrt(phi) was floored. Ours
// needs no floor: the chains reach phi beyond 1e6 and still mix (R-hat, ESS, no divergences), and
// the log density and its phi-gradient stay exact out to phi = 1e26.
#include <cmath>
#include <limits>

#include <boost/random/mersenne_twister.hpp>

#include "../../catch.hpp"
#include "../../support/arrival_fixture.hpp"
#include "../../support/finite_difference.hpp"

#include <fwsize/mcmc/sample.hpp>
#include <fwsize/mcmc/summary.hpp>
#include <fwsize/model/arrival_model.hpp>
#include <fwsize/model/simulate_arrivals.hpp>

using namespace fwsize;

TEST_CASE("Poisson data: no floor on 1/sqrt(phi), chains reach phi > 1e6 and mix", "[model][poisson]") {
    boost::random::mt19937_64 eng(2026);
    model::prior_draw p;
    p.hyper.alpha = 0.5;
    p.hyper.sigma_machine = 0.5;
    p.hyper.sigma_minute = 0.3;
    p.hyper.phi = std::numeric_limits<double>::infinity();
    for (double z : {-1.0, 0.2, 1.1}) p.machines.push_back({p.hyper.alpha + p.hyper.sigma_machine * z, 0});
    const auto data = model::simulate_counts(p, 30 * 60, eng);
    const model::arrival_model m(data, {model::minute_model::lognormal, model::machine_level::centred,
                                        model::minute_effects::sampled}); // the joint form this test was written for
    mcmc::sampler_config cfg;
    cfg.refresh = 0;
    cfg.threads = 2;
    const auto res = mcmc::sample(m, cfg, "poisson");
    const auto t = mcmc::summarize(res);
    double max_log_phi = -1e300;
    for (const auto& c : res.chains) max_log_phi = std::max(max_log_phi, c.draws.col(c.draws.cols() - 1).maxCoeff());
    const auto row = [&](const std::string& n) { return test::summary_row(t, n); };
    INFO("max log phi " << max_log_phi << ", log phi R-hat " << row("log_phi").rhat << " ESS "
                        << row("log_phi").ess_bulk);
    CHECK(max_log_phi > std::log(1e6));
    CHECK(t.verdict.divergences == 0);
    CHECK(row("log_phi").rhat < 1.01);
    CHECK(row("log_phi").ess_bulk > 400);
    CHECK(row("log_phi").ess_tail > 400);
    CHECK(row("alpha").rhat < 1.01);
}

TEST_CASE("log density along phi -> inf: gradient exact at phi = 1e14 and beyond", "[model][poisson]") {
    boost::random::mt19937_64 eng(7);
    model::prior_draw p;
    p.hyper.alpha = 1.0;
    p.hyper.phi = std::numeric_limits<double>::infinity();
    for (int k = 0; k < 3; ++k) p.machines.push_back({1.0, 0});
    const auto data = model::simulate_counts(p, 600, eng);
    const model::arrival_model m(data);
    Eigen::VectorXd q = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(m.dimension()), 0.1), g;
    double prev = -1e300;
    for (double v : {-6.0, -10.0, -16.0, -18.0, -20.0, -30.0}) { // phi = exp(-2v): 1.6e5 .. 1e26
        q[3] = v;
        const double lp = m.log_density(q, g);
        const double fd = fwsize::test::central_difference(m, q, 3, 1e-4);
        INFO("v=" << v << " lp " << lp << " d/dv " << g[3] << " fd " << fd);
        // d/dv = prior part (1 - u^2) + likelihood part -> 1 as phi -> inf, no noise
        CHECK(std::abs(g[3] - fd) <= 1e-6 * std::max(1.0, std::abs(fd)));
        CHECK(std::isfinite(lp));
        // without the Jacobian v and prior -u^2/2 what is left converges to the Poisson limit,
        // smoothly: no noise at 1e14 or 1e26
        const double ell = lp - v + std::exp(2 * v) / 2;
        if (v <= -20) CHECK(std::abs(ell - prev) < 1e-8 * std::abs(ell));
        prev = ell;
    }
}
