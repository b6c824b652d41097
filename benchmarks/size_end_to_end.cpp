// bench_size_end_to_end — wall time of the whole `fwsize size` job (extract + replay, fits,
// predictions, report) on (a) the bundled captures and (b) K = 10 simulated machines x 8 hours,
// written as real pcap files (Ethernet/IPv4 TCP handshakes, data, FIN closes and UDP exchanges) from
// arrival counts of model/simulate_arrivals.hpp and log-normal session durations.
// Usage: bench_size_end_to_end [SOURCE_DIR] [--skip-bundled] [--skip-simulated] [--threads N]
// Prints every progress line of the job with its wall time since the start of that case.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include <fwsize/model/simulate_arrivals.hpp>
#include <fwsize/predict/size_job.hpp>
#include <fwsize/report/write_report.hpp>

using namespace fwsize;
namespace fs = std::filesystem;

namespace {

struct frame {
    double t;
    std::vector<unsigned char> bytes;
};

void put16(std::vector<unsigned char>& b, unsigned v) {
    b.push_back((v >> 8) & 0xff), b.push_back(v & 0xff);
}
void put32(std::vector<unsigned char>& b, std::uint32_t v) {
    put16(b, v >> 16), put16(b, v & 0xffff);
}

/// Ethernet + IPv4 + TCP (flags) or UDP, no payload bytes captured (lengths say what was sent).
frame make_frame(double t, bool out, std::uint32_t host, std::uint32_t remote, unsigned hport, unsigned rport, bool tcp,
                 unsigned flags) {
    frame f{t, {}};
    auto& b = f.bytes;
    const unsigned char host_mac[6] = {2, 0, 0, 0, 0, 1}, gw_mac[6] = {2, 0, 0, 0, 0, 0xfe};
    b.insert(b.end(), out ? gw_mac : host_mac, (out ? gw_mac : host_mac) + 6);
    b.insert(b.end(), out ? host_mac : gw_mac, (out ? host_mac : gw_mac) + 6);
    put16(b, 0x0800);
    const unsigned l4 = tcp ? 20 : 8;
    b.push_back(0x45), b.push_back(0), put16(b, 20 + l4), put16(b, 0), put16(b, 0x4000);
    b.push_back(64), b.push_back(tcp ? 6 : 17), put16(b, 0);
    put32(b, out ? host : remote), put32(b, out ? remote : host);
    // IPv4 header checksum
    std::uint32_t sum = 0;
    for (std::size_t i = 14; i < 34; i += 2) sum += (unsigned(b[i]) << 8) | b[i + 1];
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    b[24] = static_cast<unsigned char>((~sum >> 8) & 0xff), b[25] = static_cast<unsigned char>(~sum & 0xff);
    put16(b, out ? hport : rport), put16(b, out ? rport : hport);
    if (tcp) {
        put32(b, 1), put32(b, (flags & 0x10) ? 1 : 0);
        b.push_back(0x50), b.push_back(static_cast<unsigned char>(flags)), put16(b, 65535), put16(b, 0), put16(b, 0);
    } else {
        put16(b, 8), put16(b, 0);
    }
    return f;
}

void write_pcap(const fs::path& p, std::vector<frame>& frames) {
    std::sort(frames.begin(), frames.end(), [](const frame& a, const frame& b) { return a.t < b.t; });
    std::ofstream o(p, std::ios::binary);
    const std::uint32_t hdr[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1};
    o.write(reinterpret_cast<const char*>(hdr), sizeof hdr); // native order: the magic tells readers
    for (const auto& f : frames) {
        const double base = 1.7e9;
        const auto sec = static_cast<std::uint32_t>(base + std::floor(f.t));
        const auto usec = static_cast<std::uint32_t>((f.t - std::floor(f.t)) * 1e6);
        const std::uint32_t rec[4] = {sec, usec, std::uint32_t(f.bytes.size()), std::uint32_t(f.bytes.size())};
        o.write(reinterpret_cast<const char*>(rec), sizeof rec);
        o.write(reinterpret_cast<const char*>(f.bytes.data()), std::streamsize(f.bytes.size()));
    }
}

/// One machine, `hours` long: TCP and UDP session arrivals per second from the arrival model.
void simulate_machine_pcap(const fs::path& p, int k, double hours, std::uint64_t seed) {
    boost::random::mt19937_64 eng(seed * 1000 + std::uint64_t(k));
    boost::random::normal_distribution<double> normal(0, 1);
    boost::random::uniform_01<double> unif;
    const std::size_t seconds = std::size_t(hours * 3600);
    model::arrival_draw tcp_d{std::log(0.25), 0.5, 0.8, 0.5}, udp_d{std::log(0.1), 0.5, 0.8, 0.5};
    const auto tcp = model::simulate_machine(tcp_d, {tcp_d.alpha + 0.5 * normal(eng), 0}, seconds, 60, eng);
    const auto udp = model::simulate_machine(udp_d, {udp_d.alpha + 0.5 * normal(eng), 0}, seconds, 60, eng);
    const std::uint32_t host = (10u << 24) | std::uint32_t(k + 1);
    std::vector<frame> fr;
    unsigned port = 49152;
    for (std::size_t s = 0; s < seconds; ++s) {
        for (std::uint32_t i = 0; i < tcp[s]; ++i) {
            const double t = double(s) + unif(eng), d = std::exp(1.5 + 1.5 * normal(eng));
            const std::uint32_t remote = (93u << 24) | std::uint32_t(eng() & 0xffffff);
            const unsigned hp = port = port >= 65000 ? 49152 : port + 1;
            fr.push_back(make_frame(t, true, host, remote, hp, 443, true, 0x02));
            fr.push_back(make_frame(t + 0.02, false, host, remote, hp, 443, true, 0x12));
            fr.push_back(make_frame(t + 0.03, true, host, remote, hp, 443, true, 0x10));
            for (double x = 0.03 + 5; x < d; x += 5)
                fr.push_back(make_frame(t + x, true, host, remote, hp, 443, true, 0x18));
            fr.push_back(make_frame(t + d, true, host, remote, hp, 443, true, 0x11));
            fr.push_back(make_frame(t + d + 0.02, false, host, remote, hp, 443, true, 0x11));
            fr.push_back(make_frame(t + d + 0.03, true, host, remote, hp, 443, true, 0x10));
        }
        for (std::uint32_t i = 0; i < udp[s]; ++i) {
            const double t = double(s) + unif(eng), d = unif(eng) < 0.8 ? 0.0 : std::exp(2 + normal(eng));
            const std::uint32_t remote = (8u << 24) | std::uint32_t(eng() & 0xffffff);
            const unsigned hp = port = port >= 65000 ? 49152 : port + 1;
            for (double x = 0; x <= d; x += 2) {
                fr.push_back(make_frame(t + x, true, host, remote, hp, 53, false, 0));
                fr.push_back(make_frame(t + x + 0.02, false, host, remote, hp, 53, false, 0));
            }
        }
    }
    write_pcap(p, fr);
}

double run(const std::vector<fs::path>& inputs, const fs::path& out, unsigned threads, predict::size_job_result* keep) {
    const auto t0 = std::chrono::steady_clock::now();
    rusage u0{};
    getrusage(RUSAGE_SELF, &u0);
    predict::size_job_options o;
    o.inputs = inputs;
    o.threads = threads;
    // Each progress line with the wall time since the start: the split of the prediction stage
    // (new/s, office-shock sensitivity, session simulation, log-line and occupancy FFT powers).
    o.progress = [t0](const std::string& line) {
        std::printf("    [%7.2f s] %s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                    line.c_str());
    };
    auto r = predict::run_size_job(o);
    report::write_report(r.report, out);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rusage u1{};
    getrusage(RUSAGE_SELF, &u1);
    const auto cpu = [](const rusage& u) {
        return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
    };
    std::printf("    extract %.2f s, fit %.2f s, predict %.2f s; CPU %.1f s; max RSS so far %.0f MB; converged: %s; "
                "simulated draws cut: %zu of %zu\n",
                r.seconds_extract, r.seconds_fit, r.seconds_predict, cpu(u1) - cpu(u0), double(u1.ru_maxrss) / 1024,
                r.converged ? "yes" : "NO", r.simulation_draws_cut, r.simulation_draws_total);
    if (keep) *keep = std::move(r);
    return s;
}

} // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each line as it is measured (runs take minutes)
    fs::path source = ".";                    // the repository root
    bool bundled = true, simulated = true;
    unsigned threads = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--skip-bundled") bundled = false;
        else if (a == "--skip-simulated") simulated = false;
        else if (a == "--threads" && i + 1 < argc) threads = unsigned(std::stoul(argv[++i]));
        else source = a;
    }
    const fs::path work = fs::temp_directory_path() / "fwsize-bench-size";
    fs::create_directories(work);
    std::printf("| case | machines | wall s (default settings) | target s |\n|---|---|---|---|\n");
    if (bundled) {
        const auto d = source / "examples" / "data";
        const double s = run({d / "vpn-vm.pcap", d / "http-browsing-2011.pcap"}, work / "bundled", threads, nullptr);
        std::printf("| bundled captures (vpn-vm 548 s, http-browsing 130 s) | 2 | %.1f | 10 |\n", s);
    }
    if (simulated) {
        std::vector<fs::path> inputs;
        const auto t0 = std::chrono::steady_clock::now();
        for (int k = 0; k < 10; ++k) {
            inputs.push_back(work / ("sim" + std::to_string(k + 1) + ".pcap"));
            simulate_machine_pcap(inputs.back(), k, 8.0, 42);
        }
        std::printf("    (writing the 10 pcaps took %.1f s, not counted)\n",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        const double s = run(inputs, work / "simulated", threads, nullptr);
        std::printf("| simulated, 8 h each | 10 | %.1f | 90 |\n", s);
    }
    return 0;
}
