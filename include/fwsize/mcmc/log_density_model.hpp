// log_density_model — what the sampler needs of a model, and nothing more.
// A model lives on the unconstrained space R^d (Jacobians already in its log density) and maps a
// point back to the constrained values written to the output.
#pragma once

#include <concepts>
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace fwsize::mcmc {
inline namespace v0 {

template <class M>
concept log_density_model = requires(const M& m, const Eigen::VectorXd& q, Eigen::VectorXd& grad,
                                     std::vector<double>& out) {
    /// Dimension d of the unconstrained space.
    { m.dimension() } -> std::convertible_to<std::size_t>;
    /// Names of the constrained output values, Stan style ("alpha", "z_machine.1").
    { m.parameter_names() } -> std::convertible_to<std::vector<std::string>>;
    /// log density (up to a constant) at q; writes its gradient (size d) into grad.
    /// May return -inf or NaN: the sampler rejects such a point, never crashes.
    { m.log_density(q, grad) } -> std::same_as<double>;
    /// Constrained values at q, in the order of parameter_names(); resizes out.
    { m.write_constrained(q, out) } -> std::same_as<void>;
};

} // namespace v0
} // namespace fwsize::mcmc
