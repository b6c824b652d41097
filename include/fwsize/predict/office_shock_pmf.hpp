// office_shock_pmf — N-user PMFs when a share rho of the minute effect's variance is common to the
// whole office (9:00 log-ons, update waves). Given the common shock c ~ N(0,1) users are iid, so
// the N-user PMF is the normal mixture over c of FFT powers of the conditional one-user PMF,
// integrated by the trapezoid rule on a grid fine enough to resolve the N-user spread in c.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>

#include <fwsize/model/arrival_draw.hpp>
#include <fwsize/predict/n_user_pmf.hpp>
#include <fwsize/predict/one_user_pmf.hpp>

namespace fwsize::predict {
inline namespace v0 {

struct office_shock_options {
    std::size_t max_nodes = 121; ///< cap on quadrature nodes in the shock
};

namespace detail {
/// Adds weight * src into acc (rows = users), growing acc's length when src is longer.
inline void accumulate(n_user_pmfs& acc, const n_user_pmfs& src, double weight) {
    if (acc.pmf.size() == 0) {
        acc.users = src.users;
        acc.pmf = xt::zeros<double>(src.pmf.shape());
        acc.neglected.assign(src.users.size(), 0.0);
    }
    if (src.fft_length > acc.fft_length) {
        xt::xtensor<double, 2> grown = xt::zeros<double>({src.users.size(), src.fft_length});
        if (acc.fft_length > 0) xt::view(grown, xt::all(), xt::range(0, acc.fft_length)) = acc.pmf;
        acc.pmf = std::move(grown);
        acc.fft_length = src.fft_length;
    }
    xt::view(acc.pmf, xt::all(), xt::range(0, src.fft_length)) += weight * src.pmf;
    for (std::size_t i = 0; i < src.users.size(); ++i) acc.neglected[i] += weight * src.neglected[i];
    acc.one_user_mean += weight * src.one_user_mean;
}
} // namespace detail

/// N-user PMFs of the `new` series for one draw under an office-wide shock share rho in [0, 1].
inline n_user_pmfs n_user_pmf_with_shock(const model::arrival_draw& d, std::span<const std::int64_t> users, double rho,
                                         const mixed_pmf_options& one = {}, const n_user_options& many = {},
                                         const office_shock_options& shock = {}) {
    if (!(rho >= 0 && rho <= 1)) throw std::invalid_argument("n_user_pmf_with_shock: rho must be in [0, 1]");
    if (rho == 0 || d.sigma_minute == 0) return n_user_pmf(one_user_pmf(d, one), users, many);
    detail::check_users(users);
    // Spacing: the conditional N-user mean moves as exp(sigma_minute sqrt(rho) c); resolve it to a
    // fraction of the N-user coefficient of variation (log-normal-NB moments of an active minute).
    const double n_max = static_cast<double>(*std::max_element(users.begin(), users.end()));
    const double s2 = d.sigma_machine * d.sigma_machine + (1 - rho) * d.sigma_minute * d.sigma_minute;
    const double m = std::exp(d.alpha + s2 / 2);
    const double second = m + (1 + (std::isfinite(d.phi) ? 1 / d.phi : 0.0)) * std::exp(2 * d.alpha + 2 * s2);
    const double cv_n = std::sqrt(std::max(second - m * m, 0.0) / n_max) / m;
    const double slope = d.sigma_minute * std::sqrt(rho);
    const double range = 8.5;
    const double h = std::clamp(0.5 * cv_n / slope,
                                2 * range / static_cast<double>(std::max<std::size_t>(shock.max_nodes, 3) - 1), 0.5);
    const auto half = static_cast<std::int64_t>(std::ceil(range / h));
    double total = 0;
    for (std::int64_t j = -half; j <= half; ++j) total += std::exp(-0.5 * std::pow(static_cast<double>(j) * h, 2));
    // A node of weight w only needs its own tails to tolerance / w: far shocks (w ~ 1e-16) would
    // otherwise demand windows of 1e7 for mass that cannot matter. Nodes lighter than a
    // thousandth of the tolerance are skipped and their weight reported as neglected.
    n_user_pmfs acc;
    double skipped = 0;
    for (std::int64_t j = -half; j <= half; ++j) {
        const double c = static_cast<double>(j) * h;
        const double w = std::exp(-0.5 * c * c) / total;
        if (w < 1e-3 * many.tolerance) {
            skipped += w;
            continue;
        }
        mixed_pmf_options node_one = one;
        node_one.tail_tolerance = std::min(1e-3, std::max(one.tail_tolerance, one.tail_tolerance / w));
        n_user_options node_many = many;
        node_many.tolerance = std::min(1e-3, std::max(many.tolerance, many.tolerance / w));
        detail::accumulate(acc, n_user_pmf(one_user_pmf(d, node_one, c, rho), users, node_many), w);
    }
    for (auto& v : acc.neglected) v += skipped;
    acc.one_user_mean /= 1.0 - skipped; // the mean of the nodes kept, renormalised
    return acc;
}

} // namespace v0
} // namespace fwsize::predict
