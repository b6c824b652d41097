// bench_fit_simulate K HOURS SEED OUT.csv — a per-second table (fwsize extract's format) of K
// machines x HOURS hours drawn from the arrival model (log-normal minutes), one column at a time,
// for benchmarks/fit_compare.sh: `fwsize fit` and rstan then fit the same data.
// Hyperparameters per column are fixed at values of the size the shared workstation captures give
// (a few events per minute, strong minute-to-minute spread, overdispersed seconds).
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>

#include <fwsize/model/simulate_arrivals.hpp>

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: bench_fit_simulate K HOURS SEED OUT.csv\n";
        return 2;
    }
    const std::size_t K = std::strtoul(argv[1], nullptr, 10);
    const std::size_t seconds = static_cast<std::size_t>(std::atof(argv[2]) * 3600);
    boost::random::mt19937_64 eng(std::strtoull(argv[3], nullptr, 10));
    boost::random::normal_distribution<double> normal(0, 1);
    // tcp_new, udp_new, tcp_end, udp_end: alpha, sigma_machine, sigma_minute, phi
    const double hyper[4][4] = {
        {-2.0, 0.6, 1.2, 0.6}, {-2.8, 0.8, 1.0, 0.8}, {-2.2, 0.6, 1.2, 0.6}, {-2.8, 0.8, 1.0, 0.8}};
    std::vector<std::vector<std::uint32_t>> cols[4];
    for (int c = 0; c < 4; ++c) {
        fwsize::model::arrival_draw d;
        d.alpha = hyper[c][0];
        d.sigma_machine = hyper[c][1];
        d.sigma_minute = hyper[c][2];
        d.phi = hyper[c][3];
        for (std::size_t k = 0; k < K; ++k) {
            fwsize::model::machine_effect m;
            m.level = d.alpha + d.sigma_machine * normal(eng);
            cols[c].push_back(fwsize::model::simulate_machine(d, m, seconds, 60, eng));
        }
    }
    std::ofstream out(argv[4]);
    out << "machine_id,machine,second,minute,tcp_new,udp_new,tcp_end,udp_end\n";
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t t = 0; t < seconds; ++t)
            out << "sim" << k + 1 << ',' << k + 1 << ',' << t + 1 << ',' << t / 60 + 1 << ',' << cols[0][k][t] << ','
                << cols[1][k][t] << ',' << cols[2][k][t] << ',' << cols[3][k][t] << '\n';
    std::cerr << "wrote " << argv[4] << ": " << K << " machines x " << seconds << " s\n";
    return out ? 0 : 1;
}
