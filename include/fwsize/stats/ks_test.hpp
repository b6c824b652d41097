// ks_test — the one-sample Kolmogorov–Smirnov test of uniformity on [0, 1]: the statistic
// D_n = sup |F_n(u) - u| and its p-value P(D_n >= d).
//
// Boost 1.74 has no Kolmogorov–Smirnov distribution (it came in 1.75), so the exact null CDF is
// computed here by the matrix method of Marsaglia, Tsang & Wang (J. Stat. Softw. 8(18), 2003):
// P(D_n < d) = n!/n^n · (H^n)[k,k] for an m×m matrix H with k = ceil(n d), m = 2k - 1. The power is
// taken by squaring, with the scale of the entries carried in an exponent so nothing overflows.
// Above `exact_limit` observations (the matrix grows with n·d) the limiting Kolmogorov law is used
// with Stephens' finite-n correction (sqrt(n) + 0.12 + 0.11/sqrt(n)), good to ~1e-3 there.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <span>
#include <stdexcept>
#include <vector>

namespace fwsize::stats {
inline namespace v0 {

namespace detail {

/// Square matrix, row-major, with its entries scaled by exp(log_scale).
struct ks_matrix {
    std::size_t m = 0;
    std::vector<double> a;
    double log_scale = 0;

    [[nodiscard]] double& at(std::size_t i, std::size_t j) { return a[i * m + j]; }
    [[nodiscard]] double at(std::size_t i, std::size_t j) const { return a[i * m + j]; }
};

inline ks_matrix ks_multiply(const ks_matrix& x, const ks_matrix& y) {
    ks_matrix z{x.m, std::vector<double>(x.m * x.m, 0.0), x.log_scale + y.log_scale};
    for (std::size_t i = 0; i < x.m; ++i)
        for (std::size_t l = 0; l < x.m; ++l) {
            const double xil = x.at(i, l);
            if (xil == 0) continue;
            for (std::size_t j = 0; j < x.m; ++j) z.at(i, j) += xil * y.at(l, j);
        }
    // Keep the entries near 1: fold the largest into the exponent.
    const double big = *std::max_element(z.a.begin(), z.a.end());
    if (big > 1e100 || (big > 0 && big < 1e-100)) {
        for (auto& v : z.a) v /= big;
        z.log_scale += std::log(big);
    }
    return z;
}

/// Limiting Kolmogorov survival function P(K > x), K = sup |Brownian bridge|.
inline double kolmogorov_survival(double x) {
    if (x <= 0) return 1.0;
    if (x < 1.0) { // the theta-function form converges fast for small x
        double s = 0;
        for (int j = 1; j <= 20; ++j) {
            const double t = (2.0 * j - 1.0) * std::numbers::pi / x;
            s += std::exp(-t * t / 8.0);
        }
        return 1.0 - std::sqrt(2.0 * std::numbers::pi) / x * s;
    }
    double s = 0;
    for (int j = 1; j <= 100; ++j) {
        const double term = std::exp(-2.0 * j * j * x * x);
        s += (j % 2 ? 2.0 : -2.0) * term;
        if (term < 1e-300) break;
    }
    return std::clamp(s, 0.0, 1.0);
}

} // namespace detail

/// Largest n for which ks_cdf is exact (the matrix method); above it, the corrected limit law.
inline constexpr std::size_t ks_exact_limit = 2000;

/// P(D_n < d) under the null (n iid uniforms).
inline double ks_cdf(std::size_t n, double d) {
    if (n == 0) throw std::invalid_argument("ks_cdf: n must be >= 1");
    const double nd = static_cast<double>(n) * d;
    if (nd <= 0.5) return 0.0; // D_n >= 1/(2n) always
    if (d >= 1.0) return 1.0;
    if (n > ks_exact_limit) {
        const double rn = std::sqrt(static_cast<double>(n));
        return 1.0 - detail::kolmogorov_survival((rn + 0.12 + 0.11 / rn) * d);
    }
    const auto k = static_cast<std::size_t>(std::floor(nd)) + 1;
    const std::size_t m = 2 * k - 1;
    const double h = static_cast<double>(k) - nd;
    detail::ks_matrix H{m, std::vector<double>(m * m, 0.0), 0.0};
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < m; ++j) H.at(i, j) = (i + 1 >= j) ? 1.0 : 0.0;
    for (std::size_t i = 0; i < m; ++i) {
        H.at(i, 0) -= std::pow(h, static_cast<double>(i + 1));
        H.at(m - 1, i) -= std::pow(h, static_cast<double>(m - i));
    }
    if (2 * h - 1 > 0) H.at(m - 1, 0) += std::pow(2 * h - 1, static_cast<double>(m));
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < m; ++j)
            if (i + 1 > j) H.at(i, j) /= std::tgamma(static_cast<double>(i - j + 2)); // /(i-j+1)!

    // H^n by squaring.
    detail::ks_matrix Q{m, std::vector<double>(m * m, 0.0), 0.0};
    for (std::size_t i = 0; i < m; ++i) Q.at(i, i) = 1.0;
    detail::ks_matrix P = H;
    for (std::size_t e = n; e > 0; e >>= 1) {
        if (e & 1) Q = detail::ks_multiply(Q, P);
        if (e > 1) P = detail::ks_multiply(P, P);
    }
    const double q = Q.at(k - 1, k - 1);
    if (!(q > 0)) return 0.0;
    const double nn = static_cast<double>(n);
    const double log_p = std::log(q) + Q.log_scale + std::lgamma(nn + 1) - nn * std::log(nn);
    return std::clamp(std::exp(log_p), 0.0, 1.0);
}

/// D_n = max(D+, D-) of a sample against U(0, 1). Values outside [0, 1] are a caller's error.
inline double ks_statistic_uniform(std::span<const double> u) {
    if (u.empty()) throw std::invalid_argument("ks_statistic_uniform: empty sample");
    std::vector<double> s(u.begin(), u.end());
    std::sort(s.begin(), s.end());
    const double n = static_cast<double>(s.size());
    double d = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!(s[i] >= 0 && s[i] <= 1)) throw std::domain_error("ks_statistic_uniform: value outside [0, 1]");
        const double x = s[i];
        d = std::max({d, static_cast<double>(i + 1) / n - x, x - static_cast<double>(i) / n});
    }
    return d;
}

struct ks_result {
    std::size_t n = 0;
    double statistic = 0; ///< D_n
    double p_value = 1;   ///< P(D_n >= statistic) under uniformity
};

/// Two-sided one-sample test of uniformity on [0, 1].
inline ks_result ks_test_uniform(std::span<const double> u) {
    ks_result r;
    r.n = u.size();
    r.statistic = ks_statistic_uniform(u);
    r.p_value = std::clamp(1.0 - ks_cdf(r.n, r.statistic), 0.0, 1.0);
    return r;
}

} // namespace v0
} // namespace fwsize::stats
