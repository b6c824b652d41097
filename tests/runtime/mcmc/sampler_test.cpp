// NUTS end to end: iid normal moments and adaptation, eight schools vs posteriordb, centred
// eight schools diverges, thread-count independence, rejection of non-finite densities.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <Eigen/LU>
#include <nlohmann/json.hpp>

#include <fwsize/mcmc/mcse.hpp>
#include <fwsize/mcmc/sample.hpp>
#include <fwsize/mcmc/summary.hpp>
#include <fwsize/mcmc/write_stan_csv.hpp>

#include "../../catch.hpp"
#include "../../support/shared_data.hpp"
#include "test_models.hpp"

using namespace fwsize::mcmc;

namespace {
/// draws x chains of one column (sampling rows).
Eigen::MatrixXd column(const sample_result& r, const std::string& name) {
    const auto& cols = r.chains[0].columns;
    const auto j = std::find(cols.begin(), cols.end(), name) - cols.begin();
    Eigen::MatrixXd m(r.config.draws, r.config.chains);
    for (int c = 0; c < r.config.chains; ++c) m.col(c) = r.chains[std::size_t(c)].draws.col(j).tail(r.config.draws);
    return m;
}
sampler_config quiet(sampler_config c = {}) {
    c.refresh = 0;
    return c;
}
std::string draws_only(const std::string& csv) { // drop comment lines (timing differs run to run)
    std::istringstream in(csv);
    std::string line, out;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') out += line + '\n';
    return out;
}
} // namespace

TEST_CASE("100-d iid normal: moments within 4 MCSE, accept_stat near adapt_delta") {
    const fwsize::test::iid_normal model{100};
    const auto res = sample(model, quiet());
    REQUIRE(res.chains.size() == 4);
    int mean_fail = 0, var_fail = 0;
    for (int i = 1; i <= 100; ++i) {
        const Eigen::MatrixXd x = column(res, "x." + std::to_string(i));
        if (std::abs(x.mean()) > 4 * mcse_mean(x)) ++mean_fail;
        const Eigen::MatrixXd x2 = x.array().square().matrix();
        if (std::abs(x2.mean() - 1.0) > 4 * mcse_mean(x2)) ++var_fail;
    }
    CHECK(mean_fail == 0);
    CHECK(var_fail == 0);
    // Stan's dual averaging overshoots the 0.8 target on this target: rstan 2.21, same settings
    // (tests/r/iid_normal_accept.R), gives 0.836-0.857 per chain and step size 0.44-0.49. We hold
    // the sampler to the same band rather than to 0.8 +- 0.05, which Stan itself misses.
    const Eigen::MatrixXd acc = column(res, "accept_stat__");
    CHECK(acc.mean() > 0.78);
    CHECK(acc.mean() < 0.88);
    for (const auto& ch : res.chains) CHECK(ch.step_size == Approx(0.46).margin(0.06));
    CHECK(column(res, "divergent__").sum() == 0);
    // The adapted diagonal metric estimates the unit variances.
    for (const auto& ch : res.chains) CHECK(ch.inv_metric.mean() == Approx(1.0).margin(0.15));
    const auto table = summarize(res);
    CHECK(table.verdict.ok);
}

TEST_CASE("dense metric samples a correlated Gaussian") {
    // 2-d, correlation 0.95: the dense metric learns the covariance.
    struct corr2 {
        std::size_t dimension() const { return 2; }
        std::vector<std::string> parameter_names() const { return {"a", "b"}; }
        double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& g) const {
            Eigen::Matrix2d p;
            p << 1, 0.95, 0.95, 1;
            const Eigen::Matrix2d prec = p.inverse();
            g = -prec * q;
            return -0.5 * q.dot(prec * q);
        }
        void write_constrained(const Eigen::VectorXd& q, std::vector<double>& o) const { o = {q[0], q[1]}; }
    };
    auto cfg = quiet();
    cfg.metric = metric_kind::dense_e;
    const auto res = sample(corr2{}, cfg);
    const Eigen::MatrixXd a = column(res, "a"), b = column(res, "b");
    const double cov = ((a.array() - a.mean()) * (b.array() - b.mean())).mean();
    CHECK(cov == Approx(0.95).margin(0.05));
    CHECK(res.chains[0].inv_metric.size() == 4);
    CHECK(res.chains[0].inv_metric[1] == Approx(0.95).margin(0.15)); // off-diagonal learnt
    CHECK(summarize(res).verdict.ok);
}

TEST_CASE("eight schools non-centred matches the posteriordb reference") {
    const auto dir = fwsize::test::shared_dir() / "reference" / "posteriordb";
    const auto ref_path = dir / "eight_schools_noncentered.reference_draws.json";
    if (!std::filesystem::exists(ref_path)) {
        std::cerr << "\n*** SKIPPED: " << ref_path << " absent ***\n";
        WARN("SKIPPED: reference draws absent");
        return;
    }
    auto cfg = quiet();
    cfg.adapt_delta = 0.95;
    const auto res = sample(fwsize::test::eight_schools_noncentered{}, cfg, "eight_schools_noncentered");
    CHECK(column(res, "divergent__").sum() == 0);
    const auto table = summarize(res);
    INFO("verdict failures: " << (table.verdict.failures.empty() ? "" : table.verdict.failures[0]));
    CHECK(table.verdict.ok);

    std::ifstream in(ref_path);
    const auto ref = nlohmann::json::parse(in);
    REQUIRE(ref.size() == 10);
    for (std::string name : {"mu", "tau", "theta[1]", "theta[2]", "theta[3]", "theta[4]", "theta[5]", "theta[6]",
                             "theta[7]", "theta[8]"}) {
        Eigen::MatrixXd r(1000, 10);
        for (int c = 0; c < 10; ++c) {
            const auto v = ref[std::size_t(c)][name].get<std::vector<double>>();
            REQUIRE(v.size() == 1000);
            r.col(c) = Eigen::Map<const Eigen::VectorXd>(v.data(), 1000);
        }
        std::string ours = name;
        if (name.rfind("theta[", 0) == 0) ours = "theta." + name.substr(6, 1);
        const Eigen::MatrixXd x = column(res, ours);
        auto sd = [](const Eigen::MatrixXd& m) {
            return std::sqrt((m.array() - m.mean()).square().sum() / double(m.size() - 1));
        };
        INFO(name);
        // mean: |mean - ref| <= 4 sqrt(mcse^2 + ref_sd^2 / ref_ess)
        const double ref_mcse_mean = sd(r) / std::sqrt(ess_bulk(r));
        CHECK(std::abs(x.mean() - r.mean()) <= 4 * std::hypot(mcse_mean(x), ref_mcse_mean));
        CHECK(std::abs(sd(x) - sd(r)) <= 4 * std::hypot(mcse_sd(x), mcse_sd(r)));
        for (double p : {0.05, 0.95})
            CHECK(std::abs(detail::quantile7(x, p) - detail::quantile7(r, p)) <=
                  4 * std::hypot(mcse_quantile(x, p), mcse_quantile(r, p)));
    }
}

TEST_CASE("eight schools centred: the sampler reports divergences") {
    auto cfg = quiet();
    cfg.adapt_delta = 0.95;
    const auto res = sample(fwsize::test::eight_schools_centered{}, cfg);
    CHECK(column(res, "divergent__").sum() > 0);
    const auto table = summarize(res);
    CHECK(!table.verdict.ok);
    CHECK(table.verdict.divergences > 0);
}

TEST_CASE("1 thread and 4 threads give byte-identical Stan CSV draws") {
    auto cfg = quiet();
    cfg.warmup = 300;
    cfg.draws = 200;
    cfg.seed = 7;
    const fwsize::test::eight_schools_noncentered model;
    cfg.threads = 1;
    const auto one = sample(model, cfg);
    cfg.threads = 4;
    const auto four = sample(model, cfg);
    for (std::size_t c = 0; c < 4; ++c) {
        std::ostringstream a, b;
        write_stan_csv(a, one, c);
        write_stan_csv(b, four, c);
        CHECK(draws_only(a.str()) == draws_only(b.str()));
        CHECK(one.chains[c].draws == four.chains[c].draws); // and bit-identical in memory
    }
    // Different chains and different seeds do differ.
    CHECK(one.chains[0].draws != one.chains[1].draws);
    cfg.seed = 8;
    CHECK(sample(model, cfg).chains[0].draws != one.chains[0].draws);
}

TEST_CASE("non-finite log density is rejected, never sampled") {
    // Half-normal on x > 0 written as -inf outside: the sampler must never return x <= 0.
    struct half {
        std::size_t dimension() const { return 1; }
        std::vector<std::string> parameter_names() const { return {"x"}; }
        double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& g) const {
            g.resize(1);
            if (q[0] <= 0) {
                g[0] = NAN;
                return -INFINITY;
            }
            g[0] = -q[0];
            return -0.5 * q[0] * q[0];
        }
        void write_constrained(const Eigen::VectorXd& q, std::vector<double>& o) const { o = {q[0]}; }
    };
    const auto res = sample(half{}, quiet());
    const Eigen::MatrixXd x = column(res, "x");
    CHECK(x.minCoeff() > 0);
    CHECK(x.mean() == Approx(std::sqrt(2 / M_PI)).margin(4 * mcse_mean(x)));
}

TEST_CASE("progress lines follow CmdStan's format") {
    CHECK(detail::progress_line(1, 4, 100, 2000, true) == "Chain [1] Iteration:  100 / 2000 [  5%]  (Warmup)");
    CHECK(detail::progress_line(1, 1, 2000, 2000, false) == "Iteration: 2000 / 2000 [100%]  (Sampling)");
}
