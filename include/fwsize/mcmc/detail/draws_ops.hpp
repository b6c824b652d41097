// Building blocks of the rank-normalised diagnostics (Vehtari et al. 2021; R package posterior):
// split chains, z-scale of pooled average ranks, folding, R's type-7 quantile.
// A draws matrix is draws x chains.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include <Eigen/Core>
#include <boost/math/distributions/normal.hpp>

namespace fwsize::mcmc {
inline namespace v0 {
namespace detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// posterior's should_return_NA, negated: every value finite and not all (nearly) equal.
inline bool finite_and_varies(const Eigen::MatrixXd& x) {
    if (x.size() == 0 || !x.allFinite()) return false;
    return std::abs(x.maxCoeff() - x.minCoeff()) >= std::numeric_limits<double>::epsilon();
}

/// First and last floor(N/2) draws of each chain become two chains (the odd middle draw is dropped).
inline Eigen::MatrixXd split_chains(const Eigen::MatrixXd& x) {
    const Eigen::Index half = x.rows() / 2, m = x.cols();
    Eigen::MatrixXd out(half, 2 * m);
    for (Eigen::Index c = 0; c < m; ++c) {
        out.col(2 * c) = x.col(c).head(half);
        out.col(2 * c + 1) = x.col(c).tail(half);
    }
    return out;
}

/// Average ranks (1-based, ties averaged) of all values pooled.
inline Eigen::MatrixXd average_ranks(const Eigen::MatrixXd& x) {
    const Eigen::Index s = x.size();
    std::vector<Eigen::Index> idx(static_cast<std::size_t>(s));
    std::iota(idx.begin(), idx.end(), Eigen::Index{0});
    const double* v = x.data();
    std::stable_sort(idx.begin(), idx.end(), [v](Eigen::Index a, Eigen::Index b) { return v[a] < v[b]; });
    Eigen::MatrixXd r(x.rows(), x.cols());
    for (Eigen::Index i = 0; i < s;) {
        Eigen::Index j = i;
        while (j + 1 < s && v[idx[std::size_t(j + 1)]] == v[idx[std::size_t(i)]]) ++j;
        const double avg = 0.5 * double(i + j) + 1.0;
        for (Eigen::Index k = i; k <= j; ++k) r.data()[idx[std::size_t(k)]] = avg;
        i = j + 1;
    }
    return r;
}

/// z = Phi^-1((r - 3/8) / (S + 1/4)) of the pooled average ranks r (Blom's offset).
inline Eigen::MatrixXd z_scale(const Eigen::MatrixXd& x) {
    const Eigen::MatrixXd r = average_ranks(x);
    const double s = static_cast<double>(x.size());
    const boost::math::normal n01;
    Eigen::MatrixXd z(x.rows(), x.cols());
    for (Eigen::Index i = 0; i < x.size(); ++i)
        z.data()[i] = boost::math::quantile(n01, (r.data()[i] - 0.375) / (s + 0.25));
    return z;
}

/// R's quantile(type = 7) of all values pooled.
inline double quantile7(std::vector<double> v, double p) {
    if (v.empty()) return nan;
    std::sort(v.begin(), v.end());
    const double h = (static_cast<double>(v.size()) - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= v.size()) return v.back();
    return v[lo] + (h - static_cast<double>(lo)) * (v[lo + 1] - v[lo]);
}
inline double quantile7(const Eigen::MatrixXd& x, double p) {
    return quantile7(std::vector<double>(x.data(), x.data() + x.size()), p);
}

/// |x - median(x)|, the folded draws whose R-hat detects differing scales.
inline Eigen::MatrixXd fold_draws(const Eigen::MatrixXd& x) {
    return (x.array() - quantile7(x, 0.5)).abs().matrix();
}

} // namespace detail
} // namespace v0
} // namespace fwsize::mcmc
