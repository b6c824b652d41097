// spectrum_power: z^N by squaring against the polar form computed in long double (an independent
// route: |z|^N and N arg z), and the row layout the inverse FFT reads.
#include <cmath>
#include <complex>
#include <cstdint>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "../../catch.hpp"

#include <fwsize/predict/n_user_pmf.hpp>

using fwsize::predict::detail::integer_power;
using fwsize::predict::detail::spectrum_powers;

namespace {
std::complex<double> polar_power(std::complex<double> z, std::int64_t n) {
    const long double r = std::abs(std::complex<long double>(z.real(), z.imag()));
    const long double a = std::atan2(static_cast<long double>(z.imag()), static_cast<long double>(z.real()));
    const long double rn = std::pow(r, static_cast<long double>(n)), an = a * static_cast<long double>(n);
    return {static_cast<double>(rn * std::cos(an)), static_cast<double>(rn * std::sin(an))};
}
} // namespace

TEST_CASE("integer_power: z^N within N ulps of the polar form, for |z| <= 1 as in a PMF's spectrum") {
    boost::random::mt19937_64 eng(5);
    boost::random::uniform_real_distribution<double> radius(0.0, 1.0), angle(-3.14159, 3.14159);
    for (int rep = 0; rep < 2000; ++rep) {
        // Most spectra sit near the unit circle at low frequencies: half the draws within 1e-3 of it.
        const double r = rep % 2 ? 1 - 1e-3 * radius(eng) : radius(eng);
        const auto z = std::polar(r, angle(eng));
        for (std::int64_t n : {0, 1, 2, 3, 7, 10, 50, 100, 1000, 10000}) {
            const auto got = integer_power(z, n), want = polar_power(z, n);
            const double scale = std::pow(r, static_cast<double>(n));
            INFO("z = " << z << " N = " << n << " got " << got << " want " << want);
            CHECK(std::abs(got - want) <= 4e-16 * (static_cast<double>(n) + 1) * scale + 1e-300);
        }
    }
    CHECK(integer_power({0.0, 0.0}, 0) == std::complex<double>(1.0, 0.0));
    CHECK(integer_power({0.0, 0.0}, 5) == std::complex<double>(0.0, 0.0));
    CHECK(integer_power({0.0, 1.0}, 2) == std::complex<double>(-1.0, 0.0)); // exact where exp/log is not
}

TEST_CASE("spectrum_powers: row i holds spectrum^users[i]; the row's padding is left alone") {
    const std::vector<std::complex<double>> z{{1.0, 0.0}, {0.5, 0.5}, {-0.3, 0.2}};
    const std::vector<std::int64_t> users{1, 4, 10};
    const std::size_t stride = 5;
    std::vector<std::complex<double>> out(users.size() * stride, {7.0, 7.0});
    spectrum_powers(z, users, out.data(), stride);
    for (std::size_t i = 0; i < users.size(); ++i) {
        for (std::size_t j = 0; j < z.size(); ++j)
            CHECK(std::abs(out[i * stride + j] - polar_power(z[j], users[i])) < 1e-15);
        for (std::size_t j = z.size(); j < stride; ++j) CHECK(out[i * stride + j] == std::complex<double>(7.0, 7.0));
    }
}
