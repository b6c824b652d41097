// holding_time_model: gradients vs central finite differences; the log density vs an independent
// per-observation evaluation from the mixture's CDF/PDF by numerical integration.
#include <cmath>
#include <vector>

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "../../catch.hpp"

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
        if (u(eng) < 0.2) { d.push_back(o); continue; }
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
    boost::random::normal_distribution<double> n(0, 0.7);
    for (int C : {1, 2, 3}) {
        const holding_time_model m(data, C);
        for (int rep = 0; rep < 4; ++rep) {
            Eigen::VectorXd q(static_cast<Eigen::Index>(m.dimension())), g, s;
            for (auto& x : q) x = n(eng);
            const double lp = m.log_density(q, g);
            REQUIRE(std::isfinite(lp));
            for (Eigen::Index i = 0; i < q.size(); ++i) {
                const double h = 1e-5;
                Eigen::VectorXd a = q, b = q;
                a[i] += h;
                b[i] -= h;
                const double fd = (m.log_density(a, s) - m.log_density(b, s)) / (2 * h);
                INFO("C=" << C << " coordinate " << i << " analytic " << g[i] << " fd " << fd);
                CHECK(std::abs(g[i] - fd) <= 1e-6 * std::max({1.0, std::abs(fd), std::abs(lp) * 1e-4}));
            }
        }
    }
}

TEST_CASE("holding-time likelihood equals an integral of the mixture density", "[model][holding]") {
    // Independent oracle: survival by integrating the mixture density numerically.
    const auto data = sample_durations();
    const holding_time_model m(data, 2);
    Eigen::VectorXd q(6);
    q << -1.2, -0.8, 1.3, -0.3, 0.1, 0.4;
    std::vector<double> c;
    m.write_constrained(q, c); // p_zero, mu1, mu2, s1, s2, w1, w2
    const double p0 = c[0];
    const auto dens = [&](double t) {
        double f = 0;
        for (int k = 0; k < 2; ++k) {
            const double z = (std::log(t) - c[1 + k]) / c[3 + k];
            f += c[5 + k] * std::exp(-0.5 * z * z) / (t * c[3 + k] * std::sqrt(2 * M_PI));
        }
        return f;
    };
    const auto surv = [&](double t) { // int_t^inf f = int_{log t}^inf f(e^u) e^u du
        return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
            [&](double u) { return dens(std::exp(u)) * std::exp(u); }, std::log(t), std::log(t) + 60, 12, 1e-13);
    };
    double ll = 0;
    for (const auto& o : data) {
        if (o.seconds == 0) { ll += std::log(p0); continue; }
        double v = o.censored ? std::log(surv(o.seconds)) : std::log(dens(o.seconds));
        if (o.entry_s > 0) v -= std::log(surv(o.entry_s));
        else v += std::log(1 - p0);
        ll += v;
    }
    // priors of the model, written out independently
    double prior = std::log(p0) + std::log(1 - p0) - q[1] * q[1] / 18 - q[2] * q[2] / 2 - q[5] * q[5] / 2;
    for (int k = 0; k < 2; ++k) prior += -c[3 + k] * c[3 + k] / 8 + std::log(c[3 + k]);
    Eigen::VectorXd g;
    const double lp = m.log_density(q, g);
    CHECK(std::abs(lp - (ll + prior)) < 1e-8 * std::abs(lp));
    CHECK(c[2] > c[1]); // ordered means
    CHECK(std::abs(c[5] + c[6] - 1) < 1e-15);
}
