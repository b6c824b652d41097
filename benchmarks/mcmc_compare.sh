#!/bin/sh
# fwsize vs rstan 2.21: min bulk-ESS per second on eight schools (non-centred) and a 100-d
# correlated Gaussian, in one run. Usage: sh benchmarks/mcmc_compare.sh [build-dir]
set -e
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
cmake --build "$build" --target bench_mcmc_ess_per_second >/dev/null
out=$(mktemp)
"$build/benchmarks/bench_mcmc_ess_per_second" > "$out"
Rscript "$src/benchmarks/mcmc_rstan.R" >> "$out" 2>/dev/null
cat "$out"
awk '{ v[$1 " " $2] = $10; t[$1 " " $2] = $12; c[$1 " " $2] = $20; m[$2] = 1 }
     END { for (k in m) printf "ratio fwsize/rstan %s: ESS/s sampling %.2f, ESS/s total %.2f, ESS per CPU s total %.2f\n", k,
                              v["fwsize " k] / v["rstan " k], t["fwsize " k] / t["rstan " k], c["fwsize " k] / c["rstan " k] }' "$out"
rm -f "$out"
