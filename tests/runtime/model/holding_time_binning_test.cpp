// holding_time_model above its binning threshold: bins of log duration evaluated at their mean
// must give the per-session log density (the exact model, every session its own row) within the
// stated second-order bound, with gradients that agree with the exact ones and with central finite
// differences of the binned density itself (one smooth function, as NUTS needs).
#include <cmath>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "../../catch.hpp"
#include "../../support/finite_difference.hpp"

#include <fwsize/model/holding_time_model.hpp>

using namespace fwsize::model;

namespace {
// A day's worth of sessions: timer spikes on top of a two-log-normal body, zeros, some censored
// and some already open at capture start (those stay exact rows).
std::vector<duration_obs> many_durations(int n) {
    boost::random::mt19937_64 eng(23);
    boost::random::normal_distribution<double> z(0, 1);
    boost::random::uniform_real_distribution<double> u(0, 1);
    std::vector<duration_obs> d;
    for (int i = 0; i < n; ++i) {
        duration_obs o;
        const double v = u(eng);
        if (v < 0.1) {
            d.push_back(o);
            continue;
        }
        o.seconds = v < 0.2 ? 300 + 0.2 * u(eng) : std::exp(v < 0.6 ? -2 + 1.1 * z(eng) : 3 + 1.4 * z(eng));
        if (u(eng) < 0.01) o.censored = true;
        if (u(eng) < 0.01) o.entry_s = o.seconds * u(eng);
        d.push_back(o);
    }
    return d;
}
} // namespace

TEST_CASE("holding-time model: binned log durations give the per-session density within the bound",
          "[model][holding]") {
    const auto data = many_durations(40000);
    const holding_time_model exact(data, holding_time_model::default_components, std::size_t(-1));
    const holding_time_model binned(data, holding_time_model::default_components, 0);
    INFO("rows: exact " << exact.rows() << ", binned " << binned.rows());
    CHECK(binned.rows() < exact.rows() / 4); // the point of it
    boost::random::mt19937_64 eng(5);
    boost::random::normal_distribution<double> n(0, 1);
    for (int rep = 0; rep < 6; ++rep) {
        Eigen::VectorXd q(static_cast<Eigen::Index>(exact.dimension())), ge, gb;
        q[0] = -2 + 0.5 * n(eng);
        // a smooth random walk over the grid, as the prior draws them
        double t = 0;
        for (Eigen::Index j = 1; j < q.size(); ++j) q[j] = (t += -0.5 + 0.7 * n(eng));
        const double le = exact.log_density(q, ge), lb = binned.log_density(q, gb);
        INFO("rep " << rep << ": exact " << le << ", binned " << lb);
        // Second-order bound: width^2/2 per complete session (documented in the header).
        const double w = holding_time_model::bin_width_log_s;
        CHECK(std::abs(le - lb) <= w * w / 2 * 40000);
        for (Eigen::Index i = 0; i < q.size(); ++i)
            CHECK(std::abs(ge[i] - gb[i]) <= 1e-4 * std::max(1.0, std::abs(ge[i])));
        // The binned density's own gradient is exact (finite differences).
        for (Eigen::Index i : {Eigen::Index(0), Eigen::Index(5), Eigen::Index(20), q.size() - 1}) {
            const double fd = fwsize::test::central_difference(binned, q, i);
            CHECK(std::abs(gb[i] - fd) <= 1e-6 * std::max(1.0, std::abs(fd)) + 1e-7 * std::abs(lb));
        }
    }
    // Below the threshold nothing changes: the default model on a small set is the exact one.
    const std::vector<duration_obs> few(data.begin(), data.begin() + 500);
    const holding_time_model a(few), b(few, holding_time_model::default_components, std::size_t(-1));
    CHECK(a.rows() == b.rows());
}
