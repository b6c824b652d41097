// mixed_nb2_pmf — the PMF of NB2(exp(eta), phi) with eta from a normal mixture, by the trapezoid
// rule in a variable u whose unit step is, locally, a fixed share of the width of the NB2 kernel
// seen as a function of eta (sqrt(1/mu + 1/phi)) and a fifth of the normal's sd. The trapezoid rule
// on a smooth integrand over the whole line converges geometrically, so the error is far below
// what any Monte Carlo check can see; the length grows until the mass beyond it is below tolerance.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

#include <boost/math/distributions/normal.hpp>

#include <fwsize/predict/detail/nb2_kernel.hpp>
#include <fwsize/predict/eta_mixture.hpp>
#include <fwsize/predict/truncated_pmf.hpp>

namespace fwsize::predict {
inline namespace v0 {

struct mixed_pmf_options {
    double tail_tolerance = 1e-12;                 ///< target mass beyond the end of the PMF
    std::size_t max_length = std::size_t{1} << 24; ///< hard cap; `neglected` then reports the rest
    double step = 0.5;        ///< eta step as a share of the kernel width (smaller = more accurate)
    double normal_step = 0.2; ///< eta step as a share of the normal's sd, at most
};

namespace detail {

/// u(eta) = 2/(a sqrt c) asinh(sqrt(c) e^{eta/2}) + b eta, so du/deta = 1/(a sqrt(e^-eta + c)) + b.
struct eta_grid_map {
    double a, c, b;
    [[nodiscard]] double u(double eta) const {
        return 2.0 / (a * std::sqrt(c)) * std::asinh(std::sqrt(c) * std::exp(0.5 * eta)) + b * eta;
    }
    [[nodiscard]] double du(double eta) const { return 1.0 / (a * std::sqrt(std::exp(-eta) + c)) + b; }
    [[nodiscard]] double eta(double target, double guess) const { // Newton, u is increasing and convex-ish
        double e = guess;
        for (int i = 0; i < 60; ++i) {
            const double step = (u(e) - target) / du(e);
            e -= step;
            if (std::abs(step) < 1e-13 * (1 + std::abs(e))) break;
        }
        return e;
    }
};

inline void add_component(std::vector<double>& out, const eta_component& part, double phi, double step,
                          double normal_step) {
    std::span<double> window(out);
    if (part.weight <= 0) return;
    if (part.sd <= 0) {
        add_nb2(window, std::exp(part.mean), phi, part.weight);
        return;
    }
    const double length = static_cast<double>(out.size());
    const double c = (std::isfinite(phi) ? 1.0 / phi : 0.0) + 1.0 / length;
    const eta_grid_map map{step, c, 1.0 / (normal_step * part.sd)};
    const double lo = part.mean - 9.0 * part.sd;
    // Above log(L) + 1 + 40 sqrt(c) a kernel leaves < 1e-17 of its mass inside the window.
    const double hi = std::min(part.mean + 9.0 * part.sd, std::log(length) + 1.0 + 40.0 * std::sqrt(c));
    if (hi <= lo) { // the whole component lies beyond the window
        return;
    }
    const double u_lo = map.u(lo), u_hi = map.u(hi);
    const auto n = static_cast<std::size_t>(std::ceil(u_hi - u_lo)) + 1;
    std::vector<double> etas(n), weights(n);
    // Trapezoid weights over the *whole* normal (node spacing fixed from lo), normalised below.
    double total = 0, e = lo;
    for (std::size_t j = 0; j < n; ++j) {
        e = map.eta(u_lo + static_cast<double>(j), e);
        const double z = (e - part.mean) / part.sd;
        etas[j] = e;
        weights[j] = std::exp(-0.5 * z * z) / map.du(e);
        total += weights[j];
    }
    // Weight of the normal beyond `hi` (mass that lands past the window) is kept out of the PMF.
    const double above = hi < part.mean + 9.0 * part.sd
                             ? boost::math::cdf(boost::math::complement(boost::math::normal(part.mean, part.sd), hi))
                             : 0.0;
    const double scale = part.weight * (1.0 - above) / total;
    for (std::size_t j = 0; j < n; ++j) add_nb2(window, std::exp(etas[j]), phi, weights[j] * scale);
}

inline std::size_t initial_length(const eta_mixture& m, double tol) {
    double top = 1.0;
    const double share = tol / (2.0 * static_cast<double>(std::max<std::size_t>(1, m.parts.size())));
    const double z = -boost::math::quantile(boost::math::normal(), std::clamp(share, 1e-300, 0.5));
    for (const auto& p : m.parts) {
        if (p.weight <= 0) continue;
        const double mu = std::exp(std::min(p.mean + z * p.sd, 40.0));
        const double var = mu + (std::isfinite(m.phi) ? mu * mu / m.phi : 0.0);
        top = std::max(top, mu + 10.0 * std::sqrt(var) + 32.0);
    }
    return static_cast<std::size_t>(std::min(top, 1e15));
}

} // namespace detail

inline truncated_pmf mixed_nb2_pmf(const eta_mixture& m, const mixed_pmf_options& opt = {}) {
    if (!(m.phi > 0)) throw std::invalid_argument("mixed_nb2_pmf: phi must be > 0");
    std::size_t length = std::min(detail::initial_length(m, opt.tail_tolerance), opt.max_length);
    for (;;) {
        truncated_pmf f;
        f.p.assign(length, 0.0);
        double weight = 0;
        for (const auto& part : m.parts) {
            detail::add_component(f.p, part, m.phi, opt.step, opt.normal_step);
            weight += part.weight;
        }
        double sum = 0;
        for (std::size_t k = f.p.size(); k-- > 0;) sum += f.p[k]; // small terms first
        f.neglected = std::max(0.0, weight - sum);
        if (f.neglected <= opt.tail_tolerance || length >= opt.max_length) return f;
        length = std::min(length * 2, opt.max_length);
    }
}

} // namespace v0
} // namespace fwsize::predict
