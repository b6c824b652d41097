// A realistic sizing_report built from synthetic posterior draws through the real N-user machinery
// (predict_quantity on Poisson-mixture one-user PMFs: FFT power, per-draw quantiles), synthetic
// durations and PPC rows. Used by the tests and by the sample writer (the Chromium check);
// deterministic.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <fwsize/predict/predict_quantity.hpp>
#include <fwsize/report/holding_curves.hpp>
#include <fwsize/report/sizing_report.hpp>

namespace fwsize::test {

inline std::vector<double> poisson_pmf(double lambda, std::size_t len) {
    std::vector<double> p(len);
    double lp = -lambda;
    for (std::size_t k = 0; k < len; ++k) {
        p[k] = std::exp(lp);
        lp += std::log(lambda) - std::log(double(k + 1));
    }
    return p;
}

inline report::sizing_report sample_report(std::size_t draws = 40) {
    using namespace fwsize;
    boost::random::mt19937 eng(20261122);
    boost::random::normal_distribution<double> z;
    predict::prediction_options opt;
    opt.users = {1, 10, 50, 100};
    report::sizing_report r;
    // One-user PMFs: a two-point mixture of Poissons (quiet and busy periods) per draw, so the
    // sample is built in milliseconds; the real N-user machinery (FFT power, per-draw quantiles)
    // still produces the rows and curves.
    auto one_user = [](double lambda, double busy) {
        const auto len = std::size_t(8 * busy * lambda + 40);
        auto a = poisson_pmf(0.4 * lambda, len), b = poisson_pmf(busy * lambda, len);
        predict::truncated_pmf t;
        for (std::size_t k = 0; k < a.size(); ++k) t.p.push_back(0.7 * a[k] + 0.3 * b[k]);
        return t;
    };
    std::vector<double> new_rate, lines_rate, occ_rate;
    for (std::size_t i = 0; i < draws; ++i) {
        new_rate.push_back(std::exp(std::log(0.5) + 0.3 * z(eng)));
        lines_rate.push_back(std::exp(std::log(25.0) + 0.25 * z(eng)));
        occ_rate.push_back(std::exp(std::log(40.0) + 0.2 * z(eng)));
    }
    auto o1 = opt;
    o1.periods_per_hour = 3600;
    r.predictions.push_back(predict::predict_quantity(
        "new_per_second", draws, [&](std::size_t i) { return one_user(new_rate[i], 4.0); }, o1));
    auto o2 = opt;
    o2.periods_per_hour = 60;
    r.predictions.push_back(predict::predict_quantity(
        "log_lines_per_minute", draws, [&](std::size_t i) { return one_user(lines_rate[i], 2.5); }, o2));
    auto o3 = opt;
    o3.periods_per_hour = 3600;
    r.predictions.push_back(predict::predict_quantity(
        "concurrent_sessions", draws, [&](std::size_t i) { return one_user(occ_rate[i], 2.0); }, o3));
    for (double rho : {0.1, 0.3})
        r.shocks.push_back({rho, predict::predict_quantity(
                                     "new_per_second", draws,
                                     [&](std::size_t i) { return one_user(new_rate[i], 4.0 + 10 * rho); }, o1)});

    auto& s = r.settings;
    s.machines = 3;
    s.timer_profile = "fortigate";
    s.users = opt.users;
    s.seed = 42;
    s.rule_set = "exact";
    s.posterior_draws = draws;
    s.command_line = "fwsize size a.pcap b.pcap c.pcap --users 1,10,50,100 --out report";
    s.captures = {{"a.pcap", "ws-a", 28800, 1200000, 9100},
                  {"b.pcap", "ws-b", 14400, 610000, 4200},
                  {"c.pcap", "ws-c & <lab>", 3600, 90000, 800}};

    const char* series[] = {"tcp_new", "udp_new", "tcp_end"};
    for (const auto& c : s.captures)
        for (const char* se : series)
            for (const auto& st : model::ppc_statistics()) {
                model::ppc_row p;
                p.series = se, p.machine = c.machine, p.statistic = st;
                p.q50 = st == "zero_share" ? 0.6 : 10 + 5 * z(eng) * 0.1;
                p.q05 = p.q50 * 0.7, p.q95 = p.q50 * 1.5, p.predicted_mean = p.q50 * 1.02;
                p.observed = p.q50 * std::exp(0.3 * z(eng));
                p.inside = p.q05 <= p.observed && p.observed <= p.q95;
                r.ppc.push_back(p);
            }

    boost::random::lognormal_distribution<double> dur(std::log(20.0), 1.8);
    boost::random::uniform_real_distribution<double> u(0, 1);
    for (const char* proto : {"tcp", "udp"}) {
        std::vector<model::duration_obs> obs;
        for (int i = 0; i < 1500; ++i) {
            model::duration_obs o;
            if (u(eng) < 0.15) {
                obs.push_back(o);
                continue;
            }
            const double d = dur(eng), cens = 3600 * u(eng) + 60;
            o.seconds = std::min(d, cens);
            o.censored = d > cens;
            obs.push_back(o);
        }
        std::vector<model::holding_time_draw> hd;
        for (int i = 0; i < 60; ++i)
            hd.push_back({0.15 + 0.01 * z(eng),
                          {0.6, 0.4},
                          {std::log(5.0) + 0.05 * z(eng), std::log(150.0) + 0.1 * z(eng)},
                          {1.0, 1.2}});
        r.holding_times.push_back(report::holding_curves(proto, obs, hd));
    }

    for (const auto& c : s.captures) {
        report::occupancy_comparison oc;
        oc.machine = c.machine;
        oc.observed_pmf = poisson_pmf(35 + 10 * u(eng), 120);
        oc.predicted_pmf = poisson_pmf(40, 120);
        oc.observed_mean = 0, oc.predicted_mean = 40;
        for (std::size_t k = 0; k < oc.observed_pmf.size(); ++k) oc.observed_mean += double(k) * oc.observed_pmf[k];
        r.occupancy.push_back(oc);
    }
    r.diagnostics = {{"arrival tcp_new", true, 1.003, 812, 640, 0, {}, {}},
                     {"arrival udp_new", true, 1.006, 655, 512, 0, {}, {"3 iterations hit max treedepth"}},
                     {"holding_time_tcp",
                      false,
                      2.4,
                      5,
                      9,
                      14,
                      {"R-hat 2.4 > 1.01 for mu.1", "bulk ESS 5 < 400 for mu.1", "14 divergent transitions"},
                      {}}};
    r.warnings = {
        "The shortest capture lasts 3600 s, less than the longest session timer (3600 s): capture for longer.",
        "Wide interval: p99 of new_per_second for 100 users spans 40 to 400 (90 % CrI). sigma_machine is "
        "still near its prior; more machines would narrow it."};
    r.little = {true, 0.9, 44.0, 39.6, 40.1, 0.8};
    return r;
}

} // namespace fwsize::test
