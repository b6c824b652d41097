// warmup_survivors — the sessions already in the table when a simulated user's observation window
// opens, drawn without simulating every older arrival. An arrival of age a (seconds before the
// window) is still in the table iff its holding H = D + T (duration + the timer of its class)
// exceeds a. Arrivals are drawn per block of ages as totals; each becomes a *candidate* with
// probability S(L) = P(H > L) at the block's youngest age L (S decreases, so S(L) bounds every
// age in the block), a candidate draws its class and duration from (class, D) | D + T > L and an
// age uniform in its second or minute, and is kept iff D + T > age. That is exact rejection
// sampling of the survivors: the cost is O(blocks + survivors), not O(warmup arrivals).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/random/uniform_01.hpp>

#include <fwsize/model/holding_time_draw.hpp>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

/// P(D > c) for each log-normal component j (c > 0): Q((log c - mu_j) / sigma_j).
inline double component_survival(const model::holding_time_draw& h, std::size_t j, double c) {
    if (!(c > 0)) return 1.0;
    if (!(h.sigma[j] > 0)) return std::log(c) < h.mu[j] ? 1.0 : 0.0;
    return 0.5 * std::erfc((std::log(c) - h.mu[j]) / (h.sigma[j] * std::sqrt(2.0)));
}

/// Per protocol and posterior draw, shared by all its users: for blocks of ages, the bound S(L)
/// and the conditional law of (class, duration component) given survival to L.
class warmup_survivors {
public:
    /// `timer_s`/`cum_share`: the timer classes (cumulative shares, last = 1); ages up to
    /// `horizon_s` (whole minutes). Blocks are one minute up to an hour of age, ten minutes beyond.
    warmup_survivors(const model::holding_time_draw& h, std::vector<double> timer_s, std::vector<double> cum_share,
                     double horizon_s)
        : h_(h), timer_s_(std::move(timer_s)), cum_share_(std::move(cum_share)),
          minutes_(int(std::ceil(horizon_s / 60.0 - 1e-9))) {
        const std::size_t nk = timer_s_.size(), nj = h_.weight.size();
        for (int m = 0; m < minutes_; m = m < 60 ? m + 1 : m + 10) block_start_min_.push_back(m);
        block_of_minute_.resize(std::size_t(minutes_));
        for (std::size_t b = 0; b < block_start_min_.size(); ++b)
            for (int m = block_start_min_[b];
                 m < minutes_ && (b + 1 == block_start_min_.size() || m < block_start_min_[b + 1]); ++m)
                block_of_minute_[std::size_t(m)] = b;
        const std::size_t nb = block_start_min_.size();
        bound_.resize(nb);
        class_cum_.resize(nb * nk);
        comp_cum_.resize(nb * nk * (nj + 1));
        for (std::size_t b = 0; b < nb; ++b) {
            const double age = 60.0 * block_start_min_[b];
            double total = 0, prev = 0;
            for (std::size_t k = 0; k < nk; ++k) {
                const double share = cum_share_[k] - prev;
                prev = cum_share_[k];
                const double c = age - timer_s_[k]; // survival needs D > c
                // Slot 0: the zero-duration mass (alive iff c < 0); then the components.
                double* cum = &comp_cum_[(b * nk + k) * (nj + 1)];
                double acc = c < 0 ? h_.p_zero : 0.0;
                cum[0] = acc;
                for (std::size_t j = 0; j < nj; ++j)
                    cum[j + 1] = (acc += (1 - h_.p_zero) * h_.weight[j] * component_survival(h_, j, c));
                if (acc > 0)
                    for (std::size_t j = 0; j <= nj; ++j) cum[j] /= acc;
                total += share * acc;
                class_cum_[b * nk + k] = total;
            }
            bound_[b] = total;
            if (total > 0)
                for (std::size_t k = 0; k < nk; ++k) class_cum_[b * nk + k] /= total;
        }
    }

    [[nodiscard]] int minutes() const { return minutes_; }
    /// P(H > youngest age of the block holding warmup minute m), m = 0 for ages [0, 60).
    [[nodiscard]] double bound(int minute_of_age) const { return bound_[block_of_minute_[std::size_t(minute_of_age)]]; }
    /// E[candidates] per arrival, summed over the warmup minutes: the cost of a user's warmup.
    [[nodiscard]] double expected_candidates_per_rate() const {
        double s = 0;
        for (int m = 0; m < minutes_; ++m) s += 60.0 * bound(m);
        return s;
    }

    /// A candidate at `age` (seconds, inside warmup minute `minute_of_age`): returns its holding
    /// time H if it survives (H > age), or a negative value if not.
    template <class Engine>
    double draw_candidate(int minute_of_age, double age, Engine& eng) const {
        boost::random::uniform_01<double> unif;
        const std::size_t nk = timer_s_.size(), nj = h_.weight.size(), b = block_of_minute_[std::size_t(minute_of_age)];
        std::size_t k = 0;
        if (nk > 1) {
            const double u = unif(eng);
            while (k + 1 < nk && u >= class_cum_[b * nk + k]) ++k;
        }
        const double* cum = &comp_cum_[(b * nk + k) * (nj + 1)];
        const double u = unif(eng);
        double d = 0;
        if (!(u < cum[0])) {
            std::size_t j = 0;
            while (j + 1 < nj && u >= cum[j + 1]) ++j;
            d = conditional_lognormal(j, 60.0 * block_start_min_[b] - timer_s_[k], eng);
        }
        const double h = d + timer_s_[k];
        return h > age ? h : -1.0;
    }

private:
    /// exp(mu + sigma Z) given that it exceeds c: Z drawn from the normal tail beyond (log c - mu)/sigma
    /// by inverting its survival function (accurate far into the tail).
    template <class Engine>
    double conditional_lognormal(std::size_t j, double c, Engine& eng) const {
        boost::random::uniform_01<double> unif;
        const boost::math::normal_distribution<double> n01;
        const double mu = h_.mu[j], sg = h_.sigma[j];
        if (!(sg > 0)) return std::exp(mu);
        const double tail = c > 0 ? component_survival(h_, j, c) : 1.0;
        const double p = std::clamp((1.0 - unif(eng)) * tail, 1e-300, 1.0 - 1e-16); // (1 - U) in (0, 1]
        return std::exp(mu + sg * boost::math::quantile(boost::math::complement(n01, p)));
    }

    model::holding_time_draw h_;
    std::vector<double> timer_s_, cum_share_;
    int minutes_ = 0;
    std::vector<int> block_start_min_;
    std::vector<std::size_t> block_of_minute_;
    std::vector<double> bound_, class_cum_, comp_cum_;
};

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
