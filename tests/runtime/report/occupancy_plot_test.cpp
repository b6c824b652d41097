// The occupancy chart's observed curve is the survival of a complete PMF: it must end by dropping
// to the frame's floor one past its support, not run on at its last value (a step line is drawn
// on to the right edge, as Kaplan–Meier with censoring needs).
#include "../../catch.hpp"

#include <vector>

#include <fwsize/report/detail/occupancy_plot.hpp>

namespace rep = fwsize::report;

TEST_CASE("occupancy chart: the observed survival drops to the floor one past its support") {
    rep::occupancy_comparison m;
    m.machine = "m";
    m.observed_pmf = {0.0, 0.25, 0.5, 0.25}; // occupancy 1..3
    m.predicted_pmf = {0.1, 0.2, 0.3, 0.2, 0.1, 0.1};
    const auto c = rep::detail::occupancy_chart(m);
    const rep::detail::chart_line* observed = nullptr;
    for (const auto& l : c.lines)
        if (l.label == "observed (replay)") observed = &l;
    REQUIRE(observed);
    // P(X > x) for x = 0, 1, 2 is 1, 0.75, 0.25; P(X > 3) = 0 is drawn at the floor at x = 4 - 1 + 1.
    REQUIRE(observed->y.size() == 4);
    CHECK(observed->y[0] == Approx(1.0));
    CHECK(observed->y[1] == Approx(0.75));
    CHECK(observed->y[2] == Approx(0.25));
    CHECK(observed->x[3] == 3.0);
    CHECK(observed->y[3] == c.y_min);
    CHECK(c.y_min < 0.25);
}
