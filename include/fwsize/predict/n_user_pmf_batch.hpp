// n_user_pmf_batch — n_user_pmf for several posterior draws at once: the draws share one FFT
// length (the longest any of them needs), so the powers of every draw and every N fill one
// (draws x users x frequencies) xtensor; one forward FFT per draw, one inverse per
// (draw, N). Same results as n_user_pmf per draw, on a window at least as long.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include <unsupported/Eigen/FFT>

#include <fwsize/detail/parallel_for.hpp>
#include <fwsize/detail/xtensor.hpp>
#include <fwsize/predict/detail/spectrum_power.hpp>
#include <fwsize/predict/n_user_pmf.hpp>
#include <fwsize/predict/pmf_quantile.hpp>
#include <fwsize/predict/truncated_pmf.hpp>

namespace fwsize::predict {
inline namespace v0 {

namespace detail {
/// First window length n_user_pmf would try for one draw.
inline std::size_t first_length(const truncated_pmf& one, double n_max, const n_user_options& opt) {
    double m1 = 0, m2 = 0;
    for (std::size_t k = 0; k < one.p.size(); ++k) {
        const double x = static_cast<double>(k);
        m1 += x * one.p[k];
        m2 += x * x * one.p[k];
    }
    const double var = std::max(0.0, m2 - m1 * m1);
    const double guess = n_max * m1 + 12.0 * std::sqrt(n_max * var) + static_cast<double>(one.p.size()) + 16;
    auto length = std::bit_ceil(static_cast<std::size_t>(std::min(guess, static_cast<double>(opt.max_length))));
    return std::min(std::max<std::size_t>(length, 16), std::bit_ceil(opt.max_length));
}
} // namespace detail

/// `threads` (0 = all cores) share the draws; each draw's spectra and PMFs are its own, so results
/// never depend on the thread count.
inline std::vector<n_user_pmfs> n_user_pmf_batch(std::span<const truncated_pmf> ones,
                                                 std::span<const std::int64_t> users, const n_user_options& opt = {},
                                                 unsigned threads = 1) {
    detail::check_users(users);
    if (ones.empty()) return {};
    const double n_max = static_cast<double>(*std::max_element(users.begin(), users.end()));
    std::size_t length = 0;
    for (const auto& one : ones) {
        if (one.p.empty()) throw std::invalid_argument("n_user_pmf_batch: empty one-user PMF");
        length = std::max(length, detail::first_length(one, n_max, opt));
    }
    const std::size_t nd = ones.size(), nu = users.size();
    xt::xtensor<double, 1> n_users = xt::xtensor<double, 1>::from_shape({nu});
    for (std::size_t i = 0; i < nu; ++i) n_users(i) = static_cast<double>(users[i]);

    for (;;) {
        const std::size_t half = length / 2 + 1;
        xt::xtensor<std::complex<double>, 3> powered = xt::xtensor<std::complex<double>, 3>::from_shape({nd, nu, half});
        std::vector<double> lost1(nd), mean1(nd), worst(nd, 0.0);
        std::vector<n_user_pmfs> out(nd);
        fwsize::detail::parallel_for(nd, threads, [&](std::size_t d) {
            auto& fft = detail::thread_fft();
            const auto& one = ones[d];
            std::vector<double> padded(length, 0.0);
            const std::size_t copy = std::min(length, one.p.size());
            std::copy_n(one.p.begin(), copy, padded.begin());
            double folded = 0;
            for (std::size_t k = copy; k < one.p.size(); ++k) folded += one.p[k];
            lost1[d] = one.neglected + folded;
            mean1[d] = std::isnan(one.exact_mean) ? pmf_mean(one.p) : one.exact_mean;
            std::vector<std::complex<double>> spectrum(half);
            fft.fwd(spectrum.data(), padded.data(), static_cast<Eigen::Index>(length));
            // Every N of this draw at once: z^N over (users, frequencies); the draws' slabs of the
            // (draws, users, frequencies) tensor are filled side by side.
            detail::spectrum_powers(spectrum, users, &powered(d, 0, 0), half);

            auto& r = out[d];
            r.users.assign(users.begin(), users.end());
            r.fft_length = length;
            r.one_user_mean = mean1[d];
            r.one_user_mean_exact = !std::isnan(one.exact_mean);
            r.pmf = xt::xtensor<double, 2>::from_shape({nu, length});
            r.neglected.resize(nu);
            for (std::size_t i = 0; i < nu; ++i) {
                double* row = &r.pmf(i, 0);
                fft.inv(row, &powered(d, i, 0), static_cast<Eigen::Index>(length));
                const double wrapped = detail::top_mass({row, length});
                for (std::size_t k = 0; k < length; ++k) row[k] = std::max(row[k], 0.0); // round-off, as in n_user_pmf
                r.neglected[i] = -std::expm1(n_users(i) * std::log1p(-std::min(lost1[d], 1.0))) + wrapped;
                worst[d] = std::max(worst[d], wrapped);
            }
        });
        if (*std::max_element(worst.begin(), worst.end()) <= std::max(opt.tolerance, 1e-13) || length >= opt.max_length)
            return out;
        length *= 2;
    }
}

} // namespace v0
} // namespace fwsize::predict
