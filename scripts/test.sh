#!/usr/bin/env bash
# The whole test suite from a clean checkout: install what is missing, build everything, run ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
jobs=$(nproc)
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Release
cmake --build build-test -j "$jobs"
ctest --test-dir build-test --output-on-failure -j "$jobs" --timeout 900
