// The hand-written SVG charts: nice ticks, well-formed XML (checked by an independent small
// parser, itself tested on broken documents), axis labels present, names escaped; the
// Kaplan–Meier estimate and the model survival against hand computations.
#include "../../catch.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <fwsize/predict/detail/simulation_moments.hpp>
#include <fwsize/report/detail/holding_plot.hpp>
#include <fwsize/report/detail/occupancy_plot.hpp>
#include <fwsize/report/detail/ppc_plot.hpp>
#include <fwsize/report/detail/predictive_plot.hpp>
#include <fwsize/report/holding_curves.hpp>
#include <fwsize/report/write_report.hpp>

#include "sample_report.hpp"
#include "xml_check.hpp"

namespace rep = fwsize::report;
namespace d = fwsize::report::detail;

TEST_CASE("xml_problem rejects broken documents and accepts good ones") {
    using fwsize::test::xml_problem;
    CHECK(xml_problem("<svg a=\"1\"><g><text>x &amp; y</text></g></svg>").empty());
    CHECK(xml_problem("<?xml version=\"1.0\"?>\n<svg/>").empty());
    CHECK_FALSE(xml_problem("<svg><g></svg>").empty());
    CHECK_FALSE(xml_problem("<svg><text>a & b</text></svg>").empty());
    CHECK_FALSE(xml_problem("<svg a=1/>").empty());
    CHECK_FALSE(xml_problem("<svg a=\"1\" a=\"2\"/>").empty());
    CHECK_FALSE(xml_problem("<svg/><svg/>").empty());
    CHECK_FALSE(xml_problem("<svg a=\"<\"/>").empty());
    CHECK_FALSE(xml_problem("<svg>").empty());
}

TEST_CASE("nice ticks: 1-2-5 steps on linear axes, decades on log axes") {
    double lo = 0, hi = 97;
    d::nice_range(lo, hi, false);
    CHECK(lo == 0);
    CHECK(hi == 100);
    const auto t = d::ticks(d::axis_scale{lo, hi, false, 0, 1});
    CHECK(t == std::vector<double>{0, 20, 40, 60, 80, 100});
    lo = 0.003, hi = 420;
    d::nice_range(lo, hi, true);
    CHECK(lo == Approx(1e-3));
    CHECK(hi == Approx(1e3));
    const auto lt = d::ticks(d::axis_scale{lo, hi, true, 0, 1});
    REQUIRE(lt.size() == 7);
    CHECK(lt.front() == Approx(1e-3));
    CHECK(lt.back() == Approx(1e3));
    const auto few = d::ticks(d::axis_scale{1, 100, true, 0, 1});
    CHECK(few == std::vector<double>{1, 2, 5, 10, 20, 50, 100});
    CHECK(d::tick_label(1e6, true) == "1e6");
    CHECK(d::tick_label(250, false) == "250");
}

TEST_CASE("exact_number is the shortest round-trip text") {
    CHECK(d::exact_number(0.1) == "0.1");
    CHECK(d::exact_number(12) == "12");
    const double third = 1.0 / 3.0;
    CHECK(std::strtod(d::exact_number(third).c_str(), nullptr) == third);
    CHECK(d::short_number(3.14159) == "3.14");
    CHECK(d::short_number(123456) == "123456");
}

TEST_CASE("every plot of a report is well-formed SVG with its title and axis labels") {
    const auto r = fwsize::test::sample_report(12);
    const auto plots = rep::report_plots(r);
    // 3 quantities + 3 machines' PPC + 2 protocols + 3 machines' occupancy
    REQUIRE(plots.size() == 11);
    for (const auto& [ref, svg] : plots) {
        INFO(ref.file);
        CHECK(fwsize::test::xml_problem(svg).empty());
        CHECK(svg.find("xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
        CHECK(svg.find("<title>") != std::string::npos);
        CHECK(svg.find("transform=\"rotate(-90") != std::string::npos); // the y label
    }
    auto has = [&](std::size_t i, const std::string& s) { return plots[i].second.find(s) != std::string::npos; };
    CHECK(has(0, "new sessions in one second (sessions/s)"));
    CHECK(has(0, "P(exceeded): share of seconds above x"));
    CHECK(has(0, "N = 100: pooled"));
    CHECK(has(1, "log lines in one minute (lines/min)"));
    CHECK(has(2, "sessions in the table at one instant (sessions)"));
    CHECK(has(3, "value / predictive median"));
    CHECK(has(5, "ws-c &amp; &lt;lab&gt;")); // machine names are escaped
    CHECK(has(6, "active duration t, before the firewall timer (seconds, log scale)"));
    CHECK(has(6, "Kaplan–Meier"));
    CHECK(has(8, "sessions in the table at one instant (sessions)"));
}

TEST_CASE("predictive chart: one band and one pooled curve per N, the band spans lo..hi") {
    fwsize::predict::quantity_prediction q;
    q.quantity = "new_per_second";
    for (std::int64_t n : {1, 10}) {
        fwsize::predict::exceedance_curve c;
        c.users = n;
        c.exceedance = {0.5, 0.1, 0.01};
        c.pooled = {1.0 * n, 3.0 * n, 9.0 * n};
        c.median = c.pooled;
        c.lo = {0.5 * n, 2.0 * n, 6.0 * n};
        c.hi = {2.0 * n, 5.0 * n, 15.0 * n};
        q.curves.push_back(c);
    }
    const auto c = d::predictive_chart(q);
    REQUIRE(c.areas.size() == 2);
    REQUIRE(c.areas[1].polygon.size() == 6);
    CHECK(c.areas[1].polygon.front() == std::pair<double, double>{5.0, 0.5});
    CHECK(c.areas[1].polygon.back() == std::pair<double, double>{20.0, 0.5});
    CHECK(c.x_log); // 0.5 .. 150 spans decades
    CHECK(c.y_log);
}

TEST_CASE("Kaplan–Meier: uncensored equals the empirical survival, censored and truncated examples by hand") {
    using fwsize::model::duration_obs;
    std::vector<double> t, s;
    const std::vector<duration_obs> plain{{0, 0, false}, {1, 0, false}, {2, 0, false}, {2, 0, false}, {5, 0, false}};
    rep::kaplan_meier(plain, t, s);
    // S(0) = 4/5 after the zero; drops at 1 (3/5), 2 (1/5), 5 (0)
    REQUIRE(s.size() == 5);
    CHECK(s[1] == Approx(0.8));
    CHECK(t[2] == 1);
    CHECK(s[2] == Approx(0.6));
    CHECK(s[3] == Approx(0.2));
    CHECK(s[4] == Approx(0.0));
    // Censored at 3: events at 1 (4 at risk), 4 (2 at risk: 4 and 6), 6 (1 at risk)
    const std::vector<duration_obs> cens{{1, 0, false}, {3, 0, true}, {4, 0, false}, {6, 0, false}};
    rep::kaplan_meier(cens, t, s);
    REQUIRE(s.size() == 5);
    CHECK(s[2] == Approx(0.75));
    CHECK(s[3] == Approx(0.375));
    CHECK(s[4] == Approx(0.0));
    // Left-truncated: entered at 2, so not at risk at t = 1.
    const std::vector<duration_obs> trunc{{1, 0, false}, {4, 2, false}};
    rep::kaplan_meier(trunc, t, s);
    CHECK(s[2] == Approx(0.0)); // the only one at risk at 1 ended
}

TEST_CASE("model survival is one minus the duration CDF used by the simulation") {
    const fwsize::model::holding_time_draw h{0.2, {0.7, 0.3}, {std::log(3.0), std::log(200.0)}, {0.8, 1.5}};
    for (double x : {0.01, 1.0, 3.0, 50.0, 1e4})
        CHECK(rep::holding_survival(h, x) == Approx(1 - fwsize::predict::detail::duration_cdf(h, x)).margin(1e-14));
    const std::vector<fwsize::model::holding_time_draw> draws(5, h);
    const auto c =
        rep::holding_curves("tcp", std::vector<fwsize::model::duration_obs>{{2, 0, false}, {30, 0, true}}, draws);
    REQUIRE(c.model_time_s.size() == 80);
    CHECK(c.censored == 1);
    for (std::size_t i = 0; i < c.model_time_s.size(); ++i) {
        CHECK(c.model_lo[i] == Approx(c.model_hi[i]));
        CHECK(c.model_median[i] == Approx(rep::holding_survival(h, c.model_time_s[i])));
    }
}

TEST_CASE("occupancy survival of a PMF") {
    const auto s = d::survival_of_pmf({0.5, 0.25, 0.25});
    CHECK(s == std::vector<double>{0.5, 0.25, 0.0});
}
