// nb2_sampler against the NB2 pmf itself (chi-square goodness of fit over 200 000 draws), on both
// of its paths (inversion for small means, the gamma–Poisson mixture above) and in the Poisson limit.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/random/mersenne_twister.hpp>

#include "../../catch.hpp"
#include <fwsize/stats/nb2_sampler.hpp>

using namespace fwsize::stats;

namespace {
/// p-value of Pearson's chi-square over the counts 0..K-1 and a pooled tail, cells with expected >= 5.
double chi_square_p(const nb2& d, const std::vector<std::uint64_t>& hist, std::uint64_t draws) {
    double stat = 0, tail_obs = 0, tail_exp = 1;
    int cells = 0;
    for (std::size_t k = 0; k < hist.size(); ++k) {
        const double e = std::exp(lpmf(d, k)) * static_cast<double>(draws);
        if (e < 5) {
            tail_obs += static_cast<double>(hist[k]);
            continue;
        }
        stat += (static_cast<double>(hist[k]) - e) * (static_cast<double>(hist[k]) - e) / e;
        tail_exp -= e / static_cast<double>(draws);
        ++cells;
    }
    tail_exp *= static_cast<double>(draws);
    stat += (tail_obs - tail_exp) * (tail_obs - tail_exp) / tail_exp;
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared(cells), stat));
}
} // namespace

TEST_CASE("nb2_sampler draws follow the NB2 pmf on both paths", "[stats][nb2]") {
    const double inf = std::numeric_limits<double>::infinity();
    boost::random::mt19937_64 eng(7);
    for (auto [mu, phi] : {std::pair{0.15, 0.6}, std::pair{2.5, 0.05}, std::pair{9.0, 3.0}, std::pair{3.0, inf},
                           std::pair{15.9, 1e6}, std::pair{40.0, 2.0}}) {
        const nb2 d(mu, phi);
        const nb2_sampler draw(d);
        const std::uint64_t n = 200000;
        std::vector<std::uint64_t> hist(4000, 0);
        double s = 0;
        for (std::uint64_t i = 0; i < n; ++i) {
            const auto y = draw(eng);
            s += static_cast<double>(y);
            if (y < hist.size()) ++hist[y];
        }
        const double p = chi_square_p(d, hist, n);
        INFO("mu " << mu << " phi " << phi << " mean " << s / double(n) << " chi-square p " << p);
        CHECK(p > 1e-4);
        CHECK(std::abs(s / double(n) - mu) < 5 * std::sqrt(variance(d) / double(n)));
    }
}

TEST_CASE("nb2_sampler detects a wrong law (the test has power)", "[stats][nb2]") {
    boost::random::mt19937_64 eng(8);
    const nb2_sampler draw(nb2(2.0, 1.0));
    std::vector<std::uint64_t> hist(4000, 0);
    for (int i = 0; i < 200000; ++i) ++hist[std::min<std::uint64_t>(draw(eng), 3999)];
    CHECK(chi_square_p(nb2(2.0, 1.2), hist, 200000) < 1e-6);
}
