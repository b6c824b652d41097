// Randomised PIT: uniform under the true discrete law (KS p not small, central-interval coverage
// at nominal), where the plain PIT F(y) is not; the membership rule splits boundary atoms.
#include <cmath>
#include <vector>

#include <boost/math/distributions/poisson.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include "../../catch.hpp"

#include <fwsize/stats/ks_test.hpp>
#include <fwsize/stats/randomised_pit.hpp>

namespace fs = fwsize::stats;

TEST_CASE("randomised PIT of Poisson counts is uniform; the plain PIT is not", "[stats][pit]") {
    const double mu = 2.5; // small counts: big atoms, where randomisation matters
    const boost::math::poisson law(mu);
    boost::random::mt19937_64 eng(7);
    boost::random::poisson_distribution<int, double> draw(mu);
    boost::random::uniform_01<double> unif;
    const int n = 4000;
    std::vector<double> randomised, plain;
    int in50 = 0, in90 = 0;
    for (int i = 0; i < n; ++i) {
        const int y = draw(eng);
        const double below = y > 0 ? boost::math::cdf(law, y - 1) : 0.0, at = boost::math::cdf(law, y);
        const double u = fs::randomised_pit(below, at, unif(eng));
        REQUIRE(u >= below);
        REQUIRE(u <= at);
        randomised.push_back(u);
        plain.push_back(at);
        in50 += fs::central_interval_hit(u, 0.5);
        in90 += fs::central_interval_hit(u, 0.9);
    }
    CHECK(fs::ks_test_uniform(randomised).p_value > 0.01);
    CHECK(fs::ks_test_uniform(plain).p_value < 1e-10);
    const double se50 = std::sqrt(0.25 / n), se90 = std::sqrt(0.09 / n);
    CHECK(std::abs(in50 / double(n) - 0.5) < 4 * se50);
    CHECK(std::abs(in90 / double(n) - 0.9) < 4 * se90);
}

TEST_CASE("central_interval_hit and randomised_pit at the edges", "[stats][pit]") {
    CHECK(fs::randomised_pit(0.2, 0.6, 0.0) == 0.2);
    CHECK(fs::randomised_pit(0.2, 0.6, 1.0) == 0.6);
    CHECK(std::abs(fs::randomised_pit(0.2, 0.6, 0.5) - 0.4) < 1e-15);
    CHECK(fs::central_interval_hit(0.05, 0.9));
    CHECK(fs::central_interval_hit(0.95, 0.9));
    CHECK_FALSE(fs::central_interval_hit(0.0499, 0.9));
    CHECK_FALSE(fs::central_interval_hit(0.76, 0.5));
    CHECK_THROWS(fs::randomised_pit(0.7, 0.6, 0.5));
    CHECK_THROWS(fs::randomised_pit(0.1, 0.6, 1.5));
    CHECK_THROWS(fs::central_interval_hit(0.5, 1.0));
}
