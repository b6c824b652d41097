// n_user_pmf — the PMF of the sum of N iid copies of a one-user count, for several N at once: one
// real FFT of the zero-padded one-user PMF, every coefficient raised to each power N (a users x
// frequencies xtensor), one inverse FFT per N. Works for any count quantity
// (new sessions per second, log lines per minute, occupancy).
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

#include <fwsize/detail/xtensor.hpp>
#include <fwsize/predict/detail/spectrum_power.hpp>
#include <fwsize/predict/truncated_pmf.hpp>

namespace fwsize::predict {
inline namespace v0 {

struct n_user_options {
    /// Largest mass allowed outside the computed window for the largest N (one-user truncation
    /// propagated + the wrap-around estimate); 1e-9 = 1e-6 of the p99.9 tail's 1e-3.
    double tolerance = 1e-9;
    std::size_t max_length = std::size_t{1} << 24; ///< FFT length cap
};

struct n_user_pmfs {
    std::vector<std::int64_t> users;
    xt::xtensor<double, 2> pmf;    ///< (users.size(), fft_length): pmf(i, k) = P(sum of users[i] = k)
    std::vector<double> neglected; ///< per N: estimated mass outside the window
    std::size_t fft_length = 0;
    double one_user_mean = 0; ///< mean of the one-user PMF: the N-user mean is exactly N times it
    /// one_user_mean is the closed-form mean of the whole distribution (truncated_pmf::exact_mean),
    /// not only of the part inside the window.
    bool one_user_mean_exact = false;
};

namespace detail {

/// Mass a circular convolution wrapped onto the low end is estimated by the mass in the top
/// eighth of the window: PMFs here decay in their upper tail, so what lies beyond the window is no
/// larger than what sits just below its end. Summed *before* clamping, so that zero-mean FFT
/// round-off cancels instead of piling up as false mass.
inline double top_mass(std::span<const double> row) {
    double s = 0;
    for (std::size_t k = row.size() - row.size() / 8; k < row.size(); ++k) s += row[k];
    return std::abs(s);
}

/// One FFT object per thread: Eigen's kissfft keeps a plan (twiddles) per length inside it, so a
/// long-lived object computes each length's twiddles once instead of once per PMF.
inline Eigen::FFT<double>& thread_fft() {
    thread_local Eigen::FFT<double> fft = [] {
        Eigen::FFT<double> f;
        f.SetFlag(Eigen::FFT<double>::HalfSpectrum);
        return f;
    }();
    return fft;
}

inline void check_users(std::span<const std::int64_t> users) {
    if (users.empty()) throw std::invalid_argument("n_user_pmf: no user counts requested");
    for (auto n : users)
        if (n < 1) throw std::invalid_argument("n_user_pmf: user counts must be >= 1");
}

} // namespace detail

/// N-user PMFs from a one-user PMF `one` (mass beyond it: one.neglected).
inline n_user_pmfs n_user_pmf(const truncated_pmf& one, std::span<const std::int64_t> users,
                              const n_user_options& opt = {}) {
    detail::check_users(users);
    if (one.p.empty()) throw std::invalid_argument("n_user_pmf: empty one-user PMF");
    double m1 = 0, m2 = 0;
    for (std::size_t k = 0; k < one.p.size(); ++k) {
        const double x = static_cast<double>(k);
        m1 += x * one.p[k];
        m2 += x * x * one.p[k];
    }
    const double n_max = static_cast<double>(*std::max_element(users.begin(), users.end()));
    const double var = std::max(0.0, m2 - m1 * m1);
    const double guess = n_max * m1 + 12.0 * std::sqrt(n_max * var) + static_cast<double>(one.p.size()) + 16;
    auto length = std::bit_ceil(static_cast<std::size_t>(std::min(guess, static_cast<double>(opt.max_length))));
    length = std::min(std::max<std::size_t>(length, 16), std::bit_ceil(opt.max_length));

    xt::xtensor<double, 1> n_users = xt::xtensor<double, 1>::from_shape({users.size()});
    for (std::size_t i = 0; i < users.size(); ++i) n_users(i) = static_cast<double>(users[i]);

    auto& fft = detail::thread_fft();
    for (;;) {
        const std::size_t half = length / 2 + 1;
        std::vector<double> padded(length, 0.0);
        const std::size_t copy = std::min(length, one.p.size());
        std::copy_n(one.p.begin(), copy, padded.begin());
        double folded = 0; // one-user mass beyond this window, if the window is shorter
        for (std::size_t k = copy; k < one.p.size(); ++k) folded += one.p[k];

        std::vector<std::complex<double>> spectrum(half);
        fft.fwd(spectrum.data(), padded.data(), static_cast<Eigen::Index>(length));
        // Every power at once: z^N over (users, frequencies).
        auto powered = xt::xtensor<std::complex<double>, 2>::from_shape({users.size(), half});
        detail::spectrum_powers(spectrum, users, powered.data(), half);

        n_user_pmfs out;
        out.users.assign(users.begin(), users.end());
        out.fft_length = length;
        out.one_user_mean = std::isnan(one.exact_mean) ? m1 : one.exact_mean;
        out.one_user_mean_exact = !std::isnan(one.exact_mean);
        out.pmf = xt::xtensor<double, 2>::from_shape({users.size(), length});
        out.neglected.resize(users.size());
        std::vector<double> row(length);
        double worst = 0;
        const double lost1 = one.neglected + folded;
        for (std::size_t i = 0; i < users.size(); ++i) {
            fft.inv(row.data(), &powered(i, 0), static_cast<Eigen::Index>(length));
            const double wrapped = detail::top_mass(row);
            // Round-off leaves |noise| ~ 1e-17 everywhere, negative in the far tail: clamp.
            for (auto& v : row) v = std::max(v, 0.0);
            std::copy(row.begin(), row.end(), &out.pmf(i, 0));
            const double truncation = -std::expm1(n_users(i) * std::log1p(-std::min(lost1, 1.0)));
            out.neglected[i] = truncation + wrapped;
            worst = std::max(worst, wrapped);
        }
        // Below ~1e-13 the estimate is FFT round-off, which a longer window does not reduce.
        if (worst <= std::max(opt.tolerance, 1e-13) || length >= opt.max_length) return out;
        length *= 2;
    }
}

} // namespace v0
} // namespace fwsize::predict
