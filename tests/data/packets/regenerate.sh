#!/usr/bin/env bash
# Regenerates the expected CSVs of the tcpdump-tests subset with tshark (make_csv.sh), the oracle.
# tshark is needed only here, never to run the suite.  usage: regenerate.sh [SHARED_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${1:-$here/../../../../shared}
grep -v '^#' "$here/tcpdump-tests.list" | while read -r f; do
  bash "$shared/data/make_csv.sh" "$shared/data/robustness/tcpdump-tests/$f" "$here/tcpdump-tests/$f.csv"
done
