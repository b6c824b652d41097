// autocovariance — biased (divisor N) sample autocovariance of one chain by FFT, as Stan's
// autocovariance.hpp and R's acf(type = "covariance"): zero-pad to twice a fast FFT size.
#pragma once

#include <complex>
#include <vector>

#include <Eigen/Core>
#include <unsupported/Eigen/FFT>

namespace fwsize::mcmc {
inline namespace v0 {

namespace detail {
/// Smallest n' >= n whose only prime factors are 2, 3 and 5 (fast for kissfft).
inline std::size_t fft_next_good_size(std::size_t n) {
    if (n <= 2) return 2;
    for (;; ++n) {
        std::size_t m = n;
        for (std::size_t f : {2u, 3u, 5u})
            while (m % f == 0) m /= f;
        if (m == 1) return n;
    }
}
} // namespace detail

/// Lags 0..N-1 of the autocovariance of x, lag 0 = var(x)(N-1)/N.
inline Eigen::VectorXd autocovariance(const Eigen::VectorXd& x) {
    const auto n = static_cast<std::size_t>(x.size());
    if (n == 0) return {};
    const std::size_t padded = 2 * detail::fft_next_good_size(n);
    const double mean = x.mean();
    std::vector<double> sig(padded, 0.0);
    for (std::size_t i = 0; i < n; ++i) sig[i] = x[Eigen::Index(i)] - mean;
    Eigen::FFT<double> fft;
    std::vector<std::complex<double>> freq;
    fft.fwd(freq, sig);
    for (auto& f : freq) f = std::norm(f);
    std::vector<std::complex<double>> back;
    fft.inv(back, freq);
    Eigen::VectorXd ac(x.size());
    const double centred_ss = (x.array() - mean).square().sum();
    if (back[0].real() == 0) return Eigen::VectorXd::Zero(x.size());
    // Normalise through lag 0 so that FFT scaling conventions cannot matter.
    for (std::size_t i = 0; i < n; ++i) ac[Eigen::Index(i)] = back[i].real() / back[0].real() * centred_ss / double(n);
    return ac;
}

} // namespace v0
} // namespace fwsize::mcmc
