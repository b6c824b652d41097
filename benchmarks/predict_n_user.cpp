// N-user PMF of new sessions per second for N = 1e4 users: FFT power (design.md §5) vs the Monte
// Carlo approach (sum N simulated users per replicate) at equal accuracy, in one run.
//
// Accuracy is that of the CDF at the pooled p99.9, the tail the sizing table reports. The FFT's
// error is bounded by its reported neglected mass (+ round-off); Monte Carlo's is its binomial
// standard error sqrt(p (1 - p) / R). Monte Carlo is timed on R_timed replicates (its cost is
// linear in R) and charged for the R that reaches the target; two targets are shown: the FFT's
// own 1e-9, and 1e-5 and 1e-4 (10 % of the tail) that are generous to Monte Carlo. The one run also checks that the two
// agree (z-score of the MC CDF at the FFT's p99 and p99.9).
//
// Usage: bench_predict_n_user [N=10000] [R_timed=2000]
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <span>
#include <vector>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include <fwsize/predict/n_user_pmf.hpp>
#include <fwsize/predict/one_user_pmf.hpp>
#include <fwsize/predict/pmf_quantile.hpp>

namespace {
// Process CPU time: both methods are single-threaded and the benchmark machine is shared, where
// wall time would charge either method for its neighbours' load.
double seconds_since(std::clock_t t0) {
    return static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
}
} // namespace

int main(int argc, char** argv) {
    namespace pr = fwsize::predict;
    const std::int64_t n_users = argc > 1 ? std::atoll(argv[1]) : 10000;
    const std::size_t r_timed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2000;
    fwsize::model::arrival_draw d; // a draw like the bundled captures' tcp+udp `new` series
    d.alpha = std::log(0.5);
    d.sigma_machine = 0.8;
    d.sigma_minute = 1.2;
    d.phi = 2.0;

    // FFT: one-user PMF, then the N-user PMF (every N at once; here one N).
    std::clock_t t0 = std::clock();
    const auto one = pr::one_user_pmf(d);
    const double t_one = seconds_since(t0);
    const std::vector<std::int64_t> users{n_users};
    t0 = std::clock();
    const auto many = pr::n_user_pmf(one, users);
    const double t_power = seconds_since(t0);
    const std::span<const double> p(&many.pmf(0, 0), many.fft_length);
    const auto surv = pr::survival(p, many.neglected[0]);
    const auto q99 = pr::quantile_from_survival(surv, 0.99), q999 = pr::quantile_from_survival(surv, 0.999);
    const double fft_s = t_one + t_power;

    // Monte Carlo: each replicate sums N users (own machine and minute effect, NB2 as gamma-Poisson).
    boost::random::mt19937_64 rng(20261122);
    boost::random::normal_distribution<double> z;
    const double sd = std::hypot(d.sigma_machine, d.sigma_minute);
    std::vector<std::int64_t> sums(r_timed);
    t0 = std::clock();
    for (auto& s : sums) {
        double lambda = 0;
        for (std::int64_t j = 0; j < n_users; ++j)
            lambda += boost::random::gamma_distribution<double>(d.phi, std::exp(d.alpha + sd * z(rng)) / d.phi)(rng);
        s = boost::random::poisson_distribution<std::int64_t, double>(lambda)(rng);
    }
    const double mc_timed_s = seconds_since(t0);
    const double per_rep = mc_timed_s / static_cast<double>(r_timed);
    auto z_at = [&](std::int64_t k) {
        const double f = 1 - surv[static_cast<std::size_t>(k)];
        const double mc = static_cast<double>(std::count_if(sums.begin(), sums.end(), [&](auto v) { return v <= k; })) /
                          static_cast<double>(sums.size());
        return (mc - f) / std::sqrt(f * (1 - f) / static_cast<double>(sums.size()));
    };

    std::printf("| N | FFT length | FFT neglected | one-user PMF s | FFT power s | FFT total s | p99 | p99.9 |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    std::printf("| %lld | %zu | %.1e | %.3f | %.3f | %.3f | %lld | %lld |\n\n", static_cast<long long>(n_users),
                many.fft_length, many.neglected[0], t_one, t_power, fft_s, static_cast<long long>(q99),
                static_cast<long long>(q999));
    std::printf(
        "Monte Carlo: %zu replicates in %.3f s (%.3e s each); z of its CDF at the FFT p99 %.2f, at p99.9 %.2f\n\n",
        r_timed, mc_timed_s, per_rep, z_at(q99), z_at(q999));
    std::printf("| CDF error target at p99.9 | MC replicates | MC time s | FFT time s | FFT / MC speed-up |\n");
    std::printf("|---|---|---|---|---|\n");
    for (double eps : {1e-4, 1e-5, std::max(many.neglected[0], 1e-9)}) {
        const double reps = std::ceil(0.999 * 0.001 / (eps * eps));
        std::printf("| %.0e | %.2e | %.3e | %.3f | %.2e |\n", eps, reps, reps * per_rep, fft_s, reps * per_rep / fft_s);
    }
}
