// Simulation-based calibration (Talts et al. 2018) of the arrival models' hyperparameters on data
// drawn from the prior, K = 3 machines x 30 minutes: the rank of the true value among L = 19
// posterior draws (1 chain, 200 warmup, thinned by 5) must be uniform on {0..19} (chi^2 over 5
// bins of 4 ranks).
//
// Budget: R replicates per model (default 30, ~15-30 s of CPU per model; FWSIZE_SBC_REPS overrides
// for a thorough run, see docs/model.md). With R = 30 the chi^2 test (p < 0.001 / 12 after a
// Bonferroni correction over 3 variants x 4 quantities) catches gross miscalibration, e.g. a
// sampler that ignores the data for one hyperparameter or data the model does not describe (the
// power check below simulates with a third of phi and must fail).
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/random/mersenne_twister.hpp>

#include "../../catch.hpp"

#include <fwsize/mcmc/sample.hpp>
#include <fwsize/model/arrival_model.hpp>
#include <fwsize/model/simulate_arrivals.hpp>

using namespace fwsize;

namespace {

int replicates() {
    const char* e = std::getenv("FWSIZE_SBC_REPS");
    return e ? std::max(10, std::atoi(e)) : 30;
}

constexpr int L = 19, thin = 5, bins = 5;

/// Ranks of alpha, sigma_machine, sigma_minute, log phi. phi_factor != 1 simulates the data with
/// phi * phi_factor but ranks the drawn phi: data not from the model (the power check).
std::vector<std::vector<int>> sbc_ranks(model::arrival_model_options opt, int reps, double phi_factor,
                                        std::uint64_t seed) {
    const auto mm = opt.minutes;
    boost::random::mt19937_64 eng(seed);
    std::vector<std::vector<int>> ranks(4);
    for (int r = 0; r < reps; ++r) {
        auto p = model::draw_prior(3, mm == model::minute_model::two_state, eng);
        const double phi = p.hyper.phi;
        p.hyper.phi *= phi_factor;
        const auto data = model::simulate_counts(p, 30 * 60, eng);
        p.hyper.phi = phi;
        const model::arrival_model m(data, opt);
        mcmc::sampler_config cfg;
        cfg.chains = 1;
        cfg.warmup = 200;
        cfg.draws = L * thin;
        cfg.seed = seed * 1000 + static_cast<std::uint64_t>(r);
        cfg.adapt_delta = 0.9;
        cfg.refresh = 0;
        cfg.threads = 1;
        const auto res = mcmc::sample(m, cfg, "sbc");
        const auto& c = res.chains[0];
        const auto col = [&](const std::string& n) {
            for (std::size_t j = 0; j < c.columns.size(); ++j)
                if (c.columns[j] == n) return static_cast<Eigen::Index>(j);
            FAIL("no column " << n);
            return Eigen::Index{0};
        };
        const Eigen::Index cols[] = {col("alpha"), col("sigma_machine"), col("sigma_minute"), col("log_phi")};
        const double truth[] = {p.hyper.alpha, p.hyper.sigma_machine, p.hyper.sigma_minute, std::log(p.hyper.phi)};
        for (int q = 0; q < 4; ++q) {
            int rank = 0;
            for (int i = thin - 1; i < c.draws.rows(); i += thin) rank += c.draws(i, cols[q]) < truth[q];
            ranks[std::size_t(q)].push_back(rank);
        }
    }
    return ranks;
}

double chi2_p(const std::vector<int>& ranks) {
    std::vector<double> b(bins, 0);
    for (int r : ranks) b[std::size_t(r * bins / (L + 1))] += 1;
    const double e = static_cast<double>(ranks.size()) / bins;
    double x2 = 0;
    for (double v : b) x2 += (v - e) * (v - e) / e;
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(bins - 1), x2));
}

const char* names[] = {"alpha", "sigma_machine", "sigma_minute", "log_phi"};

} // namespace

TEST_CASE("SBC: log-normal minutes, ranks uniform", "[model][sbc]") {
    const auto ranks =
        sbc_ranks({model::minute_model::lognormal, model::machine_level::noncentred}, replicates(), 1, 1);
    for (int q = 0; q < 4; ++q) {
        const double p = chi2_p(ranks[std::size_t(q)]);
        INFO(names[q] << " chi2 p = " << p);
        CHECK(p > 0.001 / 12);
    }
}

TEST_CASE("SBC: two-state minutes, ranks uniform", "[model][sbc]") {
    const auto ranks =
        sbc_ranks({model::minute_model::two_state, model::machine_level::noncentred}, replicates(), 1, 2);
    for (int q = 0; q < 4; ++q) {
        const double p = chi2_p(ranks[std::size_t(q)]);
        INFO(names[q] << " chi2 p = " << p);
        CHECK(p > 0.001 / 12);
    }
}

TEST_CASE("SBC: log-normal minutes integrated out (the quadrature likelihood), ranks uniform", "[model][sbc]") {
    // Minute effects marginalised by adaptive Gauss-Hermite (what data-rich series use): a biased
    // quadrature would show in sigma_minute's or log phi's ranks.
    const auto ranks =
        sbc_ranks({model::minute_model::lognormal, model::machine_level::noncentred, model::minute_effects::marginal},
                  replicates(), 1, 4);
    for (int q = 0; q < 4; ++q) {
        const double p = chi2_p(ranks[std::size_t(q)]);
        INFO(names[q] << " chi2 p = " << p);
        CHECK(p > 0.001 / 12);
    }
}

TEST_CASE("SBC has power: data overdispersed beyond the model fails", "[model][sbc]") {
    // Counts simulated with phi/3 while the drawn phi is ranked: log phi's ranks pile up high.
    // (A shifted alpha prior is no test of power here: 5 400 seconds of data overrule the prior.)
    const auto ranks = sbc_ranks({model::minute_model::lognormal, model::machine_level::noncentred}, 20, 1.0 / 3, 3);
    const double p = chi2_p(ranks[3]);
    INFO("log_phi chi2 p = " << p);
    CHECK(p < 0.001 / 8);
}
