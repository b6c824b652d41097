// fwsize size FILE... --out DIR [--users 1,10,50,100] [--timers fortigate] [--office-shock RHO]
// [--seed 42] [--chains 4 --warmup 500 --draws 500] [--rules exact|seed] [--log-lines minute|seed-60x]
// — the main job: captures in, sizing report out (predict/size_job.hpp, report/write_report.hpp).
// Progress on stderr. Exit 0 when the report is written — also when a model missed a convergence
// criterion: the report and a WARNING line on stderr say so (the numbers are still the best
// available; the failed criterion is never hidden); 2 on bad input (nothing written); 1 otherwise.
#pragma once

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fwsize/predict/size_job.hpp>
#include <fwsize/report/write_report.hpp>

#include "../command.hpp"

namespace fwsize::cli {

namespace size_detail {

struct options {
    std::vector<std::string> inputs;
    std::string out, timers = "fortigate", rules = "exact", log_lines = "minute";
    std::vector<std::int64_t> users{1, 10, 50, 100};
    double rho = 0;
    std::uint64_t seed = 42;
    int chains = 4, warmup = 500, draws = 500;
    unsigned threads = 0;
    std::size_t simulation_draws = 40, max_draws = 500, pmf_max_length = std::size_t{1} << 14, shock_draws = 10;
    std::int64_t max_simulated_sessions = 4'000'000;
    std::string command_line;
};

inline int run(const options& o) {
    const auto t0 = std::chrono::steady_clock::now();
    predict::size_job_options job;
    for (const auto& f : o.inputs) job.inputs.emplace_back(f);
    job.users = o.users;
    job.timers = flow::parse_timer_profile(o.timers);
    job.rules = *flow::parse_rule_set(o.rules);
    job.rho = o.rho;
    job.log_lines = o.log_lines == "seed-60x" ? predict::log_lines_mode::seed_60x : predict::log_lines_mode::minute;
    job.sampler.seed = o.seed;
    job.sampler.chains = o.chains;
    job.sampler.warmup = o.warmup;
    job.sampler.draws = o.draws;
    job.threads = o.threads;
    job.simulation_draws = o.simulation_draws;
    job.max_draws = o.max_draws;
    job.pmf_max_length = o.pmf_max_length;
    job.shock_draws = o.shock_draws;
    job.max_simulated_sessions = o.max_simulated_sessions;
    job.command_line = o.command_line;
    job.progress = [](const std::string& line) { std::cerr << "fwsize size: " << line << '\n'; };

    const auto res = predict::run_size_job(job);
    std::cerr << "fwsize size: writing the report into " << o.out << '\n';
    report::write_report(res.report, o.out);
    for (const auto& w : res.report.warnings) std::cerr << "WARNING: " << w << '\n';
    std::cerr << "fwsize size: done in " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
              << " s (extract " << res.seconds_extract << " s, fit " << res.seconds_fit << " s, predict "
              << res.seconds_predict << " s); report: " << (std::filesystem::path(o.out) / "index.html").string()
              << '\n';
    return 0;
}

} // namespace size_detail

inline command add_size(CLI::App& app) {
    auto o = std::make_shared<size_detail::options>();
    auto* sub = app.add_subcommand(
        "size", "Size a firewall: from captures of a few workstations to new sessions per "
                "second, log lines per minute and concurrent sessions for N users (report in --out)");
    sub->add_option("inputs", o->inputs, "captures (pcap, pcapng or seed CSV; one file per machine)")->required();
    sub->add_option("--out", o->out, "report directory (written under a temporary name, renamed at the end)")
        ->required();
    sub->add_option("--users", o->users, "office sizes N, comma-separated")
        ->delimiter(',')
        ->capture_default_str()
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}));
    sub->add_option("--timers", o->timers,
                    "timer profile: none, fortigate, paloalto, or NAME,key=seconds,... "
                    "(keys tcp_idle, tcp_handshake, tcp_half_closed, tcp_time_wait, udp_idle)")
        ->capture_default_str();
    sub->add_option("--office-shock", o->rho, "share rho of the minute effect common to the whole office (0..1)")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 1.0));
    sub->add_option("--seed", o->seed, "random seed (fits, simulation)")->capture_default_str();
    add_chain_options(sub, *o, "chains per model");
    sub->add_option("--rules", o->rules, "extraction rules: exact (default) or seed (one local address per family)")
        ->capture_default_str()
        ->check(CLI::IsMember({"exact", "seed"}));
    sub->add_option("--log-lines", o->log_lines,
                    "log lines per minute: minute (minute totals) or seed-60x (60 x a "
                    "second's count, the seed's recipe, for comparison)")
        ->capture_default_str()
        ->check(CLI::IsMember({"minute", "seed-60x"}));
    sub->add_option("--threads", o->threads, "worker threads (0 = all cores); results never depend on it")
        ->capture_default_str();
    sub->add_option("--simulation-draws", o->simulation_draws, "posterior draws simulated for log lines and occupancy")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{2}, std::size_t{100000}));
    sub->add_option("--max-draws", o->max_draws, "posterior draws (thinned) for new sessions per second")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{2}, std::size_t{100000}));
    // Capped at 2^20: memory grows with draws x N x this length, and must stay bounded.
    sub->add_option("--max-pmf-length", o->pmf_max_length, "PMF window cap; mass beyond it is reported")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 20));
    sub->add_option("--max-simulated-sessions", o->max_simulated_sessions,
                    "sessions one simulated posterior draw may create; draws over it are cut and reported")
        ->capture_default_str()
        ->check(CLI::Range(std::int64_t{1000}, std::int64_t{1'000'000'000}));
    sub->add_option("--shock-draws", o->shock_draws, "posterior draws (thinned) for the office-shock sensitivity table")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{2}, std::size_t{100000}));
    return {sub, [o, sub] {
                o->command_line = "fwsize size";
                for (const auto& f : o->inputs) o->command_line += " " + f;
                for (const char* name : {"--out", "--users", "--timers", "--office-shock", "--seed", "--chains",
                                         "--warmup", "--draws", "--rules", "--log-lines"})
                    if (sub->count(name)) {
                        std::string v;
                        for (const auto& r : sub->get_option(name)->results()) v += (v.empty() ? "" : ",") + r;
                        o->command_line += std::string(" ") + name + " " + v;
                    }
                return size_detail::run(*o);
            }};
}

} // namespace fwsize::cli
