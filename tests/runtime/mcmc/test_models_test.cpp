// The test models' hand-written gradients agree with central differences, and the NB2 pmf with
// the reference values of sampler-reference.md §4.
#include <cmath>

#include <fwsize/mcmc/log_density_model.hpp>

#include "../../catch.hpp"
#include "test_models.hpp"

using namespace fwsize::test;

static_assert(fwsize::mcmc::log_density_model<iid_normal>);
static_assert(fwsize::mcmc::log_density_model<eight_schools_noncentered>);
static_assert(fwsize::mcmc::log_density_model<eight_schools_centered>);
static_assert(fwsize::mcmc::log_density_model<nb_hier>);

TEST_CASE("test-model gradients match central differences") {
    Eigen::VectorXd q(10);
    q << 1.3, 0.7, -0.4, 0.2, 1.1, -1.5, 0.3, 0.9, -0.8, 0.05;
    CHECK(gradient_error(eight_schools_noncentered{}, q) < 1e-6);
    CHECK(gradient_error(eight_schools_centered{}, q) < 1e-6);
    nb_hier nb;
    nb.set_data({{0, 3, 1, 7, 2}, {12, 0, 0, 4}});
    Eigen::VectorXd r(5);
    r << 0.8, -0.6, 0.4, -1.2, 0.9;
    CHECK(gradient_error(nb, r) < 1e-6);
    nb.drop_jacobian = true;
    CHECK(gradient_error(nb, r) < 1e-6);
}

TEST_CASE("NB2 log pmf and partials: reference values") {
    double de, dt;
    CHECK(nb_hier::nb2(3, std::log(2.5), std::log(1.7), de, dt) == Approx(-2.05350367193708).epsilon(1e-12));
    CHECK(de == Approx(0.202380952380952).epsilon(1e-12));
    CHECK(dt == Approx(0.349132470521978).epsilon(1e-12));
    CHECK(nb_hier::nb2(17, std::log(4.0), std::log(0.5), de, dt) == Approx(-5.09724739194087).epsilon(1e-12));
    CHECK(dt == Approx(-0.1446230039875).epsilon(1e-10));
    CHECK(nb_hier::nb2(5, std::log(3.0), std::log(1e8), de, dt) == Approx(-2.2944303044415).epsilon(1e-10));
    // A group equals the sum of its observations (reference: y = {0,0,1,3,0,2,7,1,0,4}, mu 1.8, phi 0.9).
    nb_hier m;
    m.set_data({{0, 0, 1, 3, 0, 2, 7, 1, 0, 4}});
    CHECK(nb_hier::nb2_group(m.data[0], std::log(1.8), std::log(0.9), de, dt) ==
          Approx(-18.2269576495387).epsilon(1e-12));
    CHECK(de == Approx(0).margin(1e-12));
    CHECK(dt == Approx(-0.133550186732835).epsilon(1e-10));
}
