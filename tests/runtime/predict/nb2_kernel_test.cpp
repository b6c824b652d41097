// add_nb2 walks the NB2 PMF out from its mode by the ratio p(k+1)/p(k) (one division per bin).
// Oracle: Boost.Math's negative_binomial / poisson pdf and cdf, bin by bin, from tiny to huge mu
// and from phi = 0.05 (the bundled captures' posterior) to the Poisson limit. The old two-division
// ratio agreed with these to the same tolerance.
#include <fwsize/predict/detail/nb2_kernel.hpp>

#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/poisson.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "../../catch.hpp"

namespace pd = fwsize::predict::detail;

namespace {
double pdf(double k, double mu, double phi) {
    if (!std::isfinite(phi)) return boost::math::pdf(boost::math::poisson(mu), k);
    return boost::math::pdf(boost::math::negative_binomial(phi, phi / (mu + phi)), k);
}
double cdf(double k, double mu, double phi) {
    if (!std::isfinite(phi)) return boost::math::cdf(boost::math::poisson(mu), k);
    return boost::math::cdf(boost::math::negative_binomial(phi, phi / (mu + phi)), k);
}
} // namespace

TEST_CASE("add_nb2: every bin is Boost.Math's NB2 pmf, the stop leaves less than the cutoff") {
    const double inf = std::numeric_limits<double>::infinity();
    // (Not phi = 1e6: there Boost's own pdf is off by up to 4e-9 relative against 40-digit
    // arithmetic; add_nb2 takes only its mode value from Boost.)
    for (double phi : {0.05, 0.5, 1.0, 30.0, 2000.0, inf})
        for (double mu : {0.01, 0.3, 5.0, 300.0, 6000.0}) {
            INFO("mu " << mu << ", phi " << phi);
            const double weight = 0.25, cutoff = 1e-22;
            std::vector<double> out(8192, 0.0);
            const double placed = pd::add_nb2(out, mu, phi, weight, cutoff);
            double written = 0, worst = 0;
            std::size_t last = 0;
            for (std::size_t k = 0; k < out.size(); ++k) {
                if (out[k] == 0) continue;
                last = k;
                written += out[k];
                const double want = weight * pdf(static_cast<double>(k), mu, phi);
                if (want > 1e-290) worst = std::max(worst, std::abs(out[k] - want) / want);
            }
            CHECK(worst < 1e-9); // Boost's pdf itself is good to ~1e-11 relative here (40-digit check)
            CHECK(written == Approx(weight * placed).epsilon(1e-14));
            // What was not written: above the last bin (less than the cutoff unless the window
            // ended first) and below the first (the downward walk stops on the same bound).
            const double above = weight * (1 - cdf(static_cast<double>(last), mu, phi));
            if (last + 1 < out.size()) CHECK(above < 2 * cutoff + 1e-15 * weight);
            CHECK(weight - written == Approx(above).margin(2 * cutoff + 1e-12 * weight));
        }
}
