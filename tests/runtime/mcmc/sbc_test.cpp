// Simulation-based calibration (Talts et al. 2018) on a small hierarchical negative-binomial
// model: ranks of the true parameters and log-likelihood among thinned posterior draws must be
// uniform (chi-square, 10 bins, p < 0.001 / quantities fails). Power: the same test must fail for
// a sampler that drops a Jacobian term, and for one that takes the last trajectory state instead
// of the multinomial draw.
#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include <fwsize/mcmc/chain_rng.hpp>
#include <fwsize/mcmc/sample.hpp>

#include "../../catch.hpp"
#include "test_models.hpp"

using namespace fwsize::mcmc;

namespace {
constexpr int groups = 2, per_group = 30, thin = 10, kept = 99, bins = 10;

struct sbc_outcome {
    std::vector<std::string> names;
    std::vector<double> p_values; ///< chi-square uniformity p per quantity
    [[nodiscard]] double min_p() const { return *std::min_element(p_values.begin(), p_values.end()); }
};

constexpr std::size_t nq = 3 + groups + 1; // a, s, z.1, z.2, phi, log_lik

/// Rank bin of each quantity for replicate r.
std::vector<int> sbc_replicate(int r, bool drop_jacobian, detail::nuts_fault fault) {
    fwsize::test::nb_hier model;
    {
        auto rng = make_chain_rng(20261122, 100000 + r); // prior and data stream, apart from the chains'
        boost::random::normal_distribution<double> n01;
        Eigen::VectorXd truth(3 + groups);
        truth[0] = 1 + n01(rng);
        truth[1] = std::log(0.5 * std::abs(n01(rng)));
        for (int g = 0; g < groups; ++g) truth[2 + g] = n01(rng);
        const double k = std::abs(n01(rng));
        truth[2 + groups] = -2 * std::log(k); // phi = 1 / k^2
        const double phi = std::exp(truth[2 + groups]);
        std::vector<std::vector<int>> y(groups);
        for (int g = 0; g < groups; ++g) {
            const double mu = std::exp(truth[0] + std::exp(truth[1]) * truth[2 + g]);
            for (int i = 0; i < per_group; ++i) { // NB2 = Poisson(Gamma(phi, mu / phi))
                const double lambda = boost::random::gamma_distribution<double>(phi, mu / phi)(rng);
                y[std::size_t(g)].push_back(lambda > 0 ? boost::random::poisson_distribution<int, double>(lambda)(rng)
                                                       : 0);
            }
        }
        model.set_data(y);
        std::vector<double> true_out;
        model.write_constrained(truth, true_out);

        fwsize::test::nb_hier fit_model = model;
        fit_model.drop_jacobian = drop_jacobian;
        sampler_config cfg;
        cfg.chains = 1;
        cfg.warmup = 200;
        cfg.draws = kept * thin;
        cfg.seed = std::uint64_t(r) + 1;
        cfg.refresh = 0;
        cfg.threads = 1;
        const auto res = detail::sample_impl(fit_model, cfg, "nb_hier", fault);
        const auto& d = res.chains[0].draws;
        std::vector<int> bin(nq);
        for (std::size_t j = 0; j < nq; ++j) {
            int rank = 0;
            for (int l = 0; l < kept; ++l)
                if (d(Eigen::Index(l * thin + thin - 1), Eigen::Index(7 + j)) < true_out[j]) ++rank;
            bin[j] = rank * bins / (kept + 1);
        }
        return bin;
    }
}

sbc_outcome run_sbc(int replicates, bool drop_jacobian, detail::nuts_fault fault) {
    // Replicates are independent (own streams), so two workers give the same counts as one.
    std::vector<std::vector<int>> bins_of(static_cast<std::size_t>(replicates));
    std::atomic<int> next{0};
    auto work = [&] {
        for (int r = next++; r < replicates; r = next++)
            bins_of[std::size_t(r)] = sbc_replicate(r, drop_jacobian, fault);
    };
    std::thread t1(work), t2(work);
    t1.join();
    t2.join();
    std::vector<std::vector<int>> counts(nq, std::vector<int>(bins, 0));
    for (const auto& b : bins_of)
        for (std::size_t j = 0; j < nq; ++j) ++counts[j][std::size_t(b[j])];
    sbc_outcome out;
    fwsize::test::nb_hier named;
    named.set_data(std::vector<std::vector<int>>(groups));
    out.names = named.parameter_names();
    const double expected = double(replicates) / bins;
    for (const auto& c : counts) {
        double chi2 = 0;
        for (int b : c) chi2 += (b - expected) * (b - expected) / expected;
        out.p_values.push_back(boost::math::cdf(boost::math::complement(boost::math::chi_squared(bins - 1), chi2)));
    }
    return out;
}

constexpr int replicates = 250;
constexpr double alpha = 0.001 / 6; // Bonferroni over the six quantities

void report(const sbc_outcome& o, const char* what) {
    std::string s = what;
    for (std::size_t j = 0; j < o.p_values.size(); ++j) s += "  " + o.names[j] + " p=" + std::to_string(o.p_values[j]);
    UNSCOPED_INFO(s);
    WARN(s);
}
} // namespace

TEST_CASE("SBC: the sampler is calibrated on a hierarchical NB model (all parameters and log_lik)") {
    const auto o = run_sbc(replicates, false, detail::nuts_fault::none);
    report(o, "correct sampler:");
    CHECK(o.min_p() >= alpha);
}

TEST_CASE("SBC has power: a dropped Jacobian term fails") {
    const auto o = run_sbc(replicates, true, detail::nuts_fault::none);
    report(o, "dropped Jacobian of log s:");
    CHECK(o.min_p() < alpha);
}

TEST_CASE("SBC has power: the last trajectory state instead of the multinomial draw fails") {
    const auto o = run_sbc(replicates, false, detail::nuts_fault::last_state);
    report(o, "last state of the trajectory:");
    CHECK(o.min_p() < alpha);
}
