// Convergence diagnostics against published values: Stan's Bernoulli test chains (values from
// Stan's tests and R posterior), the synthetic cases of sampler-reference.md §2 (an independent
// re-implementation of posterior), and the E-BFMI values of MCMCDiagnosticTools.jl / ArviZ.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <vector>

#include <fwsize/mcmc/ebfmi.hpp>
#include <fwsize/mcmc/ess.hpp>
#include <fwsize/mcmc/mcse.hpp>
#include <fwsize/mcmc/read_stan_csv.hpp>
#include <fwsize/mcmc/rhat.hpp>

#include "../../catch.hpp"
#include "../../support/shared_data.hpp"

using namespace fwsize::mcmc;

namespace {
/// |got - want| within one unit of the last printed digit of `want` (given with `decimals`).
void check_digits(double got, double want, int decimals) {
    INFO("got " << std::setprecision(15) << got << ", want " << want);
    CHECK(std::abs(got - want) <= std::pow(10.0, -decimals) * (1 + 1e-9)); // printed values may be truncated
}

struct lcg {
    std::uint64_t s = 12345;
    double next() {
        s = (1664525ULL * s + 1013904223ULL) % 4294967296ULL;
        return double(s) / 4294967296.0;
    }
};

Eigen::MatrixXd ar_chains(double phi) {
    lcg g;
    Eigen::MatrixXd x(100, 4);
    for (int c = 0; c < 4; ++c)
        for (int t = 0; t < 100; ++t) {
            const double e = g.next() - 0.5;
            x(t, c) = t == 0 ? e : phi * x(t - 1, c) + e;
        }
    return x;
}

Eigen::MatrixXd bern_column(int col) {
    const auto dir = fwsize::test::shared_dir() / "reference" / "diagnostics";
    Eigen::MatrixXd m(1000, 4);
    for (int c = 0; c < 4; ++c) {
        const auto f = read_stan_csv((dir / ("bern" + std::to_string(c + 1) + ".csv")).string());
        REQUIRE(f.chain.draws.rows() == 1000);
        m.col(c) = f.chain.draws.col(col);
    }
    return m;
}
bool have_bern() {
    const auto p = fwsize::test::shared_dir() / "reference" / "diagnostics" / "bern1.csv";
    if (std::filesystem::exists(p)) return true;
    std::cerr << "\n*** SKIPPED: " << p << " absent ***\n";
    WARN("SKIPPED: " << p << " absent");
    return false;
}
} // namespace

TEST_CASE("Bernoulli chains: R-hat, bulk/tail ESS, basic R-hat and ESS as Stan and posterior") {
    if (!have_bern()) return;
    const Eigen::MatrixXd lp = bern_column(0), theta = bern_column(7);
    check_digits(rhat(lp), 1.00073, 5);
    check_digits(ess_bulk(lp), 1512.7684, 4);
    check_digits(ess_tail(lp), 1591.9707, 4);
    check_digits(rhat_basic(lp), 1.00035489482, 11);
    check_digits(ess_basic(lp, false), 1335.41366787, 8);
    check_digits(ess_basic(lp), 1341.6851277, 7);
    check_digits(rhat(theta), 1.006789, 6);
    check_digits(ess_bulk(theta), 1407.5124, 4);
    check_digits(ess_tail(theta), 1291.7131, 4);
    check_digits(rhat_basic(theta), 1.00721797217, 11);
    check_digits(ess_basic(theta, false), 1377.5030282, 7);
    check_digits(ess_basic(theta), 1412.5651003, 7);
    // MCSE of the mean is sd / sqrt(split basic ESS) by definition.
    const double sd = std::sqrt((theta.array() - theta.mean()).square().sum() / (theta.size() - 1));
    CHECK(mcse_mean(theta) == Approx(sd / std::sqrt(1412.5651003)).epsilon(1e-9));
}

TEST_CASE("synthetic AR chains, cases A-E") {
    SECTION("generator") {
        check_digits(ar_chains(0.5)(0, 0), -0.4795973142609, 13);
    }
    SECTION("A: phi = 0.5") {
        const auto x = ar_chains(0.5);
        check_digits(rhat_basic(x), 1.0619739554, 10);
        check_digits(ess_basic(x), 84.15550724, 8);
        check_digits(rhat_bulk(x), 1.0605357398, 10);
        check_digits(rhat_tail(x), 0.9929323872, 10);
        check_digits(ess_bulk(x), 83.03742286, 8);
        check_digits(ess_tail(x), 221.65677128, 8);
    }
    SECTION("B: A with chain 4 shifted by 0.5") {
        Eigen::MatrixXd x = ar_chains(0.5);
        x.col(3).array() += 0.5;
        check_digits(rhat_basic(x), 1.3654529984, 10);
        check_digits(ess_basic(x), 10.19745034, 8);
        check_digits(rhat_bulk(x), 1.3471741892, 10);
        check_digits(rhat_tail(x), 1.0608654161, 10);
        check_digits(ess_bulk(x), 10.57309825, 8);
        check_digits(ess_tail(x), 32.13510819, 8);
        CHECK(rhat(x) > 1.01); // a shifted chain is caught
    }
    SECTION("C: phi = -0.9 (antithetic, ESS at its cap)") {
        const auto x = ar_chains(-0.9);
        check_digits(rhat_basic(x), 0.9905004536, 10);
        check_digits(ess_basic(x), 1040.82399653, 8);
        check_digits(400 * std::log10(400.0), 1040.82399653, 8);
        check_digits(rhat_bulk(x), 0.9904680269, 10);
        check_digits(rhat_tail(x), 1.2201725362, 10);
        check_digits(ess_bulk(x), 1040.82399653, 8);
        check_digits(ess_tail(x), 41.75089986, 8);
    }
    SECTION("D: phi = 0") {
        const auto x = ar_chains(0.0);
        check_digits(rhat_basic(x), 1.0085493692, 10);
        check_digits(ess_basic(x), 547.91532564, 8);
        check_digits(rhat_bulk(x), 1.0079453479, 10);
        check_digits(rhat_tail(x), 0.9978353269, 10);
        check_digits(ess_bulk(x), 536.15658871, 8);
        check_digits(ess_tail(x), 358.30828682, 8);
    }
    SECTION("E: floor(4u), heavy ties") {
        lcg g;
        Eigen::MatrixXd x(100, 4);
        for (int c = 0; c < 4; ++c)
            for (int t = 0; t < 100; ++t) x(t, c) = std::floor(4 * g.next());
        check_digits(rhat_basic(x), 1.0066329362, 10);
        check_digits(ess_basic(x), 562.57555257, 8);
        check_digits(rhat_bulk(x), 1.0070005238, 10);
        check_digits(rhat_tail(x), 0.9962022193, 10);
        check_digits(ess_bulk(x), 561.95583876, 8);
        check_digits(ess_tail(x), 481.33758761, 8); // Stan's rule: the q95 indicator is constant
    }
}

TEST_CASE("non-finite or constant draws give NaN, never a number") {
    Eigen::MatrixXd x = Eigen::MatrixXd::Constant(50, 2, 3.0);
    CHECK(std::isnan(rhat(x)));
    CHECK(std::isnan(ess_bulk(x)));
    x(3, 1) = NAN;
    CHECK(std::isnan(ess_basic(x)));
}

TEST_CASE("E-BFMI reference values") {
    CHECK(ebfmi(Eigen::Vector4d(1, 2, 3, 4)) == Approx(0.6).epsilon(1e-14));
    Eigen::VectorXd e(26);
    e << 42, 44, 45, 46, 42, 43, 36, 36, 31, 36, 36, 32, 36, 31, 31, 29, 29, 30, 25, 26, 29, 29, 27, 30, 31, 29;
    check_digits(ebfmi(e), 0.2406937229, 10);
}

TEST_CASE("autocovariance equals the direct biased sum") {
    lcg g;
    Eigen::VectorXd x(37);
    for (auto& v : x) v = g.next();
    const Eigen::VectorXd ac = autocovariance(x);
    const double m = x.mean();
    for (int lag : {0, 1, 5, 36}) {
        double s = 0;
        for (int t = 0; t + lag < 37; ++t) s += (x[t] - m) * (x[t + lag] - m);
        CHECK(ac[lag] == Approx(s / 37).margin(1e-14));
    }
}
