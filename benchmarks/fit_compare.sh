#!/bin/sh
# fwsize fit vs rstan 2.21 on data simulated from the arrival model, same chains/warmup/draws.
# Usage: benchmarks/fit_compare.sh BUILD_DIR K HOURS [modes="compressed plain"] [chains=4] [iter=2000]
# Environment: LEVEL=noncentred|centred (default noncentred, fwsize's default), ADAPT (default 0.95,
# fwsize's first run): both programs run the same model at the same adapt_delta, once (the explicit
# --adapt-delta turns fwsize's refit-after-divergences off, so the work compared is equal).
# Writes into BUILD_DIR/fit-bench-K-HOURS/: sim.csv, the fwsize fit (fit/), time.txt, rstan-<mode>.txt.
# rstan runs each series with cores = 2 (4 chains on 2 cores); fwsize runs every chain of every
# series in one pool on its 2 threads and reports a series' chain-seconds (the sum of its chains'
# times): per-series ESS/s is therefore one fwsize core against two rstan cores.
# LEVEL=centred ADAPT=0.8 is what fwsize's `auto` picks for data-rich series (K = 10 x 8 h).
set -eu
build=$1; K=$2; hours=$3; modes=${4:-"compressed plain"}; chains=${5:-4}; iter=${6:-2000}
here=$(cd "$(dirname "$0")" && pwd)
dir=$build/fit-bench-$K-$hours
mkdir -p "$dir"
"$build/benchmarks/bench_fit_simulate" "$K" "$hours" 7 "$dir/sim.csv"
half=$((iter / 2))
level=${LEVEL:-noncentred}; adapt=${ADAPT:-0.95}
centred=0; [ "$level" = centred ] && centred=1
start=$(date +%s.%N)
"$build/fwsize" fit "$dir/sim.csv" --out "$dir/fit" --chains "$chains" --warmup "$half" --draws "$half" --threads 2 \
  --machine-level "$level" --adapt-delta "$adapt" 2>"$dir/fit.log" || echo "fwsize fit exit status $? (see $dir/fit.log)"
end=$(date +%s.%N)
echo "fwsize fit all 5 series: $(echo "$end - $start" | bc) s wall" | tee "$dir/time.txt"
grep -E "PASS|FAIL" "$dir/fit.log" | tee -a "$dir/time.txt"
for m in $modes; do
  Rscript "$here/../scripts/rstan/compare.R" "$dir/sim.csv" "$dir/fit" "$centred" "$m" "$chains" "$iter" 1e-3 "$adapt" | tee "$dir/rstan-$m.txt"
done
