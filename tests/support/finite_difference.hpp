// The independent oracle for every hand-derived gradient: a central finite difference of the
// model's own log density along one coordinate.
#pragma once

#include <Eigen/Core>

namespace fwsize::test {

/// (lp(q + h e_i) - lp(q - h e_i)) / 2h for a model with `log_density(q, gradient_out)`.
/// Truncation error is O(h^2 f'''), roundoff O(|lp| 1e-16 / h): at h = 1e-5 both sit near 1e-10
/// for the smooth, O(1)-scaled densities the tests use, far below their 1e-6 tolerances.
template <class Model>
double central_difference(const Model& m, const Eigen::VectorXd& q, Eigen::Index i, double h = 1e-5) {
    Eigen::VectorXd up = q, down = q, unused;
    up[i] += h;
    down[i] -= h;
    return (m.log_density(up, unused) - m.log_density(down, unused)) / (2 * h);
}

} // namespace fwsize::test
