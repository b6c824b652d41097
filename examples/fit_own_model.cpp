// expect: mu +[0-9.]+ .*Verdict: PASS
// Sample your own model with fwsize's NUTS: a struct with four members is all the sampler needs.
// Here: the mean and standard deviation of a few measurements, flat priors, sigma on the log scale.
#include <cmath>
#include <iostream>

#include <fwsize/mcmc.hpp>

struct normal_model {
    std::vector<double> x{4.8, 5.9, 5.1, 6.3, 4.4, 5.6, 5.0, 6.1};
    std::size_t dimension() const { return 2; }
    std::vector<std::string> parameter_names() const { return {"mu", "sigma"}; }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& grad) const {
        const double mu = q[0], sigma = std::exp(q[1]);
        double ss = 0, s = 0;
        for (double v : x) ss += (v - mu) * (v - mu), s += v - mu;
        const double n = double(x.size());
        grad = Eigen::Vector2d(s / (sigma * sigma), ss / (sigma * sigma) - n + 1); // +1: Jacobian of exp
        return -n * q[1] - ss / (2 * sigma * sigma) + q[1];
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const { out = {q[0], std::exp(q[1])}; }
};

int main() {
    fwsize::mcmc::sampler_config cfg; // Stan's defaults: 4 chains x (1000 warmup + 1000 draws), seed 42
    cfg.refresh = 0;
    const auto result = fwsize::mcmc::sample(normal_model{}, cfg, "normal_model");
    const auto table = fwsize::mcmc::summarize(result);
    fwsize::mcmc::print_summary(std::cout, table);
    return table.verdict.ok ? 0 : 1;
}
