// laplace_approximation (mode + inverse negative Hessian by Newton) against closed forms, and
// gaussian_start: chains started from it still sample the target, reproducibly, and start with
// its covariance as their metric.
#include <cmath>
#include <sstream>
#include <string>

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <fwsize/mcmc/laplace_approximation.hpp>
#include <fwsize/mcmc/mcse.hpp>
#include <fwsize/mcmc/sample.hpp>
#include <fwsize/mcmc/summary.hpp>
#include <fwsize/mcmc/write_stan_csv.hpp>

#include "../../catch.hpp"

using namespace fwsize::mcmc;

namespace {
/// N(mean, cov) with scales from 1e-3 to 10 and strong correlations: the shape a unit metric fits
/// worst.
struct scaled_gaussian {
    Eigen::VectorXd mean;
    Eigen::MatrixXd cov, prec;
    scaled_gaussian() : mean(4), cov(4, 4) {
        mean << 3.0, -1.0, 0.2, 50.0;
        const Eigen::Vector4d sd(1e-3, 0.3, 1.0, 10.0);
        Eigen::Matrix4d corr;
        corr << 1, 0.9, 0.2, 0, 0.9, 1, 0.3, -0.3, 0.2, 0.3, 1, 0.1, 0, -0.3, 0.1, 1;
        cov = sd.asDiagonal() * corr * sd.asDiagonal();
        prec = cov.inverse();
    }
    std::size_t dimension() const { return 4; }
    std::vector<std::string> parameter_names() const { return {"a", "b", "c", "d"}; }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& g) const {
        const Eigen::VectorXd r = q - mean;
        g = -prec * r;
        return -0.5 * r.dot(prec * r);
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& o) const { o.assign(q.begin(), q.end()); }
};

/// One function of u: closed-form mode m and negative second derivative h there.
template <class F, class G>
struct one_d {
    F f;
    G g;
    std::size_t dimension() const { return 1; }
    std::vector<std::string> parameter_names() const { return {"u"}; }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& grad) const {
        grad.resize(1);
        grad[0] = g(q[0]);
        return f(q[0]);
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& o) const { o = {q[0]}; }
};
template <class F, class G>
one_d<F, G> make_one_d(F f, G g) {
    return {f, g};
}

Eigen::MatrixXd column(const sample_result& r, Eigen::Index j) {
    Eigen::MatrixXd m(r.config.draws, r.config.chains);
    for (int c = 0; c < r.config.chains; ++c) m.col(c) = r.chains[std::size_t(c)].draws.col(7 + j).tail(r.config.draws);
    return m;
}
} // namespace

TEST_CASE("Laplace approximation of a Gaussian is the Gaussian") {
    const scaled_gaussian m;
    const auto la = laplace_approximation(m, Eigen::VectorXd::Zero(4));
    INFO(la.why << " after " << la.iterations << " iterations");
    REQUIRE(la.converged);
    for (Eigen::Index i = 0; i < 4; ++i) {
        INFO("coordinate " << i);
        CHECK(std::abs(la.mode[i] - m.mean[i]) < 1e-6 * std::sqrt(m.cov(i, i)));
        for (Eigen::Index j = 0; j < 4; ++j)
            CHECK(std::abs(la.cov(i, j) - m.cov(i, j)) < 1e-5 * std::sqrt(m.cov(i, i) * m.cov(j, j)));
    }
    CHECK(la.gradients < 200); // one Newton step on a quadratic, plus the Hessians
}

TEST_CASE("Laplace approximation of non-Gaussian densities: closed-form modes and curvatures") {
    SECTION("log of a Gamma(a, b) variable: mode log(a/b), negative Hessian a") {
        const double a = 7.5, b = 0.02;
        const auto m = make_one_d([&](double u) { return a * u - b * std::exp(u); },
                                  [&](double u) { return a - b * std::exp(u); });
        const auto la = laplace_approximation(m, Eigen::VectorXd::Constant(1, 12.0)); // far above: exp overshoots
        REQUIRE(la.converged);
        CHECK(la.mode[0] == Approx(std::log(a / b)).epsilon(1e-9));
        CHECK(la.cov(0, 0) == Approx(1 / a).epsilon(1e-5));
    }
    SECTION("Student t, started where it is convex: damped steps, then mode 0 and curvature "
            "(nu+1)/nu") {
        const double nu = 3;
        const auto m = make_one_d([&](double u) { return -(nu + 1) / 2 * std::log1p(u * u / nu); },
                                  [&](double u) { return -(nu + 1) * u / (nu + u * u); });
        const auto la = laplace_approximation(m, Eigen::VectorXd::Constant(1, 40.0));
        REQUIRE(la.converged);
        CHECK(std::abs(la.mode[0]) < 1e-6);
        CHECK(la.cov(0, 0) == Approx(nu / (nu + 1)).epsilon(1e-5));
    }
    SECTION("no mode: says so") {
        const auto m = make_one_d([](double u) { return u; }, [](double) { return 1.0; });
        const auto la = laplace_approximation(m, Eigen::VectorXd::Zero(1));
        CHECK_FALSE(la.converged);
        CHECK_FALSE(la.why.empty());
        CHECK(la.cov.size() == 0);
    }
    SECTION("non-finite at the start: says so") {
        const auto m = make_one_d([](double u) { return u > 0 ? -u * u : -INFINITY; }, [](double u) { return -2 * u; });
        const auto la = laplace_approximation(m, Eigen::VectorXd::Constant(1, -1.0));
        CHECK_FALSE(la.converged);
        CHECK(la.why.find("start") != std::string::npos);
    }
}

TEST_CASE("a Gaussian start: the metric starts at its covariance, chains still sample the target") {
    const scaled_gaussian m;
    const auto la = laplace_approximation(m, Eigen::VectorXd::Zero(4));
    REQUIRE(la.converged);
    sampler_config cfg;
    cfg.refresh = 0;
    cfg.start = gaussian_start{la.mode, la.cov, 2.0};

    SECTION("without warmup the metric is the start's covariance (dense) or its diagonal (diag_e)") {
        cfg.warmup = 0;
        cfg.draws = 5;
        cfg.chains = 1;
        cfg.metric = metric_kind::dense_e;
        const auto dense = sample(m, cfg);
        CHECK((Eigen::Map<const Eigen::MatrixXd>(dense.chains[0].inv_metric.data(), 4, 4) - la.cov).norm() == 0);
        cfg.metric = metric_kind::diag_e;
        const auto diag = sample(m, cfg);
        CHECK((diag.chains[0].inv_metric - la.cov.diagonal()).norm() == 0);
    }
    SECTION("moments within 4 MCSE; same draws on 1 and 3 threads; the CSV says how it started") {
        cfg.metric = metric_kind::dense_e;
        cfg.threads = 1;
        const auto r1 = sample(m, cfg);
        cfg.threads = 3;
        const auto r3 = sample(m, cfg);
        for (std::size_t c = 0; c < r1.chains.size(); ++c) CHECK(r1.chains[c].draws == r3.chains[c].draws);
        for (Eigen::Index i = 0; i < 4; ++i) {
            const Eigen::MatrixXd x = column(r1, i);
            INFO("coordinate " << i << " mean " << x.mean());
            CHECK(std::abs(x.mean() - m.mean[i]) < 4 * mcse_mean(x));
            const Eigen::MatrixXd dev2 = ((x.array() - m.mean[i]).square() / m.cov(i, i)).matrix();
            CHECK(std::abs(dev2.mean() - 1) < 4 * mcse_mean(dev2));
        }
        CHECK(summarize(r1).verdict.ok);
        std::ostringstream csv;
        write_stan_csv(csv, r1, 0);
        CHECK(csv.str().find("init = gaussian_start") != std::string::npos);
    }
    SECTION("a start of the wrong size or not positive definite is refused") {
        cfg.start->mean = Eigen::VectorXd::Zero(3);
        CHECK_THROWS_AS(sample(m, cfg), std::invalid_argument);
        cfg.start = gaussian_start{la.mode, -la.cov, 2.0};
        CHECK_THROWS_AS(sample(m, cfg), std::invalid_argument);
    }
}
