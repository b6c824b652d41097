// arrival_model: every partial against central finite differences at random points, for each
// minute model x machine level; the sufficient-statistics log density against the naive
// per-second sum; the model satisfies the sampler's concept.
#include <cmath>
#include <cstdint>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>

#include "../../catch.hpp"
#include "../../support/finite_difference.hpp"

#include <fwsize/mcmc/log_density_model.hpp>
#include <fwsize/model/arrival_model.hpp>
#include <fwsize/stats/nb2.hpp>

using namespace fwsize::model;

static_assert(fwsize::mcmc::log_density_model<arrival_model>);

namespace {

/// Bursty counts: 3 machines of unequal length (partial last minute), some large counts.
count_data test_data(std::uint64_t seed) {
    boost::random::mt19937_64 eng(seed);
    count_data d;
    d.series = "test";
    const std::size_t len[] = {150, 61, 200};
    for (std::size_t k = 0; k < 3; ++k) {
        d.machine_ids.push_back(
            std::string{'m', char('0' + k)}); // k < 10; "m" + to_string trips GCC 12 -Wrestrict at -O3
        std::vector<std::uint32_t> c(len[k]);
        for (std::size_t t = 0; t < len[k]; ++t) {
            const bool busy = (t / 60 + k) % 2 == 0;
            c[t] = static_cast<std::uint32_t>(rng(fwsize::stats::nb2(busy ? 3.0 : 0.05, 0.7), eng));
        }
        d.counts.push_back(std::move(c));
    }
    return d;
}

Eigen::VectorXd random_point(std::size_t dim, boost::random::mt19937_64& eng) {
    boost::random::normal_distribution<double> n(0, 0.8);
    Eigen::VectorXd q(static_cast<Eigen::Index>(dim));
    for (auto& x : q) x = n(eng);
    return q;
}

} // namespace

TEST_CASE("arrival model gradients agree with central finite differences", "[model][gradient]") {
    const auto data = test_data(7);
    boost::random::mt19937_64 eng(99);
    for (auto fx : {minute_effects::sampled, minute_effects::marginal})
        for (auto mm : {minute_model::lognormal, minute_model::two_state})
            for (auto ml : {machine_level::noncentred, machine_level::centred}) {
                const arrival_model m(data, {mm, ml, fx});
                for (int rep = 0; rep < 5; ++rep) {
                    Eigen::VectorXd q = random_point(m.dimension(), eng), g;
                    if (rep == 4) q[3] = -12; // phi = e^24: near-Poisson, as chains visit
                    const double lp = m.log_density(q, g);
                    REQUIRE(std::isfinite(lp));
                    for (Eigen::Index i = 0; i < q.size(); ++i) {
                        const double fd = fwsize::test::central_difference(m, q, i);
                        INFO("effects " << int(fx) << " minute model " << int(mm) << " machine level " << int(ml)
                                        << " rep " << rep << " coordinate " << i << " analytic " << g[i] << " fd "
                                        << fd);
                        // mixed tolerance (some partials are exactly 0); FD roundoff ~ |lp| 1e-16 / h
                        CHECK(std::abs(g[i] - fd) <= 1e-6 * std::max({1.0, std::abs(fd), std::abs(lp) * 1e-4}));
                    }
                }
            }
}

TEST_CASE("sufficient-statistics log density equals the per-second sum to 1e-10", "[model][suffstats]") {
    const auto data = test_data(11);
    boost::random::mt19937_64 eng(5);
    for (auto mm : {minute_model::lognormal, minute_model::two_state})
        for (auto ml : {machine_level::noncentred, machine_level::centred}) {
            const arrival_model m(data, {mm, ml, minute_effects::sampled});
            for (int rep = 0; rep < 5; ++rep) {
                Eigen::VectorXd q = random_point(m.dimension(), eng), g;
                if (rep == 4) q[3] = -9;
                const double fast = m.log_density(q, g), slow = m.log_density_per_second(q, data);
                INFO("fast " << fast << " slow " << slow);
                CHECK(std::abs(fast - slow) <= 1e-10 * std::abs(slow));
            }
        }
}

TEST_CASE("marginal log density equals the per-second sum integrated by a dense trapezoid rule", "[model][suffstats]") {
    // The Gauss-Hermite marginal (31 nodes) against an independent oracle: per-second lpmf sums
    // of each block integrated over its minute effect by dense trapezoid rules. 9 blocks at random
    // points (sigma_minute up to ~5, phi down to ~0.04): the quadrature error per block is at most
    // ~1e-4 there (measured); a wrong term or Jacobian moves the sum by O(1).
    const auto data = test_data(11);
    boost::random::mt19937_64 eng(6);
    for (auto mm : {minute_model::lognormal, minute_model::two_state})
        for (auto ml : {machine_level::noncentred, machine_level::centred}) {
            const arrival_model m(data, {mm, ml, minute_effects::marginal});
            REQUIRE(m.dimension() == (mm == minute_model::two_state ? 7u + 6u : 4u + 3u));
            for (int rep = 0; rep < 6; ++rep) {
                Eigen::VectorXd q = random_point(m.dimension(), eng), g;
                if (rep == 4) q[3] = -9;            // near-Poisson
                if (rep == 5) q[2] = std::log(2.5); // wide minute effects
                const double fast = m.log_density(q, g), slow = m.log_density_per_second(q, data);
                INFO("rep " << rep << " fast " << fast << " slow " << slow << " diff " << fast - slow);
                CHECK(std::abs(fast - slow) <= 1e-3);
            }
        }
}

TEST_CASE("marginal model groups equal (machine, n, S) blocks without changing the density", "[model]") {
    // Machine 2 repeats one minute pattern: its blocks collapse into one group.
    count_data d;
    d.series = "groups";
    d.machine_ids = {"a", "b"};
    d.counts.push_back(std::vector<std::uint32_t>(180, 0));
    for (std::size_t t = 0; t < 180; t += 7) d.counts[0][t] = 2;
    d.counts.push_back(std::vector<std::uint32_t>(240, 0));
    for (std::size_t t = 0; t < 240; t += 60) d.counts[1][t] = 5;
    const arrival_model m(d, {minute_model::lognormal, machine_level::noncentred, minute_effects::marginal});
    CHECK(m.marginal());
    CHECK(m.blocks() == 7);
    CHECK(m.distinct_blocks() < m.blocks());
    Eigen::VectorXd q(m.dimension()), g;
    q << -1, 0.2, -0.3, 0.1, 0.5, -0.5;
    const double lp = m.log_density(q, g);
    CHECK(std::abs(lp - m.log_density_per_second(q, d)) <= 1e-4);
}

TEST_CASE("arrival model layout and names follow the Stan program", "[model]") {
    const auto data = test_data(3);
    const arrival_model ln(data, {minute_model::lognormal, machine_level::noncentred, minute_effects::sampled}),
        ts(data, {minute_model::two_state, machine_level::noncentred, minute_effects::sampled});
    const arrival_model mg(data, {minute_model::lognormal, machine_level::noncentred, minute_effects::marginal});
    CHECK(!arrival_model(data).marginal()); // sampled is the default
    CHECK(mg.dimension() == 4 + 3);
    CHECK(mg.parameter_names().size() == 4 + 3 + 1);
    CHECK(mg.parameter_names()[6] == "z_machine.3");
    // blocks: 3 + 2 + 4 (partial minutes included)
    CHECK(ln.blocks() == 9);
    CHECK(ln.dimension() == 4 + 3 + 9);
    CHECK(ts.dimension() == 7 + 6 + 9);
    const auto names = ln.parameter_names();
    REQUIRE(names.size() == ln.dimension() + 1);
    CHECK(names[0] == "alpha");
    CHECK(names[3] == "phi");
    CHECK(names[4] == "z_machine.1");
    CHECK(names[7] == "z_minute.1");
    CHECK(names.back() == "log_phi");
    Eigen::VectorXd q = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(ln.dimension()));
    q[3] = -1.5; // phi = e^3
    std::vector<double> out;
    ln.write_constrained(q, out);
    REQUIRE(out.size() == names.size());
    CHECK(std::abs(out[3] - std::exp(3.0)) < 1e-12);
    CHECK(std::abs(out.back() - 3.0) < 1e-15);
    CHECK(ts.parameter_names().size() == ts.dimension() + 1);
}
