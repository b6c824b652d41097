// expect: 100 users: p99 270 new/s; with sigma = 0 the largest total variation vs NB2\(N mu, N phi\) is [0-9.]+e-1[3-9]
//
// Convolves a one-user PMF into N-user PMFs: one arrival-model draw (log mean rate, machine and
// minute spreads, NB2 shape) gives a new user's per-second PMF of new sessions; one FFT, a power
// per N and inverse FFTs give the office's. Then the same with no spread, where the answer is
// known exactly: a sum of N NB2(mu, phi) counts is NB2(N mu, N phi).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <span>
#include <vector>

#include <boost/math/distributions/negative_binomial.hpp>

#include <fwsize/predict/n_user_pmf.hpp>
#include <fwsize/predict/one_user_pmf.hpp>
#include <fwsize/predict/pmf_quantile.hpp>

int main() {
    namespace pr = fwsize::predict;
    fwsize::model::arrival_draw d;
    d.alpha = std::log(0.8); // a typical machine: 0.8 new sessions per second in a typical minute
    d.sigma_machine = 0.6;   // machines differ ...
    d.sigma_minute = 1.0;    // ... and so do minutes
    d.phi = 2.0;             // bursty seconds
    const std::vector<std::int64_t> users{1, 10, 100};
    const auto one = pr::one_user_pmf(d);
    const auto many = pr::n_user_pmf(one, users);
    for (std::size_t i = 0; i < users.size(); ++i) {
        const std::span<const double> p(&many.pmf(i, 0), many.fft_length);
        std::printf("%lld users: mean %.1f new/s, p99 %lld, FFT length %zu, neglected %.1e\n",
                    static_cast<long long>(users[i]), static_cast<double>(users[i]) * many.one_user_mean,
                    static_cast<long long>(pr::pmf_quantile(p, many.neglected[i], 0.99)), many.fft_length,
                    many.neglected[i]);
    }
    // No spread: compare with the exact NB2(N mu, N phi) in total variation.
    d.sigma_machine = d.sigma_minute = 0;
    const auto exact = pr::n_user_pmf(pr::one_user_pmf(d), users);
    double worst = 0;
    for (std::size_t i = 0; i < users.size(); ++i) {
        const double n = static_cast<double>(users[i]), mu = n * 0.8, phi = n * d.phi;
        const boost::math::negative_binomial nb(phi, phi / (mu + phi));
        double tv = 0, inside = 0;
        for (std::size_t k = 0; k < exact.fft_length; ++k) {
            const double e = boost::math::pdf(nb, static_cast<double>(k));
            tv += std::abs(exact.pmf(i, k) - e);
            inside += e;
        }
        worst = std::max(worst, (tv + (1 - inside)) / 2);
    }
    const std::span<const double> p100(&many.pmf(2, 0), many.fft_length);
    std::printf("100 users: p99 %lld new/s; with sigma = 0 the largest total variation vs NB2(N mu, N phi) is %.1e\n",
                static_cast<long long>(pr::pmf_quantile(p100, many.neglected[2], 0.99)), worst);
}
