#!/usr/bin/env bash
# The main job on the bundled captures: install what is missing, build, size a firewall.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target fwsize_cli -j "$(nproc)"
out=${1:-fwsize-report}
# Timed: the target is <= 10 s wall on 2 cores (docs/sizing.md, "Defaults and time").
TIMEFORMAT='fwsize size: %R s wall, %U s user, %S s sys'
time ./build/fwsize size examples/data/*.pcap --users 1,10,50,100 --out "$out"
echo "fwsize: report written to $(realpath "$out")/index.html (table: $out/sizing.md)"
