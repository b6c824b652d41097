// Stan's windowed adaptation schedule and dual averaging recurrences.
#include <cmath>
#include <vector>

#include <fwsize/mcmc/stepsize_adaptation.hpp>
#include <fwsize/mcmc/windowed_adaptation.hpp>

#include "../../catch.hpp"

namespace {
std::vector<int> window_ends(int warmup) {
    fwsize::mcmc::windowed_adaptation w(warmup, 75, 50, 25);
    std::vector<int> ends;
    for (int i = 0; i < warmup; ++i) {
        if (w.end_of_window()) {
            ends.push_back(i);
            w.compute_next_window();
        }
        w.advance();
    }
    return ends;
}
} // namespace

TEST_CASE("window ends match Stan's unit-test values") {
    CHECK(window_ends(1000) == std::vector<int>{99, 149, 249, 449, 949});
    CHECK(window_ends(500) == std::vector<int>{99, 149, 249, 449});
    CHECK(window_ends(200) == std::vector<int>{99, 149});
    CHECK(window_ends(100) == std::vector<int>{89});
    CHECK(window_ends(19).empty());
}

TEST_CASE("dual averaging follows the recurrence and averages at the end") {
    fwsize::mcmc::stepsize_adaptation da;
    da.set_mu(std::log(10.0));
    double eps = 1;
    // Hand-computed first step: eta = 1/11, s = (0.8 - 0.5)/11, x = log 10 - s / 0.05
    da.learn_stepsize(eps, 0.5);
    const double s1 = 0.3 / 11.0, x1 = std::log(10.0) - s1 / 0.05;
    CHECK(eps == Approx(std::exp(x1)).epsilon(1e-14));
    double last = 0;
    da.learn_stepsize(eps, 1.7); // clipped to 1
    const double s2 = (1 - 1.0 / 12) * s1 + (0.8 - 1.0) / 12, x2 = std::log(10.0) - s2 * std::sqrt(2.0) / 0.05;
    CHECK(eps == Approx(std::exp(x2)).epsilon(1e-14));
    const double w2 = std::pow(2.0, -0.75);
    da.complete_adaptation(last);
    CHECK(last == Approx(std::exp((1 - w2) * x1 + w2 * x2)).epsilon(1e-14));
}
