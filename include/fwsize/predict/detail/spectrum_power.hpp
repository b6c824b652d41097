// spectrum_power — every N-th power of an FFT spectrum, the heart of the N-user PMF: z^N for each
// user count N and frequency, by binary exponentiation in plain complex multiplications.
// exp(N log z) costs a complex log and, per N, a complex exp (sincos + exp): on the size job's
// 2^18-point spectra that was the largest share of the prediction. Squaring is no less accurate:
// both routes scale the spectrum's own rounding error by N (tests: against the polar form).
#pragma once

#include <algorithm>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace fwsize::predict {
inline namespace v0 {
namespace detail {

/// a * b written out: GCC's operator* calls __muldc3 to recover infinities (C99 Annex G), which
/// a spectrum of probabilities never holds (|z| <= 1).
inline std::complex<double> times(std::complex<double> a, std::complex<double> b) {
    return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

/// z^n for n >= 0.
inline std::complex<double> integer_power(std::complex<double> z, std::int64_t n) {
    std::complex<double> r{1.0, 0.0};
    for (; n > 0; n >>= 1) {
        if (n & 1) r = times(r, z);
        if (n > 1) z = times(z, z);
    }
    return r;
}

/// out[i * row_stride + j] = spectrum[j]^users[i]: one row per user count, as the inverse FFT reads.
/// Bit by bit over whole rows, so that the loops over frequencies vectorise.
inline void spectrum_powers(std::span<const std::complex<double>> spectrum, std::span<const std::int64_t> users,
                            std::complex<double>* out, std::size_t row_stride) {
    std::vector<std::complex<double>> base(spectrum.size());
    for (std::size_t i = 0; i < users.size(); ++i) {
        std::complex<double>* row = out + i * row_stride;
        std::fill_n(row, spectrum.size(), std::complex<double>{1.0, 0.0});
        std::copy(spectrum.begin(), spectrum.end(), base.begin());
        for (std::int64_t n = users[i]; n > 0; n >>= 1) {
            if (n & 1)
                for (std::size_t j = 0; j < base.size(); ++j) row[j] = times(row[j], base[j]);
            if (n > 1)
                for (auto& b : base) b = times(b, b);
        }
    }
}

} // namespace detail
} // namespace v0
} // namespace fwsize::predict
