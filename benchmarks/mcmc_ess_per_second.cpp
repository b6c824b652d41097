// Min bulk-ESS per second of fwsize's NUTS on eight schools (non-centred) and a 100-d correlated
// Gaussian, Stan's settings (4 chains x (1000 warmup + 1000 draws), seed 42, one thread so the
// timing is CPU time of sequential chains as rstan with cores = 1). benchmarks/mcmc_compare.sh
// runs this and benchmarks/mcmc_rstan.R side by side. Usage: bench_mcmc_ess_per_second [REPEATS]
// (each repeat runs both targets again and prints a line per target with the 1-minute load average).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include <Eigen/LU>

#include <fwsize/mcmc.hpp>

#include "../tests/runtime/mcmc/test_models.hpp"

namespace {
/// x ~ N(0, S), S = D R D with R_ij = 0.9^|i-j| and sd D_i from 0.5 to 2 (log-spaced).
struct correlated_gaussian {
    int d = 100;
    Eigen::MatrixXd precision;
    correlated_gaussian() {
        Eigen::MatrixXd s(d, d);
        for (int i = 0; i < d; ++i)
            for (int j = 0; j < d; ++j) s(i, j) = std::pow(0.9, std::abs(i - j)) * sd(i) * sd(j);
        precision = s.inverse();
    }
    double sd(int i) const { return std::exp(std::log(0.5) + (std::log(2.0) - std::log(0.5)) * i / (d - 1)); }
    std::size_t dimension() const { return std::size_t(d); }
    std::vector<std::string> parameter_names() const {
        std::vector<std::string> n;
        for (int i = 1; i <= d; ++i) n.push_back("x." + std::to_string(i));
        return n;
    }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& g) const {
        g.noalias() = -(precision * q);
        return 0.5 * q.dot(g);
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        out.assign(q.data(), q.data() + q.size());
    }
};

/// The 1-minute load average: the machine is shared, so every number carries it.
double load1() {
    std::ifstream in("/proc/loadavg");
    double l = -1;
    in >> l;
    return l;
}

template <class M>
void run(const char* name, const M& model, double adapt_delta, int repeat) {
    const double load = load1();
    fwsize::mcmc::sampler_config cfg;
    cfg.refresh = 0;
    cfg.threads = 1;
    cfg.adapt_delta = adapt_delta;
    // CPU seconds as well as the chains' wall clock: on a shared, loaded machine the wall clock
    // also measures other people's jobs (one thread, so process CPU time is the chains' time).
    const std::clock_t c0 = std::clock();
    const auto res = fwsize::mcmc::sample(model, cfg, name);
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const auto t = fwsize::mcmc::summarize(res);
    double min_ess = 1e300, warm = 0, samp = 0;
    for (std::size_t i = t.first_parameter_row; i < t.rows.size(); ++i) min_ess = std::min(min_ess, t.rows[i].ess_bulk);
    long div = 0;
    for (const auto& c : res.chains) {
        warm += c.warmup_seconds;
        samp += c.sampling_seconds;
        div += static_cast<long>(c.draws.col(5).sum());
    }
    double leap = 0;
    for (const auto& c : res.chains) leap += c.draws.col(4).mean() / double(res.chains.size());
    std::printf("fwsize %s repeat %d load1 %.2f min_ess_bulk %.1f warmup_s %.4f sampling_s %.4f ess_per_s_sampling "
                "%.1f ess_per_s_total %.1f "
                "divergent %ld mean_n_leapfrog %.2f cpu_s %.4f ess_per_cpu_s_total %.1f\n",
                name, repeat, load, min_ess, warm, samp, min_ess / samp, min_ess / (warm + samp), div, leap, cpu,
                min_ess / cpu);
}
} // namespace

int main(int argc, char** argv) {
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1;
    const correlated_gaussian cg;
    for (int r = 1; r <= repeats; ++r) {
        run("eight_schools_noncentered", fwsize::test::eight_schools_noncentered{}, 0.95, r);
        run("correlated_gaussian_100", cg, 0.8, r);
    }
}
