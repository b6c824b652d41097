// adapt_delta_policy: a run with divergences is refitted once at 0.99 (then stops), a run without
// is not, the first run uses at least 0.95, escalation off runs once at the value given, and the
// same seed gives the same draws. Models: Neal's funnel (diverges at any adapt_delta) and a
// standard normal (never diverges).
#include <cmath>
#include <string>
#include <vector>

#include "../../catch.hpp"

#include <fwsize/model/sample_pool.hpp>

using namespace fwsize;

namespace {
struct funnel { // Neal's: v ~ N(0, 3), x_i ~ N(0, exp(v / 2)), i = 1..9
    static constexpr int n = 10;
    [[nodiscard]] std::size_t dimension() const { return n; }
    [[nodiscard]] std::vector<std::string> parameter_names() const {
        std::vector<std::string> s{"v"};
        for (int i = 1; i < n; ++i) s.push_back("x." + std::to_string(i));
        return s;
    }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& g) const {
        g.resize(n);
        const double v = q[0];
        double lp = -v * v / 18;
        g[0] = -v / 9;
        for (int i = 1; i < n; ++i) {
            lp += -q[i] * q[i] * std::exp(-v) / 2 - v / 2;
            g[i] = -q[i] * std::exp(-v);
            g[0] += q[i] * q[i] * std::exp(-v) / 2 - 0.5;
        }
        return lp;
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        out.assign(q.data(), q.data() + n);
    }
};
struct normal2 {
    [[nodiscard]] std::size_t dimension() const { return 2; }
    [[nodiscard]] std::vector<std::string> parameter_names() const { return {"a", "b"}; }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& g) const {
        g = -q;
        return -q.squaredNorm() / 2;
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        out.assign(q.data(), q.data() + 2);
    }
};
mcmc::sampler_config small() {
    mcmc::sampler_config c;
    c.chains = 2;
    c.warmup = 500;
    c.draws = 1000;
    c.seed = 11;
    c.refresh = 0;
    c.threads = 1;
    return c;
}
} // namespace

TEST_CASE("adapt_delta policy: divergences trigger exactly one refit at 0.99", "[model][adapt]") {
    auto cfg = small();
    cfg.adapt_delta = 0.6; // below the policy's first value: raised to it
    // first = 0.8 here (the funnel of this size rarely diverges at the default 0.95 with this seed)
    const model::adapt_delta_policy policy{.escalate = true, .first = 0.8, .escalated = 0.99};
    const auto r = model::sample_with_policy(funnel{}, cfg, "funnel", policy);
    REQUIRE(r.attempts.size() == 2);
    CHECK(r.attempts[0].adapt_delta == 0.8);
    CHECK(r.attempts[0].divergences > 0);
    CHECK(r.attempts[1].adapt_delta == 0.99);
    CHECK(r.result.config.adapt_delta == 0.99); // the kept draws are the refit's
    CHECK(r.attempts[1].divergences == r.summary.verdict.divergences);
    CHECK(model::describe(r.attempts).find("refit at adapt_delta 0.99") != std::string::npos);
    bool noted = false;
    for (const auto& n : r.summary.verdict.notes)
        noted = noted || n.find("refit after divergences") != std::string::npos;
    CHECK(noted);
    // same seed, same result
    const auto again = model::sample_with_policy(funnel{}, cfg, "funnel", policy);
    CHECK(again.result.chains[1].draws == r.result.chains[1].draws);
}

TEST_CASE("adapt_delta policy: no refit without divergences; off means as given", "[model][adapt]") {
    auto cfg = small();
    const auto ok = model::sample_with_policy(normal2{}, cfg, "normal", {});
    REQUIRE(ok.attempts.size() == 1);
    CHECK(ok.attempts[0].adapt_delta == 0.95);
    CHECK(ok.attempts[0].divergences == 0);
    // the integrated variant starts at first_integrated (0.8), not at 0.95
    const auto integ = model::sample_with_policy(normal2{}, cfg, "normal", {}, true);
    REQUIRE(integ.attempts.size() == 1);
    CHECK(integ.attempts[0].adapt_delta == 0.8);
    CHECK(integ.result.config.adapt_delta == 0.8);
    cfg.adapt_delta = 0.8;
    const auto off = model::sample_with_policy(funnel{}, cfg, "funnel", {.escalate = false});
    REQUIRE(off.attempts.size() == 1);
    CHECK(off.attempts[0].adapt_delta == 0.8);
    CHECK(off.attempts[0].divergences > 0);
    cfg.adapt_delta = 0.999; // above both: used as is, and never lowered by the refit
    const auto high = model::sample_with_policy(funnel{}, cfg, "funnel", {});
    REQUIRE(high.attempts.size() == 1);
    CHECK(high.attempts[0].adapt_delta == 0.999);
}

TEST_CASE("sample_pool: a batch equals its fits run one by one, whatever the threads", "[model][adapt]") {
    // A funnel (escalated in round 2) and a normal (done in round 1) in one pool: each job's draws,
    // attempts and notes equal a separate sample_with_policy run, on 1 and 3 workers.
    auto cfg = small();
    const model::adapt_delta_policy policy{.escalate = true, .first = 0.8, .escalated = 0.99};
    const funnel f;
    const normal2 n;
    auto cfg_n = cfg;
    cfg_n.seed = 12;
    cfg_n.chains = 3;
    const auto alone_f = model::sample_with_policy(f, cfg, "funnel", policy);
    const auto alone_n = model::sample_with_policy(n, cfg_n, "normal", policy, true);
    REQUIRE(alone_f.attempts.size() == 2);
    REQUIRE(alone_n.attempts.size() == 1);
    for (unsigned threads : {1u, 3u}) {
        const auto runs = model::sample_pool(
            {model::make_pool_job(n, cfg_n, "normal", 1, true), model::make_pool_job(f, cfg, "funnel", 5)}, policy,
            threads);
        REQUIRE(runs.size() == 2);
        CHECK(runs[0].result.model_name == "normal");
        CHECK(runs[0].result.chains.size() == 3);
        CHECK(runs[0].attempts.size() == 1);
        CHECK(runs[0].attempts[0].adapt_delta == 0.8);
        CHECK(runs[1].attempts.size() == 2);
        CHECK(runs[1].result.config.adapt_delta == 0.99);
        CHECK(runs[1].summary.verdict.notes == alone_f.summary.verdict.notes);
        for (std::size_t c = 0; c < 2; ++c) CHECK(runs[1].result.chains[c].draws == alone_f.result.chains[c].draws);
        for (std::size_t c = 0; c < 3; ++c) CHECK(runs[0].result.chains[c].draws == alone_n.result.chains[c].draws);
    }
    CHECK_THROWS_AS(model::make_pool_job(
                        n,
                        [] {
                            auto c = small();
                            c.chains = 0;
                            return c;
                        }(),
                        "bad"),
                    std::invalid_argument);
}
