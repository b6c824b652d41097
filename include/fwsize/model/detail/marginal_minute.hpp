// marginal_minute — one (machine, minute) block's likelihood with its minute effect integrated out:
//
//   log M(level, sigma, phi) = log ∫ exp(L(level + sigma*e)) N(e; 0, 1) de,
//   L(eta) = S*(eta - log1p(x)) - n*phi*log1p(x), x = exp(eta)/phi     (stats::detail::block_terms)
//
// by adaptive Gauss–Hermite quadrature: L is concave in eta (L2 = -(n*mu + S*x)/(1+x)^2), so the
// integrand has one mode in e; bracketed Newton finds it, the curvature there scales the nodes. The partials
// are those of the quadrature sum itself, node placement included (the mode moves with the
// parameters by the implicit-function rule, the scale with the curvature there: the third eta
// derivative L3 and the log-phi partials of L1 and L2), so value and gradient are one function, as
// NUTS needs and the finite-difference tests check. Its error against the exact integral is
// measured in the tests (tests/runtime/model/arrival_model_test.cpp).
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include <Eigen/Eigenvalues>

#include <fwsize/stats/nb2.hpp>

namespace fwsize::model::detail {

/// Gauss–Hermite nodes and log(weight) + x^2 (∫ exp(-x^2) g(x) dx ≈ Σ w_j g(x_j)): nodes by
/// Golub–Welsch, weights by the Christoffel formula w_j exp(x_j^2) = 1 / Σ_k h_k(x_j)^2 over the
/// Hermite functions h_k (a stable recurrence), so the outer weights (1e-25 at 31 nodes) keep their
/// relative accuracy, which an eigenvector's first component squared does not.
struct gauss_hermite_rule {
    std::vector<double> x, log_w_plus_x2;

    explicit gauss_hermite_rule(std::size_t q) {
        Eigen::MatrixXd J = Eigen::MatrixXd::Zero(Eigen::Index(q), Eigen::Index(q));
        for (std::size_t i = 1; i < q; ++i)
            J(Eigen::Index(i), Eigen::Index(i - 1)) = J(Eigen::Index(i - 1), Eigen::Index(i)) =
                std::sqrt(double(i) / 2);
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(J, Eigen::EigenvaluesOnly);
        for (std::size_t j = 0; j < q; ++j) {
            const double xj = es.eigenvalues()(Eigen::Index(j));
            double hm = 0, h = std::pow(M_PI, -0.25) * std::exp(-xj * xj / 2), sum = h * h;
            for (std::size_t k = 0; k + 1 < q; ++k) {
                const double hp = std::sqrt(2.0 / double(k + 1)) * xj * h - std::sqrt(double(k) / double(k + 1)) * hm;
                hm = h, h = hp, sum += h * h;
            }
            x.push_back(xj);
            log_w_plus_x2.push_back(-std::log(sum));
        }
        for (std::size_t j = 0; j < q / 2; ++j) { // exactly symmetric: marginal_block pairs x_j with -x_j
            const double xs = (x[q - 1 - j] - x[j]) / 2, ls = (log_w_plus_x2[j] + log_w_plus_x2[q - 1 - j]) / 2;
            x[j] = -xs, x[q - 1 - j] = xs, log_w_plus_x2[j] = log_w_plus_x2[q - 1 - j] = ls;
        }
        if (q % 2) x[q / 2] = 0;
    }
};

/// log M and its partials in the block's level (log mean without the minute effect), in sigma
/// (the minute sd) and in log phi.
struct marginal_block_terms {
    double value = 0, d_level = 0, d_sigma = 0, d_log_phi = 0;
};

/// L's derivatives in eta (1st to 3rd) and the log-phi partials of the first two (Poisson limit
/// when phi = inf, where the log-phi partials vanish).
struct block_curve {
    double d1, d2, d3, d1_tau, d2_tau;
};
inline block_curve block_curve_at(double eta, double phi, double n, double S, double inv_phi) {
    const double mu = std::exp(eta);
    if (std::isinf(phi)) return {S - n * mu, -n * mu, -n * mu, 0, 0};
    const double x = mu * inv_phi, w = 1 / (1 + x), a = n * mu + S * x;
    return {(S - n * mu) * w, -a * w * w, -a * w * w * w * (1 - x), (S - n * mu) * x * w * w,
            S * x * w * w - 2 * x * a * w * w * w};
}

inline marginal_block_terms marginal_block(double level, double sigma, double phi, double n, double S,
                                           const gauss_hermite_rule& rule) {
    // Mode of f(e) = L(level + sigma e) - e^2/2, the root of the decreasing f'(e) = sigma L1 - e:
    // Newton on f' kept inside a bracket (bisection when a step leaves it), so each step costs one
    // exp. The prior pulls the mode from the data's own e_d = (log(S/n) - level)/sigma towards 0, so
    // it lies between them (L1 has the sign of S - n mu); with S = 0, between sigma L1(level) and 0
    // (L1 < 0 decreases in eta). The start shrinks e_d by the block's information at e_d
    // (-L2 = S/(1 + S/(n phi))), as a Laplace step would.
    const double inv_phi = 1 / phi;
    double lo = 0, hi = 0, e = 0;
    if (S > 0) {
        const double ed = (std::log(S / n) - level) / sigma;
        (ed > 0 ? hi : lo) = ed;
        const double info = std::isinf(phi) ? S : S / (1 + S / (n * phi));
        e = ed / (1 + 1 / (sigma * sigma * info));
    } else {
        lo = sigma * block_curve_at(level, phi, n, S, inv_phi).d1;
    }
    if (hi == lo) hi = lo + 1e-300; // the mode is 0
    block_curve c = block_curve_at(level + sigma * e, phi, n, S, inv_phi);
    for (int it = 0; it < 200; ++it) {
        const double fp = sigma * c.d1 - e;
        (fp > 0 ? lo : hi) = e;
        const double step = -fp / (sigma * sigma * c.d2 - 1);
        if (std::abs(step) <= 1e-13 * (1 + std::abs(e))) break; // before the bracket test: e may sit on it
        double next = e + step;
        if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
        e = next;
        c = block_curve_at(level + sigma * e, phi, n, S, inv_phi);
    }
    const double f2 = sigma * sigma * c.d2 - 1, f3 = sigma * sigma * sigma * c.d3;
    const double scale = std::sqrt(2.0 / -f2); // sqrt(2) x the Laplace posterior sd of e

    // Q = log(scale) + logsumexp_j(log w_j + x_j^2 + f(e_j)) - log sqrt(2 pi), e_j = e + scale x_j.
    const std::size_t q = rule.x.size();
    std::array<double, 64> lt, ej, d1, dtau, pj; // only [0, q) is used: no zero fill (hot loop)
    double m = -std::numeric_limits<double>::infinity();
    const bool poisson = std::isinf(phi);
    const double nphi = n * phi;
    // mu at node j is mu(e) exp(sigma scale x_j); the rule is symmetric, so half the exps serve both
    // x_j and -x_j (x_{q-1-j} = -x_j).
    // Far outside the prior (sigma scale x_max > 300, early warmup) the ratios could overflow: then
    // one exp per node.
    const bool paired = sigma * scale * rule.x[q - 1] < 300;
    const double mu_mode = paired ? std::exp(level + sigma * e) : 1;
    std::array<double, 64> ratio;
    for (std::size_t j = 0; j < q / 2; ++j) {
        ratio[j] = std::exp(paired ? sigma * scale * rule.x[j] : level + sigma * (e + scale * rule.x[j]));
        ratio[q - 1 - j] = paired ? 1 / ratio[j] : std::exp(level + sigma * (e + scale * rule.x[q - 1 - j]));
    }
    if (q % 2) ratio[q / 2] = paired ? 1 : std::exp(level + sigma * e);
    for (std::size_t j = 0; j < q; ++j) { // block_terms inlined, with 1/phi hoisted
        ej[j] = e + scale * rule.x[j];
        const double eta = level + sigma * ej[j], mu = mu_mode * ratio[j];
        double value;
        if (poisson) {
            value = S * eta - n * mu, d1[j] = S - n * mu, dtau[j] = 0;
        } else {
            const double x = mu * inv_phi, l1x = std::log1p(x), w = 1 / (1 + x), u = x * w;
            value = S * (eta - l1x) - nphi * l1x;
            d1[j] = (S - n * mu) * w;
            dtau[j] = S * u - nphi * stats::detail::log1p_minus_ratio_fast(l1x, u);
        }
        lt[j] = rule.log_w_plus_x2[j] + value - ej[j] * ej[j] / 2;
        m = std::max(m, lt[j]);
    }
    double sum = 0;
    for (std::size_t j = 0; j < q; ++j) sum += (pj[j] = std::exp(lt[j] - m));
    const double inv_sum = 1 / sum;
    marginal_block_terms r;
    r.value = m + std::log(sum) + std::log(scale) - 0.5 * std::log(2 * M_PI);

    // dQ/dθ = Σ p_j ∂θ f(e_j) + A de/dθ + (B + 1) dlog(scale)/dθ, with A = Σ p_j f'(e_j),
    // B = Σ p_j f'(e_j) scale x_j, de/dθ = -∂θ f'(e) / f''(e), dlog(scale)/dθ = -(∂θ f'' + f''' de/dθ) / (2 f'').
    double A = 0, B = 0;
    for (std::size_t j = 0; j < q; ++j) {
        const double p = pj[j] * inv_sum, fp = sigma * d1[j] - ej[j];
        r.d_level += p * d1[j];
        r.d_sigma += p * ej[j] * d1[j];
        r.d_log_phi += p * dtau[j];
        A += p * fp;
        B += p * fp * scale * rule.x[j];
    }
    const auto moved = [&](double df1, double df2) {
        const double de = -df1 / f2, dls = -(df2 + f3 * de) / (2 * f2);
        return A * de + (B + 1) * dls;
    };
    r.d_level += moved(sigma * c.d2, sigma * sigma * c.d3);
    r.d_sigma += moved(c.d1 + sigma * e * c.d2, 2 * sigma * c.d2 + sigma * sigma * e * c.d3);
    r.d_log_phi += moved(sigma * c.d1_tau, sigma * sigma * c.d2_tau);
    return r;
}

} // namespace fwsize::model::detail
