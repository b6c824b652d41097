// Quantiles of the simulated quantities when some draws reach the PMF window or are cut (as on the
// bundled captures: 4 of 40 draws cut, 12 with mass beyond the one-user window). A direct Monte
// Carlo of the same draws — N iid values from each draw's one-user PMF, the neglected mass drawn as
// "beyond" — is the oracle: every quantile below the window must be the Monte Carlo one (within
// its error), and a quantile shown as the window length must be one the Monte Carlo puts at or
// beyond the window ("at least that"), pooled and per draw; and the row marks exactly those.
#include <fwsize/predict/n_user_pmf_batch.hpp>
#include <fwsize/predict/one_user_pmf.hpp>
#include <fwsize/predict/pmf_quantile.hpp>
#include <fwsize/predict/posterior_interval.hpp>
#include <fwsize/predict/predict_quantity.hpp>

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "../../catch.hpp"

using fwsize::model::arrival_draw;
namespace pr = fwsize::predict;

namespace {

constexpr double beyond = std::numeric_limits<double>::infinity();

/// Sums of `n` iid values from a truncated PMF; the neglected mass is an extra outcome, "beyond".
std::vector<double> mc_sums(const pr::truncated_pmf& one, std::int64_t n, std::size_t reps, std::uint64_t seed) {
    std::vector<double> w(one.p.begin(), one.p.end());
    w.push_back(std::max(one.neglected, 0.0));
    boost::random::discrete_distribution<std::size_t, double> pick(w.begin(), w.end());
    boost::random::mt19937_64 eng(seed);
    std::vector<double> out(reps);
    for (auto& s : out) {
        double sum = 0;
        for (std::int64_t j = 0; j < n; ++j) {
            const std::size_t k = pick(eng);
            sum += k == one.p.size() ? beyond : static_cast<double>(k);
        }
        s = sum;
    }
    return out;
}

/// Share of the samples <= x.
double share_at_most(const std::vector<double>& sorted, double x) {
    return static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), x) - sorted.begin()) /
           static_cast<double>(sorted.size());
}

/// A quantile q at probability p below the window L agrees with the samples when
/// P(X <= q) >= p and P(X <= q - 1) < p, each within `tol`; q = L ("at least L") agrees when the
/// samples do not reach p below L.
void check_quantile(const std::vector<double>& sorted, double q, double p, double window, double tol) {
    INFO("quantile " << q << " at p = " << p << ", window " << window << ", MC P(X <= q) " << share_at_most(sorted, q)
                     << ", P(X <= q - 1) " << share_at_most(sorted, q - 1));
    if (q >= window) {
        CHECK(share_at_most(sorted, window - 1) < p + tol);
        return;
    }
    CHECK(share_at_most(sorted, q) >= p - tol);
    CHECK(share_at_most(sorted, q - 1) < p + tol);
}

} // namespace

TEST_CASE(
    "window: quantiles below the PMF window match a direct Monte Carlo of the same draws; those at it are beyond") {
    // 18 draws with heavy tails (phi 0.3, sigma up to 1.8, one-user window 2048: several keep mass
    // beyond it) and 2 cut draws (all mass beyond the window), as predict_quantity receives them.
    std::vector<pr::truncated_pmf> ones;
    for (int i = 0; i < 18; ++i) {
        arrival_draw d;
        d.alpha = 0.5 + 0.15 * (i % 6);
        d.sigma_machine = 0.6 + 0.2 * (i % 7);
        d.sigma_minute = 0.5;
        d.phi = 0.3;
        ones.push_back(pr::one_user_pmf(d, {.tail_tolerance = 1e-9, .max_length = 2048}));
    }
    ones.insert(ones.begin() + 5, pr::truncated_pmf{{0.0}, 1.0});
    ones.push_back(pr::truncated_pmf{{0.0}, 1.0});
    std::size_t with_neglect = 0;
    for (const auto& o : ones) with_neglect += o.neglected > 1e-4;
    REQUIRE(with_neglect >= 6); // the scenario has draws that reach the window, not only cut ones

    pr::prediction_options opt;
    opt.users = {1, 10, 40};
    opt.max_draws = ones.size();
    opt.periods_per_hour = 60;
    opt.n_user.max_length = std::size_t{1} << 14;
    opt.threads = 2;
    const auto of = [&](std::size_t i) { return ones[i]; };
    const auto q = pr::predict_quantity("log_lines_per_minute", ones.size(), of, opt);
    REQUIRE(q.rows.size() == 3);
    // The per-draw N-user PMFs as predict_quantity computes them (one batch at this size).
    const auto batch = pr::n_user_pmf_batch(ones, opt.users, opt.n_user, 2);

    const std::size_t reps = 20000;
    const double tol = 4.5 * std::sqrt(0.25 / reps); // a binomial share's error, with room for 6 x 20 checks
    bool some_below = false, some_at = false;
    for (std::size_t i = 0; i < opt.users.size(); ++i) {
        const auto n = opt.users[i];
        INFO("N " << n);
        std::vector<double> pooled, p95, p99;
        for (std::size_t d = 0; d < ones.size(); ++d) {
            auto s = mc_sums(ones[d], n, reps, 7000 + 100 * d + i);
            std::sort(s.begin(), s.end());
            pooled.insert(pooled.end(), s.begin(), s.end());
            // Per draw: the FFT quantile against the Monte Carlo of that draw.
            const std::span<const double> p(&batch[d].pmf(i, 0), batch[d].fft_length);
            const auto surv = pr::survival(p, batch[d].neglected[i]);
            const double window = static_cast<double>(batch[d].fft_length);
            for (double prob : {0.5, 0.95, 0.99}) {
                INFO("draw " << d);
                const auto k = static_cast<double>(pr::quantile_from_survival(surv, prob));
                check_quantile(s, k, prob, window, tol);
                (k >= window ? some_at : some_below) = true;
            }
            p95.push_back(static_cast<double>(pr::quantile_from_survival(surv, 0.95)));
            p99.push_back(static_cast<double>(pr::quantile_from_survival(surv, 0.99)));
        }
        // The row's per-draw summaries are those per-draw quantiles' median and 90 % interval.
        const auto& r = q.rows[i];
        const auto a = pr::summarise_draws(p95), b = pr::summarise_draws(p99);
        CHECK(r.p95_median == a.median);
        CHECK(r.p95_lo == a.lo);
        CHECK(r.p95_hi == a.hi);
        CHECK(r.p99_median == b.median);
        CHECK(r.p99_hi == b.hi);
        // Pooled: the mixture of all draws' samples (cut draws' all beyond).
        std::sort(pooled.begin(), pooled.end());
        const double window = static_cast<double>(q.length_max[i]);
        const double ptol = 4.5 * std::sqrt(0.25 / static_cast<double>(pooled.size())) + 1e-9;
        check_quantile(pooled, r.pooled_p50, 0.5, window, ptol);
        check_quantile(pooled, r.pooled_p95, 0.95, window, ptol);
        check_quantile(pooled, r.pooled_p99, 0.99, window, ptol);
        // Cut draws are 2 of 20: the pooled p95 and above must show the window ("at least").
        CHECK(r.pooled_p95 == window);
        CHECK(r.pooled_p50 < window);
        // The row says which values are lower bounds: the pooled ones at the window, and a per-draw
        // summary exactly when a censored draw (quantile at its window) ranks at or below the upper
        // order statistic it interpolates (there a larger true value could move it).
        CHECK(r.is_at_least("pooled_mean")); // cut draws count as 0 in it
        CHECK(r.is_at_least("pooled_p95"));
        CHECK(r.is_at_least("pooled_p99"));
        CHECK_FALSE(r.is_at_least("pooled_p50"));
        CHECK(r.is_at_least("pooled_p999") == (r.pooled_p999 >= window));
        const auto censored_summary = [&](const std::vector<double>& v, double prob) {
            std::vector<double> sorted = v;
            std::sort(sorted.begin(), sorted.end());
            const auto hi = static_cast<std::size_t>(std::ceil((static_cast<double>(v.size()) - 1) * prob));
            for (std::size_t d = 0; d < v.size(); ++d) {
                const double w = static_cast<double>(batch[d].fft_length);
                if (v[d] >= w && v[d] <= sorted[hi]) return true;
            }
            return false;
        };
        CHECK(r.is_at_least("p95_median") == censored_summary(p95, 0.5));
        CHECK(r.is_at_least("p95_hi") == censored_summary(p95, 0.95));
        CHECK(r.is_at_least("p99_lo") == censored_summary(p99, 0.05));
        CHECK(r.is_at_least("p99_hi") == censored_summary(p99, 0.95));
        CHECK(r.is_at_least("p99_hi")); // 2 cut draws of 20 reach the 95 % point
        CHECK_FALSE(r.is_at_least("p95_median"));
    }
    CHECK(some_below);
    CHECK(some_at);
}
