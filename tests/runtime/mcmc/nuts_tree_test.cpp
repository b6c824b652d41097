// Tree building with a mock system (Stan's base_nuts_test): zero gradient, q += eps p, H constant,
// so every state has the same weight and no U-turn ever happens.
#include <cmath>

#include <fwsize/mcmc/chain_rng.hpp>
#include <fwsize/mcmc/nuts.hpp>

#include "../../catch.hpp"

namespace {
struct mock_point {
    Eigen::VectorXd q, p;
    double v = 0;
};
struct mock_system {
    using point = mock_point;
    double h = 0; // constant Hamiltonian
    double H(const point&) const { return h; }
    Eigen::VectorXd dtau_dp(const point& z) const { return z.p; }
    void evolve(point& z, double eps) const { z.q += eps * z.p; }
    template <class Rng>
    void sample_p(point& z, Rng&) const {
        z.p = Eigen::VectorXd::Constant(z.q.size(), 1.0);
    }
    void update_potential(point&) const {}
};
} // namespace

TEST_CASE("depth-3 subtree: 8 leapfrogs, rho = (n+1) p0, log W = H0 - H + log n") {
    mock_system sys;
    auto rng = fwsize::mcmc::make_chain_rng(1, 1);
    fwsize::mcmc::nuts<mock_system, fwsize::mcmc::chain_rng> k(sys, rng);
    k.set_stepsize_for_test(1.0);
    auto& z = k.current();
    z.q = Eigen::VectorXd::Zero(2);
    z.p = Eigen::VectorXd::Constant(2, 1.0);
    const Eigen::VectorXd p0 = z.p;
    mock_point prop = z;
    Eigen::VectorXd ps_beg(2), ps_end(2), rho = z.p, p_beg(2), p_end(2);
    const double h0 = 0.1;
    int n = 0;
    double lsw = -INFINITY, metro = 0;
    const bool valid = k.build_tree(3, prop, ps_beg, ps_end, rho, p_beg, p_end, h0, 1.0, n, lsw, metro);
    CHECK(valid);
    CHECK(n == 8);
    CHECK(rho.isApprox((n + 1) * p0));
    CHECK(lsw == Approx(h0 + std::log(8.0)).epsilon(1e-14));
    CHECK(metro == 8.0);
    CHECK(k.current().q.isApprox(Eigen::VectorXd::Constant(2, 8.0))); // 8 unit steps
    CHECK(!k.divergent());
}

TEST_CASE("max depth: 2^max - 1 leapfrogs and accept_stat 1") {
    mock_system sys;
    auto rng = fwsize::mcmc::make_chain_rng(2, 1);
    fwsize::mcmc::nuts<mock_system, fwsize::mcmc::chain_rng> k(sys, rng);
    for (int max_depth : {1, 4, 10}) {
        k.max_depth = max_depth;
        mock_point z{Eigen::VectorXd::Zero(3), Eigen::VectorXd::Zero(3), 0};
        const auto t = k.transition(z);
        CHECK(t.treedepth == max_depth);
        CHECK(t.n_leapfrog == (1 << max_depth) - 1);
        CHECK(t.accept_stat == 1.0);
        CHECK(!t.divergent);
    }
}

TEST_CASE("a divergent first step ends the transition at depth 0") {
    mock_system sys;
    struct diverging : mock_system {
        mutable int calls = 0;
        double H(const point& z) const { return z.q.norm() > 0.5 ? 2000.0 : 0.0; }
    } dsys;
    auto rng = fwsize::mcmc::make_chain_rng(3, 1);
    fwsize::mcmc::nuts<diverging, fwsize::mcmc::chain_rng> k(dsys, rng);
    mock_point z{Eigen::VectorXd::Zero(2), Eigen::VectorXd::Zero(2), 0};
    const auto t = k.transition(z);
    CHECK(t.divergent);
    CHECK(t.treedepth == 0);
    CHECK(t.n_leapfrog == 1);
    CHECK(z.q.isZero()); // the divergent state is never selected
    CHECK(t.accept_stat == Approx(std::exp(-2000.0)).margin(1e-300));
}

TEST_CASE("a U-turn stops the tree: harmonic oscillator half period") {
    // Exact rotation: q' = p, p' = -q with period 2 pi; with eps = pi/4 a full U-turn happens
    // within 4 steps each way, so the tree must stop well below max depth.
    struct rot_system : mock_system {
        void evolve(point& z, double eps) const {
            const Eigen::VectorXd q = z.q, p = z.p;
            z.q = std::cos(eps) * q + std::sin(eps) * p;
            z.p = -std::sin(eps) * q + std::cos(eps) * p;
        }
    } sys;
    auto rng = fwsize::mcmc::make_chain_rng(4, 1);
    fwsize::mcmc::nuts<rot_system, fwsize::mcmc::chain_rng> k(sys, rng);
    k.nominal_stepsize = M_PI / 4;
    mock_point z{Eigen::VectorXd::Zero(1), Eigen::VectorXd::Zero(1), 0};
    const auto t = k.transition(z);
    CHECK(t.treedepth <= 3);
    CHECK(t.n_leapfrog <= 7);
}
