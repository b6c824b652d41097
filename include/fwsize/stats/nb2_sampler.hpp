// nb2_sampler — many draws from one NB2(mu, phi), as a simulation of a minute block needs (60
// seconds share mu). For small means it inverts the CDF from P(0) = (phi/(mu+phi))^phi with the
// ratio P(k+1)/P(k) = (k+phi)/(k+1) * mu/(mu+phi): one uniform and ~mu+1 multiplications per draw,
// where the gamma–Poisson mixture of rng(nb2) costs a gamma (exponential + pow when phi < 1) and a
// Poisson set-up per draw — the posterior predictive checks of a day of seconds spent a fifth of
// `fwsize fit` there. Large means, and the far tail where the running sum stops growing in double
// precision (probability below 1e-15), take the mixture.
#pragma once

#include <cmath>
#include <cstdint>

#include <boost/random/uniform_01.hpp>

#include <fwsize/stats/nb2.hpp>

namespace fwsize::stats {
inline namespace v0 {

class nb2_sampler {
public:
    /// Means up to this are drawn by inversion (expected cost mu + 1 steps).
    static constexpr double inversion_limit = 16;

    explicit nb2_sampler(const nb2& d) : d_(d) {
        const double mu = d.mu(), phi = d.phi();
        inversion_ = mu <= inversion_limit;
        if (!inversion_) return;
        if (std::isinf(phi)) {
            p0_ = std::exp(-mu), r_ = mu;
        } else {
            p0_ = std::exp(-phi * std::log1p(mu / phi)), r_ = mu / (mu + phi);
        }
    }

    [[nodiscard]] const nb2& distribution() const noexcept { return d_; }

    template <class Engine>
    std::uint64_t operator()(Engine& eng) const {
        if (!inversion_) return rng(d_, eng);
        const double u = boost::random::uniform_01<double>()(eng);
        const bool poisson = std::isinf(d_.phi());
        double p = p0_, F = p0_;
        std::uint64_t k = 0;
        while (u > F) {
            const double kd = static_cast<double>(k);
            p *= poisson ? r_ / (kd + 1) : (kd + d_.phi()) / (kd + 1) * r_;
            ++k;
            const double next = F + p;
            if (!(next > F)) return rng(d_, eng); // F stopped growing: the tail (probability < 1e-15)
            F = next;
        }
        return k;
    }

private:
    nb2 d_;
    bool inversion_ = false;
    double p0_ = 0, r_ = 0;
};

} // namespace v0
} // namespace fwsize::stats
