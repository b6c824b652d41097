#!/bin/sh
# fwsize vs rstan 2.21: min bulk-ESS per second on eight schools (non-centred) and a 100-d
# correlated Gaussian, same settings (4 chains x (1000 warmup + 1000 draws), seed 42, one core,
# adapt_delta 0.95 / 0.8), in one run, REPEATS times each (default 3). Every line carries the
# 1-minute load average read before it (the machine is shared); then the best and the median per
# tool and target, and the fwsize/rstan ratios of ESS/s (sampling only, warmup + sampling, and per
# CPU second). rstan's model compile time is printed on its own lines, never in ESS/s.
# Usage: sh benchmarks/mcmc_compare.sh [BUILD_DIR] [REPEATS]
set -e
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
repeats=${2:-3}
cmake --build "$build" --target bench_mcmc_ess_per_second >/dev/null
out=$(mktemp)
"$build/benchmarks/bench_mcmc_ess_per_second" "$repeats" | tee "$out"
Rscript "$src/benchmarks/mcmc_rstan.R" "$repeats" 2>"$out.err" | tee -a "$out"
grep -q '^rstan ' "$out" || { cat "$out.err" >&2; exit 1; }
# best and median (over repeats) of ESS/s total, ESS/s sampling, ESS per CPU second
awk '$1 == "fwsize" || $1 == "rstan" {
       k = $1 " " $2; n[k]++; tot[k, n[k]] = $16; smp[k, n[k]] = $14; cpu[k, n[k]] = $24; m[$2] = 1 }
  function stat(a, k, which,   i, j, x, s) {
    for (i = 1; i <= n[k]; i++) s[i] = a[k, i]
    for (i = 2; i <= n[k]; i++) { x = s[i]; for (j = i - 1; j >= 1 && s[j] < x; j--) s[j + 1] = s[j]; s[j + 1] = x }
    if (which == "best") return s[1]
    return n[k] % 2 ? s[(n[k] + 1) / 2] : (s[n[k] / 2] + s[n[k] / 2 + 1]) / 2 }
  END {
    for (t in m) for (w = 1; w <= 2; w++) {
      which = w == 1 ? "best" : "median"
      f = "fwsize " t; r = "rstan " t
      printf "%-26s %-6s ESS/s total fwsize %8.1f rstan %8.1f ratio %5.2f | sampling %8.1f / %8.1f ratio %5.2f | per CPU s %8.1f / %8.1f ratio %5.2f\n",
        t, which, stat(tot, f, which), stat(tot, r, which), stat(tot, f, which) / stat(tot, r, which),
        stat(smp, f, which), stat(smp, r, which), stat(smp, f, which) / stat(smp, r, which),
        stat(cpu, f, which), stat(cpu, r, which), stat(cpu, f, which) / stat(cpu, r, which)
    }
  }' "$out"
rm -f "$out" "$out.err"
