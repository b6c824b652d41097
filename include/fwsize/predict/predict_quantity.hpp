// predict_quantity — from per-draw N-user PMFs to the sizing rows and exceedance curves of one
// quantity: per draw its quantiles (summarised as posterior median + credible interval), and the
// pooled predictive (the PMFs averaged over draws). Generic: the caller says how a draw becomes
// N-user PMFs (summarise_n_user: a shock mixture, ...) or a one-user PMF (predict_quantity: the
// FFT power, batched over draws).
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <fwsize/detail/parallel_for.hpp>
#include <fwsize/predict/mixed_nb2_pmf.hpp>
#include <fwsize/predict/n_user_pmf.hpp>
#include <fwsize/predict/n_user_pmf_batch.hpp>
#include <fwsize/predict/pmf_quantile.hpp>
#include <fwsize/predict/posterior_interval.hpp>
#include <fwsize/predict/sizing_row.hpp>
#include <fwsize/predict/thin_draws.hpp>

namespace fwsize::predict {
inline namespace v0 {

struct prediction_options {
    std::vector<std::int64_t> users{1, 10, 50, 100};
    /// Periods in an hour: 3600 for a per-second quantity, 60 for a per-minute one. The "peak of a
    /// busy hour" is the per-draw quantile 1 - 1/periods_per_hour: the level the office reaches
    /// or exceeds, on average, in one period per hour (docs/prediction.md).
    double periods_per_hour = 3600;
    std::size_t max_draws = 500;
    double credible_level = 0.9;
    mixed_pmf_options one_user{};
    n_user_options n_user{};
    /// Threads for the per-draw work (0 = all cores). Each draw's result lands in its own slot and
    /// the slots are combined in draw order, so results never depend on it (byte-identical).
    unsigned threads = 0;
};

/// P(X > x) levels at which curves are drawn.
inline const std::vector<double>& exceedance_levels() {
    static const std::vector<double> levels{0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01, 5e-3, 2e-3, 1e-3, 5e-4, 2e-4, 1e-4};
    return levels;
}

/// The predictive distribution of one N drawn as counts at each exceedance level: pooled, and the
/// per-draw quantile's posterior median and interval (the credible band).
struct exceedance_curve {
    std::int64_t users = 1;
    std::vector<double> exceedance, pooled, median, lo, hi;
};

struct quantity_prediction {
    std::string quantity;
    std::vector<sizing_row> rows;         ///< one per N, in the order of options.users
    std::vector<exceedance_curve> curves; ///< one per N
    std::vector<double> neglected_max;    ///< per N: largest mass left outside a draw's window
    std::vector<std::size_t> length_max;  ///< per N: longest FFT window used
    std::size_t draws = 0;                ///< posterior draws used (after thinning)
    /// Per-draw one-user means: their posterior median (a robust "typical user" figure) and the
    /// largest draw's share of their sum. The pooled mean is their average: when one draw holds
    /// much of it (a heavy posterior tail, e.g. sigma_machine near its prior makes
    /// E exp(sigma^2 / 2) barely finite), the pooled mean is a Monte Carlo figure that moves with
    /// the seed — the quantiles are the numbers to size by.
    double one_user_mean_median = 0, one_user_mean_largest_share = 0;
};

namespace detail {

/// Collects per-draw N-user PMFs (in any grouping) into one quantity_prediction.
class quantity_accumulator {
public:
    explicit quantity_accumulator(const prediction_options& opt)
        : opt_(opt), nu_(opt.users.size()), p95_(nu_), p99_(nu_), peak_(nu_), p95c_(nu_), p99c_(nu_), peakc_(nu_),
          pooled_(nu_), at_level_(nu_, std::vector<std::vector<double>>(exceedance_levels().size())),
          pooled_neglected_(nu_, 0.0), neglected_max_(nu_, 0.0), length_max_(nu_, 0) {}

    void add(const n_user_pmfs& r) {
        const auto& levels = exceedance_levels();
        const double peak_prob = 1.0 - 1.0 / opt_.periods_per_hour;
        mean1_ += r.one_user_mean;
        means_.push_back(r.one_user_mean);
        all_exact_ = all_exact_ && r.one_user_mean_exact;
        ++draws_;
        for (std::size_t i = 0; i < nu_; ++i) {
            std::span<const double> p(&r.pmf(i, 0), r.fft_length);
            const auto s = survival(p, r.neglected[i]);
            // A quantile equal to the window (r.fft_length) lies at or beyond it: censored.
            const auto q = [&](double prob, std::vector<double>& v, std::vector<bool>& c) {
                const auto k = quantile_from_survival(s, prob);
                v.push_back(static_cast<double>(k));
                c.push_back(static_cast<std::size_t>(k) >= r.fft_length);
            };
            q(0.95, p95_[i], p95c_[i]);
            q(0.99, p99_[i], p99c_[i]);
            q(peak_prob, peak_[i], peakc_[i]);
            for (std::size_t l = 0; l < levels.size(); ++l)
                at_level_[i][l].push_back(static_cast<double>(quantile_from_survival(s, 1.0 - levels[l])));
            if (pooled_[i].size() < p.size()) pooled_[i].resize(p.size(), 0.0);
            for (std::size_t k = 0; k < p.size(); ++k) pooled_[i][k] += p[k];
            pooled_neglected_[i] += r.neglected[i];
            neglected_max_[i] = std::max(neglected_max_[i], r.neglected[i]);
            length_max_[i] = std::max(length_max_[i], r.fft_length);
        }
    }

    quantity_prediction finish(std::string quantity) {
        const auto& levels = exceedance_levels();
        quantity_prediction out;
        out.quantity = std::move(quantity);
        out.draws = draws_;
        out.neglected_max = neglected_max_;
        out.length_max = length_max_;
        if (draws_ == 0) return out;
        const double nd = static_cast<double>(draws_);
        const double mean1 = mean1_ / nd;
        out.one_user_mean_median = summarise_draws(means_).median;
        out.one_user_mean_largest_share = mean1_ > 0 ? *std::max_element(means_.begin(), means_.end()) / mean1_ : 0.0;
        for (std::size_t i = 0; i < nu_; ++i) {
            for (auto& v : pooled_[i]) v /= nd;
            const auto s = survival(pooled_[i], pooled_neglected_[i] / nd);
            sizing_row row;
            row.quantity = out.quantity;
            row.users = opt_.users[i];
            // N times the one-user mean: exactly additive in N by construction (the FFT PMF's own
            // mean agrees to round-off; tests check both).
            row.pooled_mean = static_cast<double>(opt_.users[i]) * mean1;
            row.pooled_p50 = static_cast<double>(quantile_from_survival(s, 0.5));
            row.pooled_p95 = static_cast<double>(quantile_from_survival(s, 0.95));
            row.pooled_p99 = static_cast<double>(quantile_from_survival(s, 0.99));
            row.pooled_p999 = static_cast<double>(quantile_from_survival(s, 0.999));
            const auto a = summarise_draws(p95_[i], opt_.credible_level);
            const auto b = summarise_draws(p99_[i], opt_.credible_level);
            const auto c = summarise_draws(peak_[i], opt_.credible_level);
            row.p95_median = a.median, row.p95_lo = a.lo, row.p95_hi = a.hi;
            row.p99_median = b.median, row.p99_lo = b.lo, row.p99_hi = b.hi;
            row.peak_hour_median = c.median, row.peak_hour_lo = c.lo, row.peak_hour_hi = c.hi;
            // Which values are only lower bounds ("at least"): the table marks them.
            const double window = static_cast<double>(s.size());
            const double tail = (1.0 - opt_.credible_level) / 2.0;
            const auto mark = [&](const char* column, bool at_least) {
                if (at_least) row.at_least.emplace_back(column);
            };
            // Without closed forms the mean counts only the mass inside the windows: a lower bound
            // once some draw left more than the target tolerance outside.
            mark("pooled_mean", !all_exact_ && neglected_max_[i] > opt_.n_user.tolerance);
            mark("pooled_p50", row.pooled_p50 >= window);
            mark("pooled_p95", row.pooled_p95 >= window);
            mark("pooled_p99", row.pooled_p99 >= window);
            mark("pooled_p999", row.pooled_p999 >= window);
            const std::vector<double>* v[] = {&p95_[i], &p99_[i], &peak_[i]};
            const std::vector<bool>* cs[] = {&p95c_[i], &p99c_[i], &peakc_[i]};
            const char* names[][3] = {{"p95_median", "p95_lo", "p95_hi"},
                                      {"p99_median", "p99_lo", "p99_hi"},
                                      {"peak_hour_median", "peak_hour_lo", "peak_hour_hi"}};
            for (std::size_t k = 0; k < 3; ++k) {
                mark(names[k][0], touches_censored(*v[k], *cs[k], 0.5));
                mark(names[k][1], touches_censored(*v[k], *cs[k], tail));
                mark(names[k][2], touches_censored(*v[k], *cs[k], 1.0 - tail));
            }
            out.rows.push_back(row);
            exceedance_curve curve;
            curve.users = opt_.users[i];
            for (std::size_t l = 0; l < levels.size(); ++l) {
                const auto ci = summarise_draws(at_level_[i][l], opt_.credible_level);
                curve.exceedance.push_back(levels[l]);
                curve.pooled.push_back(static_cast<double>(quantile_from_survival(s, 1.0 - levels[l])));
                curve.median.push_back(ci.median);
                curve.lo.push_back(ci.lo);
                curve.hi.push_back(ci.hi);
            }
            out.curves.push_back(std::move(curve));
        }
        return out;
    }

private:
    const prediction_options& opt_;
    std::size_t nu_, draws_ = 0;
    double mean1_ = 0;
    std::vector<double> means_; // per draw, in draw order
    bool all_exact_ = true;     // every draw's one-user mean is a closed form
    std::vector<std::vector<double>> p95_, p99_, peak_;
    std::vector<std::vector<bool>> p95c_, p99c_, peakc_; // per draw: the quantile is beyond its window
    std::vector<std::vector<double>> pooled_;
    std::vector<std::vector<std::vector<double>>> at_level_;
    std::vector<double> pooled_neglected_, neglected_max_;
    std::vector<std::size_t> length_max_;
};

} // namespace detail

/// `of_draw(i)` gives draw i's N-user PMFs; it is called from opt.threads threads at once (so it
/// must be safe to call concurrently), and the results are combined in draw order.
template <class NUserOfDraw>
requires std::invocable<NUserOfDraw&, std::size_t> quantity_prediction summarise_n_user(std::string quantity,
                                                                                        std::size_t draws,
                                                                                        NUserOfDraw&& of_draw,
                                                                                        const prediction_options& opt) {
    detail::quantity_accumulator acc(opt);
    const auto idx = thin_draws(draws, opt.max_draws);
    // Chunks of a few draws per thread bound the memory of the slots (draws x N x window doubles).
    const std::size_t chunk = 8 * std::size_t{fwsize::detail::worker_count(opt.threads, idx.size())};
    std::vector<n_user_pmfs> slots;
    for (std::size_t first = 0; first < idx.size(); first += chunk) {
        const std::size_t n = std::min(chunk, idx.size() - first);
        slots.assign(n, n_user_pmfs{});
        fwsize::detail::parallel_for(n, opt.threads, [&](std::size_t j) { slots[j] = of_draw(idx[first + j]); });
        for (const auto& r : slots) acc.add(r);
    }
    return acc.finish(std::move(quantity));
}

/// The generic entry: `one_user_of_draw(i)` gives draw i's one-user PMF (of any count quantity:
/// new sessions per second, log lines per minute, occupancy); N users by the FFT power.
template <class OneUserOfDraw>
requires std::invocable<OneUserOfDraw&, std::size_t>
    quantity_prediction predict_quantity(std::string quantity, std::size_t draws, OneUserOfDraw&& one_user_of_draw,
                                         const prediction_options& opt) {
    // Draws go through n_user_pmf_batch in groups whose powered spectra (draws x N x L/2 complex
    // numbers) stay under ~64 MB; a draw that alone needs more goes alone.
    constexpr double budget = double(std::size_t{1} << 22);
    detail::quantity_accumulator acc(opt);
    std::vector<truncated_pmf> pending;
    std::size_t pending_length = 0;
    const double n_max = static_cast<double>(*std::max_element(opt.users.begin(), opt.users.end()));
    const double nu = static_cast<double>(opt.users.size());
    auto flush = [&] {
        for (const auto& r : n_user_pmf_batch(pending, opt.users, opt.n_user, opt.threads)) acc.add(r);
        pending.clear();
        pending_length = 0;
    };
    for (std::size_t idx : thin_draws(draws, opt.max_draws)) {
        truncated_pmf one = one_user_of_draw(idx);
        const std::size_t length = std::max(pending_length, detail::first_length(one, n_max, opt.n_user));
        if (!pending.empty() && static_cast<double>(pending.size() + 1) * nu * static_cast<double>(length / 2) > budget)
            flush();
        pending_length = std::max(pending_length, detail::first_length(one, n_max, opt.n_user));
        pending.push_back(std::move(one));
    }
    if (!pending.empty()) flush();
    return acc.finish(std::move(quantity));
}

} // namespace v0
} // namespace fwsize::predict
