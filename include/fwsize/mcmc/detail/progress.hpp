// CmdStan-style progress lines on stderr, one mutex for all chains so lines never interleave.
#pragma once

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <sstream>

namespace fwsize::mcmc {
inline namespace v0 {
namespace detail {

inline std::mutex& progress_mutex() {
    static std::mutex m;
    return m;
}

/// `Chain [k] Iteration:  100 / 2000 [  5%]  (Warmup)`; the prefix only when several chains run.
inline std::string progress_line(int chain_id, int num_chains, int iteration, int total, bool warmup) {
    std::ostringstream s;
    if (num_chains != 1) s << "Chain [" << chain_id << "] ";
    const int width = static_cast<int>(std::ceil(std::log10(static_cast<double>(total))));
    s << "Iteration: " << std::setw(width) << iteration << " / " << total << " [" << std::setw(3)
      << static_cast<int>(100.0 * iteration / total) << "%]  " << (warmup ? "(Warmup)" : "(Sampling)");
    return s.str();
}

/// Prints at the first iteration of each phase, every `refresh` iterations and at the last one.
inline void report_progress(int refresh, int chain_id, int num_chains, int m, int start, int total, bool warmup) {
    if (refresh <= 0) return;
    if (!(start + m + 1 == total || m == 0 || (m + 1) % refresh == 0)) return;
    const std::string line = progress_line(chain_id, num_chains, start + m + 1, total, warmup);
    const std::lock_guard<std::mutex> lock(progress_mutex());
    std::cerr << line << '\n';
}

inline void report_elapsed(int refresh, int chain_id, int num_chains, double warm_s, double samp_s) {
    if (refresh <= 0) return;
    std::ostringstream s;
    const std::string prefix = num_chains != 1 ? "Chain [" + std::to_string(chain_id) + "] " : "";
    s << '\n'
      << prefix << " Elapsed Time: " << warm_s << " seconds (Warm-up)\n"
      << std::string(prefix.size(), ' ') << "               " << samp_s << " seconds (Sampling)\n"
      << std::string(prefix.size(), ' ') << "               " << warm_s + samp_s << " seconds (Total)\n";
    const std::lock_guard<std::mutex> lock(progress_mutex());
    std::cerr << s.str() << '\n';
}

} // namespace detail
} // namespace v0
} // namespace fwsize::mcmc
