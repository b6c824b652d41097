// Held-out validation: the minute-total predictive against Monte Carlo sums of 60 simulated
// seconds (gamma-Poisson, independent of the NB2(60 mu, 60 phi) identity it uses), calibrate()
// at nominal under a correct model and far off under a too-narrow one, the caveat of minutes that
// share a machine effect, the block helpers, and validate_arrivals end to end on simulated data.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include "../../catch.hpp"

#include <fwsize/predict/validation.hpp>

namespace fp = fwsize::predict;
using fwsize::model::arrival_draw;

namespace {

struct simulator {
    boost::random::mt19937_64 eng;
    boost::random::normal_distribution<double> z;
    explicit simulator(std::uint64_t seed) : eng(seed) {}

    /// One second's count: Poisson(Gamma(phi, mu/phi)), i.e. NB2(mu, phi).
    std::uint32_t second(double mu, double phi) {
        const double rate = boost::random::gamma_distribution<double>(phi, mu / phi)(eng);
        return rate > 0 ? boost::random::poisson_distribution<std::uint32_t, double>(rate)(eng) : 0;
    }
    /// The 60 seconds of one minute with log mu = level + sigma_minute * e.
    std::vector<std::uint32_t> minute(const arrival_draw& d, double level) {
        const double mu = std::exp(level + d.sigma_minute * z(eng));
        std::vector<std::uint32_t> s(60);
        for (auto& c : s) c = second(mu, d.phi);
        return s;
    }
    std::uint64_t minute_total(const arrival_draw& d, double level) {
        std::uint64_t t = 0;
        for (auto c : minute(d, level)) t += c;
        return t;
    }
    /// A new machine's minute total (fresh machine and minute effects): the marginal.
    std::uint64_t new_user_total(const arrival_draw& d) { return minute_total(d, d.alpha + d.sigma_machine * z(eng)); }
};

arrival_draw truth() {
    arrival_draw d;
    d.alpha = -1.0;
    d.sigma_machine = 0.8;
    d.sigma_minute = 0.7;
    d.phi = 1.5;
    return d;
}

/// max over test points |F(q) - empirical F(q)| in units of the binomial standard error.
double worst_z(const fp::truncated_pmf& f, std::vector<std::uint64_t> y) {
    std::sort(y.begin(), y.end());
    const double n = static_cast<double>(y.size());
    double worst = 0;
    for (double p : {0.05, 0.25, 0.5, 0.75, 0.95, 0.99}) {
        const auto q = y[static_cast<std::size_t>(p * n)];
        double F = 0;
        for (std::size_t k = 0; k <= q && k < f.p.size(); ++k) F += f.p[k];
        const double emp = static_cast<double>(std::upper_bound(y.begin(), y.end(), q) - y.begin()) / n;
        worst = std::max(worst, std::abs(F - emp) / std::sqrt(std::max(emp * (1 - emp), 1e-4) / n));
    }
    return worst;
}

} // namespace

TEST_CASE("the minute-total predictive of 1 and 3 new users matches sums of simulated seconds",
          "[predict][validation]") {
    simulator sim(11);
    const auto d = truth();
    const int reps = 20000;
    std::vector<std::uint64_t> one(reps), three(reps);
    for (auto& y : one) y = sim.new_user_total(d);
    for (auto& y : three) y = sim.new_user_total(d) + sim.new_user_total(d) + sim.new_user_total(d);
    const std::vector<arrival_draw> draws{d};
    const auto f1 = fp::detail::pooled_block_pmf(draws, *std::max_element(one.begin(), one.end()) + 1, 60, 1);
    const auto f3 = fp::detail::pooled_block_pmf(draws, *std::max_element(three.begin(), three.end()) + 1, 60, 3);
    CHECK(worst_z(f1, one) < 4.5);
    CHECK(worst_z(f3, three) < 4.5);
    CHECK(f1.neglected < 1e-3); // the window reaches the largest of 20000 draws
    // Pooling two draws is their average.
    auto d2 = d;
    d2.alpha = 0.5;
    const auto a = fp::detail::pooled_block_pmf({d}, 400, 60, 1), b = fp::detail::pooled_block_pmf({d2}, 400, 60, 1),
               ab = fp::detail::pooled_block_pmf({d, d2}, 400, 60, 1);
    for (std::size_t k = 0; k < 400; k += 37) CHECK(std::abs(ab.p[k] - 0.5 * (a.p[k] + b.p[k])) < 1e-15);
}

TEST_CASE("calibrate: nominal coverage and a large KS p under the right model, not under a narrow one",
          "[predict][validation]") {
    const auto d = truth();
    // 20 replicates of 1500 minutes: KS p-values of a right model are uniform, so their median is
    // near 0.5 and none is tiny; the pooled coverage is nominal to within 4 standard errors.
    std::vector<double> p_values;
    double in50 = 0, in90 = 0, n = 0;
    for (int rep = 0; rep < 20; ++rep) {
        simulator sim(100 + static_cast<std::uint64_t>(rep));
        std::vector<std::uint64_t> y(1500);
        for (auto& v : y) v = sim.new_user_total(d);
        const auto c = fp::calibrate(
            fp::detail::pooled_block_pmf({d}, *std::max_element(y.begin(), y.end()) + 1, 60, 1), y, 42, rep);
        CHECK(c.blocks == y.size());
        CHECK(c.closed90 >= c.coverage90); // the closed interval covers at least as much
        p_values.push_back(c.pit_ks_p);
        in50 += c.coverage50 * 1500, in90 += c.coverage90 * 1500, n += 1500;
    }
    std::sort(p_values.begin(), p_values.end());
    CHECK(p_values.front() > 1e-4);
    CHECK(p_values[10] > 0.2);
    CHECK(std::abs(in50 / n - 0.5) < 4 * std::sqrt(0.25 / n));
    CHECK(std::abs(in90 / n - 0.9) < 4 * std::sqrt(0.09 / n));

    simulator sim(12);
    std::vector<std::uint64_t> y(1500);
    for (auto& v : y) v = sim.new_user_total(d);
    const std::size_t window = *std::max_element(y.begin(), y.end()) + 1;
    const auto right = fp::calibrate(fp::detail::pooled_block_pmf({d}, window, 60, 1), y, 42, 1);

    // Power: a predictive that forgot the machine spread and most of the minute spread.
    auto narrow = d;
    narrow.sigma_machine = 0;
    narrow.sigma_minute = 0.2;
    const auto wrong = fp::calibrate(fp::detail::pooled_block_pmf({narrow}, window, 60, 1), y, 42, 1);
    CHECK(wrong.coverage90 < 0.6);
    CHECK(wrong.pit_ks_p < 1e-6);
    CHECK(wrong.below05 + wrong.above95 > 0.3);

    // Same seed and stream, same uniforms.
    const auto again = fp::calibrate(fp::detail::pooled_block_pmf({d}, window, 60, 1), y, 42, 1);
    CHECK(again.pit == right.pit);
}

TEST_CASE("minutes that share a machine effect: coverage is nominal over machines, not per machine",
          "[predict][validation]") {
    simulator sim(13);
    auto d = truth();
    d.sigma_machine = 1.5;
    // 400 machines x 5 minutes: over machines drawn once each, the share is still nominal.
    std::vector<std::uint64_t> y;
    for (int k = 0; k < 400; ++k) {
        const double level = d.alpha + d.sigma_machine * sim.z(sim.eng);
        for (int m = 0; m < 5; ++m) y.push_back(sim.minute_total(d, level));
    }
    const std::size_t window = *std::max_element(y.begin(), y.end()) + 1;
    const auto f = fp::detail::pooled_block_pmf({d}, window, 60, 1);
    const auto pooled = fp::calibrate(f, y, 42, 2);
    // The effective sample is nearer 400 machines than 2000 minutes: allow for it.
    CHECK(std::abs(pooled.coverage90 - 0.9) < 4 * std::sqrt(0.09 / 400));
    // One machine two sd above the mean, 200 minutes: the model is right, yet its PITs crowd at the
    // top and the KS test rejects: the p-value presumes independent minutes.
    std::vector<std::uint64_t> one;
    for (int m = 0; m < 200; ++m) one.push_back(sim.minute_total(d, d.alpha + 2 * d.sigma_machine));
    const auto f1 = fp::detail::pooled_block_pmf({d}, *std::max_element(one.begin(), one.end()) + 1, 60, 1);
    const auto single = fp::calibrate(f1, one, 42, 3);
    CHECK(single.pit_ks_p < 1e-6);
    CHECK(single.above95 > 0.3);
}

TEST_CASE("block totals keep complete minutes; superposition sums the common span", "[predict][validation]") {
    const std::vector<std::uint32_t> a(150, 1), b(130, 2), c(59, 5);
    CHECK(fp::detail::block_totals(a, 60) == std::vector<std::uint64_t>{60, 60});
    CHECK(fp::detail::block_totals(c, 60).empty());
    const std::vector<std::vector<std::uint32_t>> m{b, a, c};
    CHECK(fp::detail::longest_first(m) == std::vector<std::size_t>{1, 0, 2});
    CHECK(fp::detail::superposed_totals(m, {0, 1}, 60) == std::vector<std::uint64_t>{180, 180});
    CHECK(fp::detail::superposed_totals(m, {0, 1, 2}, 60).empty());
    std::vector<std::uint32_t> ramp(120);
    for (std::size_t s = 0; s < ramp.size(); ++s) ramp[s] = static_cast<std::uint32_t>(s);
    CHECK(fp::detail::block_totals(ramp, 60) == std::vector<std::uint64_t>{1770, 5370});
}

TEST_CASE("validate_arrivals on simulated machines: every entry, deterministic across threads",
          "[predict][validation]") {
    simulator sim(14);
    const auto d = truth();
    fwsize::model::count_data data;
    data.series = "new";
    for (int k = 0; k < 3; ++k) {
        const double level = d.alpha + d.sigma_machine * sim.z(sim.eng);
        std::vector<std::uint32_t> s;
        for (int m = 0; m < 6 + 3 * k; ++m)
            for (auto c : sim.minute(d, level)) s.push_back(c);
        data.machine_ids.push_back("m" + std::to_string(k + 1));
        data.counts.push_back(s);
    }
    fp::validation_options o;
    o.fit.sampler.chains = 2;
    o.fit.sampler.warmup = 150;
    o.fit.sampler.draws = 150;
    o.fit.sampler.refresh = 0;
    o.fit.ppc_draws = 10;
    o.max_draws = 100;
    o.fit.sampler.threads = 1;
    const auto r1 = fp::validate_arrivals({data}, o);
    o.fit.sampler.threads = 2;
    const auto r2 = fp::validate_arrivals({data}, o);
    REQUIRE(r1.leave_one_out.size() == 3);
    REQUIRE(r1.superposition.size() == 2);
    CHECK(r1.superposition[0].users == 2);
    CHECK(r1.superposition[0].machines == std::vector<std::string>{"m3", "m2"});
    CHECK(r1.superposition[1].check.blocks == 6); // the shortest capture's minutes
    CHECK(r1.leave_one_out[2].check.blocks == 12);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& c = r1.leave_one_out[i].check;
        CHECK(c.coverage90 >= c.coverage50);
        CHECK((c.pit_ks_p >= 0 && c.pit_ks_p <= 1));
        CHECK(c.pit == r2.leave_one_out[i].check.pit);
    }
    CHECK(r1.superposition[1].check.pit == r2.superposition[1].check.pit);
}
