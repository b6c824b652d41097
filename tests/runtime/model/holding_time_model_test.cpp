// holding_time_model: gradients vs central finite differences; the log density vs an independent
// per-observation evaluation from the mixture's CDF/PDF by numerical integration.
#include <cmath>
#include <vector>

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "../../catch.hpp"
#include "../../support/finite_difference.hpp"

#include <fwsize/mcmc/log_density_model.hpp>
#include <fwsize/model/holding_time_model.hpp>

using namespace fwsize::model;
static_assert(fwsize::mcmc::log_density_model<holding_time_model>);

namespace {
std::vector<duration_obs> sample_durations() {
    boost::random::mt19937_64 eng(17);
    boost::random::normal_distribution<double> n(0, 1);
    boost::random::uniform_real_distribution<double> u(0, 1);
    std::vector<duration_obs> d;
    for (int i = 0; i < 60; ++i) {
        duration_obs o;
        if (u(eng) < 0.2) {
            d.push_back(o);
            continue;
        }
        o.seconds = std::exp(u(eng) < 0.6 ? -1 + 0.7 * n(eng) : 3 + n(eng));
        if (u(eng) < 0.2) o.censored = true;
        if (u(eng) < 0.15) o.entry_s = o.seconds * u(eng);
        d.push_back(o);
    }
    return d;
}
} // namespace

TEST_CASE("holding-time model gradients agree with central finite differences", "[model][holding][gradient]") {
    const auto data = sample_durations();
    boost::random::mt19937_64 eng(3);
    boost::random::normal_distribution<double> n(0, 1.5);
    for (int J : {2, 5, 16}) {
        const holding_time_model m(data, J);
        for (int rep = 0; rep < 4; ++rep) {
            Eigen::VectorXd q(static_cast<Eigen::Index>(m.dimension())), g;
            for (auto& x : q) x = n(eng);
            const double lp = m.log_density(q, g);
            REQUIRE(std::isfinite(lp));
            for (Eigen::Index i = 0; i < q.size(); ++i) {
                const double fd = fwsize::test::central_difference(m, q, i);
                INFO("J=" << J << " coordinate " << i << " analytic " << g[i] << " fd " << fd);
                CHECK(std::abs(g[i] - fd) <= 1e-6 * std::max(1.0, std::abs(fd)));
            }
        }
    }
}

TEST_CASE("holding-time likelihood equals an integral of the mixture density", "[model][holding]") {
    // Independent oracle: density written out, survival by integrating it numerically.
    const auto data = sample_durations();
    const int J = 6;
    const holding_time_model m(data, J);
    Eigen::VectorXd q(1 + J);
    q << -1.2, -0.8, 1.3, -0.3, 0.1, 0.4, -2.0;
    std::vector<double> c;
    m.write_constrained(q, c); // p_zero, w1..wJ
    REQUIRE(c.size() == 1 + J);
    const double p0 = c[0];
    // the grid: 1 ms .. 2 days in J - 1 equal log steps, sigma = the step
    const double lo = std::log(1e-3), step = (std::log(172800.0) - lo) / (J - 1);
    const auto dens = [&](double t) {
        double f = 0;
        for (int k = 0; k < J; ++k) {
            const double z = (std::log(t) - (lo + k * step)) / step;
            f += c[1 + k] * std::exp(-0.5 * z * z) / (t * step * std::sqrt(2 * M_PI));
        }
        return f;
    };
    const auto surv = [&](double t) { // int_t^inf f = int_{log t}^inf f(e^u) e^u du
        return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
            [&](double u) { return dens(std::exp(u)) * std::exp(u); }, std::log(t), std::log(t) + 80, 15, 1e-14);
    };
    double ll = 0;
    for (const auto& o : data) {
        if (o.seconds == 0) {
            ll += std::log(p0);
            continue;
        }
        double v = o.censored ? std::log(surv(o.seconds)) : std::log(dens(o.seconds));
        if (o.entry_s > 0) v -= std::log(surv(o.entry_s));
        else v += std::log(1 - p0);
        ll += v;
    }
    // priors, written out independently: p0 uniform (logit Jacobian), theta_j ~ N(0,5), steps
    // theta_k - theta_{k-1} ~ N(-step, sqrt(step)) (tail index 1, variance 1 per log second)
    double prior = std::log(p0) + std::log(1 - p0);
    for (int k = 1; k <= J; ++k) {
        prior += -q[k] * q[k] / 50;
        if (k > 1) prior += -(q[k] - q[k - 1] + step) * (q[k] - q[k - 1] + step) / (2 * step);
    }
    Eigen::VectorXd g;
    const double lp = m.log_density(q, g);
    CHECK(std::abs(lp - (ll + prior)) < 1e-8 * std::abs(lp));
    double sum = 0;
    for (int k = 1; k <= J; ++k) sum += c[k];
    CHECK(std::abs(sum - 1) < 1e-14);
    // the draw carries the grid
    const auto d = m.to_draw(c.data());
    REQUIRE(d.mu.size() == std::size_t(J));
    CHECK(std::abs(d.mu[0] - lo) < 1e-12);
    CHECK(std::abs(d.mu[J - 1] - std::log(172800.0)) < 1e-12);
    CHECK(std::abs(d.sigma[2] - step) < 1e-12);
    CHECK(d.weight[3] == c[4]);
}
