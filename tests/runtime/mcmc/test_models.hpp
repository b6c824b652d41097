// Models the sampler tests run: iid normal, eight schools (non-centred and centred) and a small
// hierarchical negative-binomial model for simulation-based calibration. Gradients by hand;
// test_models_test.cpp checks each against central differences.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "../../support/finite_difference.hpp"

namespace fwsize::test {

struct iid_normal {
    int d = 100;
    std::size_t dimension() const { return std::size_t(d); }
    std::vector<std::string> parameter_names() const {
        std::vector<std::string> n;
        for (int i = 1; i <= d; ++i) n.push_back("x." + std::to_string(i));
        return n;
    }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& g) const {
        g = -q;
        return -0.5 * q.squaredNorm();
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        out.assign(q.data(), q.data() + q.size());
    }
};

struct eight_schools_data {
    double y[8] = {28, 8, -3, 7, -1, 1, 18, 12};
    double sigma[8] = {15, 10, 16, 11, 9, 11, 10, 18};
};

/// (mu, log tau, theta_trans[8]); theta = mu + tau theta_trans. Outputs mu, tau, theta.1..8.
struct eight_schools_noncentered : eight_schools_data {
    std::size_t dimension() const { return 10; }
    std::vector<std::string> parameter_names() const {
        std::vector<std::string> n{"mu", "tau"};
        for (int j = 1; j <= 8; ++j) n.push_back("theta." + std::to_string(j));
        return n;
    }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& g) const {
        const double mu = q[0], lt = q[1], tau = std::exp(lt);
        g.setZero(10);
        double lp = -mu * mu / 50 - std::log1p(tau * tau / 25) + lt; // N(0,5), Cauchy+(0,5), Jacobian
        g[0] = -mu / 25;
        g[1] = -2 * tau * tau / 25 / (1 + tau * tau / 25) + 1;
        for (int j = 0; j < 8; ++j) {
            const double tt = q[2 + j], theta = mu + tau * tt, r = (y[j] - theta) / (sigma[j] * sigma[j]);
            lp += -0.5 * tt * tt - 0.5 * (y[j] - theta) * r;
            g[0] += r;
            g[1] += r * tau * tt;
            g[2 + j] = -tt + r * tau;
        }
        return lp;
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        out.assign(10, 0.0);
        out[0] = q[0];
        out[1] = std::exp(q[1]);
        for (int j = 0; j < 8; ++j) out[2 + std::size_t(j)] = q[0] + out[1] * q[2 + j];
    }
};

/// (mu, log tau, theta[8]) with theta ~ N(mu, tau): the funnel that makes NUTS diverge.
struct eight_schools_centered : eight_schools_data {
    std::size_t dimension() const { return 10; }
    std::vector<std::string> parameter_names() const { return eight_schools_noncentered{}.parameter_names(); }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& g) const {
        const double mu = q[0], lt = q[1], tau = std::exp(lt);
        g.setZero(10);
        double lp = -mu * mu / 50 - std::log1p(tau * tau / 25) + lt - 8 * lt;
        g[0] = -mu / 25;
        g[1] = -2 * tau * tau / 25 / (1 + tau * tau / 25) + 1 - 8;
        for (int j = 0; j < 8; ++j) {
            const double th = q[2 + j], z = (th - mu) / tau, r = (y[j] - th) / (sigma[j] * sigma[j]);
            lp += -0.5 * z * z - 0.5 * (y[j] - th) * r;
            g[0] += z / tau;
            g[1] += z * z;
            g[2 + j] = -z / tau + r;
        }
        return lp;
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        out.assign(q.data(), q.data() + 10);
        out[1] = std::exp(q[1]);
    }
};

/// y[g][i] ~ NB2(exp(a + s z_g), phi); a ~ N(1, 1), s ~ N+(0, 0.5), z_g ~ N(0, 1),
/// 1/sqrt(phi) ~ N+(0, 1). Unconstrained (a, log s, z_1..z_G, log phi). Outputs a, s, z.g, phi,
/// log_lik. `drop_jacobian` omits the log-Jacobian of s: a deliberately wrong target for the
/// SBC power check. Per group it keeps sufficient statistics (n, S, G_k = #{y > k}), so one
/// gradient costs O(max y), not O(observations).
struct nb_hier {
    struct group {
        double n = 0, s = 0, log_fact = 0;
        std::vector<double> g; // g[k] = #{y > k}
    };
    std::vector<group> data;
    bool drop_jacobian = false;

    void set_data(const std::vector<std::vector<int>>& y) {
        data.clear();
        for (const auto& ys : y) {
            group gr;
            for (int v : ys) {
                gr.n += 1;
                gr.s += v;
                gr.log_fact += std::lgamma(v + 1.0);
                if (std::size_t(v) > gr.g.size()) gr.g.resize(std::size_t(v), 0.0);
                for (int k = 0; k < v; ++k) gr.g[std::size_t(k)] += 1;
            }
            data.push_back(gr);
        }
    }
    std::size_t dimension() const { return 3 + data.size(); }
    std::vector<std::string> parameter_names() const {
        std::vector<std::string> n{"a", "s"};
        for (std::size_t g = 1; g <= data.size(); ++g) n.push_back("z." + std::to_string(g));
        n.push_back("phi");
        n.push_back("log_lik");
        return n;
    }
    /// Sum of log NB2(y | exp(eta), exp(tau)) over a group, with partials in eta and tau.
    static double nb2_group(const group& gr, double eta, double tau, double& d_eta, double& d_tau) {
        const double mu = std::exp(eta), phi = std::exp(tau);
        double lg = 0, dg = 0;
        for (std::size_t k = 0; k < gr.g.size(); ++k) {
            lg += gr.g[k] * std::log(phi + double(k));
            dg += gr.g[k] / (phi + double(k));
        }
        const double l1p = std::log1p(mu / phi);
        d_eta = phi * (gr.s - gr.n * mu) / (mu + phi);
        d_tau = phi * (dg - gr.n * l1p + (gr.n * mu - gr.s) / (mu + phi));
        return lg - gr.log_fact - gr.n * phi * l1p + gr.s * (eta - std::log(mu + phi));
    }
    /// One observation (the reference-value check).
    static double nb2(int y, double eta, double tau, double& d_eta, double& d_tau) {
        nb_hier m;
        m.set_data({{y}});
        return nb2_group(m.data[0], eta, tau, d_eta, d_tau);
    }
    double log_lik(const Eigen::VectorXd& q) const {
        double ll = 0, de, dt;
        const auto G = static_cast<Eigen::Index>(data.size());
        for (Eigen::Index g = 0; g < G; ++g)
            ll += nb2_group(data[std::size_t(g)], q[0] + std::exp(q[1]) * q[2 + g], q[2 + G], de, dt);
        return ll;
    }
    double log_density(const Eigen::VectorXd& q, Eigen::VectorXd& grad) const {
        const auto G = static_cast<Eigen::Index>(data.size());
        const double a = q[0], ls = q[1], s = std::exp(ls), tau = q[2 + G];
        grad.setZero(q.size());
        double lp = -0.5 * (a - 1) * (a - 1) - 2 * s * s + (drop_jacobian ? 0.0 : ls);
        grad[0] = -(a - 1);
        grad[1] = -4 * s * s + (drop_jacobian ? 0.0 : 1.0);
        const double k = std::exp(-0.5 * tau); // 1/sqrt(phi) ~ N+(0,1); Jacobian |dk/dtau| = k/2
        lp += -0.5 * k * k - 0.5 * tau;
        grad[2 + G] = 0.5 * k * k - 0.5;
        for (Eigen::Index g = 0; g < G; ++g) {
            const double z = q[2 + g];
            double de, dt;
            lp += -0.5 * z * z + nb2_group(data[std::size_t(g)], a + s * z, tau, de, dt);
            grad[0] += de;
            grad[1] += de * s * z;
            grad[2 + g] = -z + de * s;
            grad[2 + G] += dt;
        }
        return lp;
    }
    void write_constrained(const Eigen::VectorXd& q, std::vector<double>& out) const {
        const auto G = static_cast<Eigen::Index>(data.size());
        out.clear();
        out.push_back(q[0]);
        out.push_back(std::exp(q[1]));
        for (Eigen::Index g = 0; g < G; ++g) out.push_back(q[2 + g]);
        out.push_back(std::exp(q[2 + G]));
        out.push_back(log_lik(q));
    }
};

/// Central-difference check of a model's gradient: max mixed abs/rel error.
template <class M>
double gradient_error(const M& m, const Eigen::VectorXd& q) {
    Eigen::VectorXd g(q.size());
    m.log_density(q, g);
    double worst = 0;
    for (Eigen::Index i = 0; i < q.size(); ++i) {
        const double fd = central_difference(m, q, i, 1e-6 * std::max(1.0, std::abs(q[i])));
        worst = std::max(worst, std::abs(fd - g[i]) / std::max(1.0, std::abs(g[i])));
    }
    return worst;
}

} // namespace fwsize::test
