#!/bin/sh
# size_compare.sh — `fwsize size` on the bundled captures, two builds interleaved in one run (the
# alternative: the same command built from another commit), ROUNDS rounds each, with wall, user CPU,
# max RSS and the load average beside every run, and whether sizing.csv is byte-identical.
# Usage: sh benchmarks/size_compare.sh NEW_FWSIZE OLD_FWSIZE [ROUNDS=3] [WORKDIR=/tmp/fwsize-size-compare]
# (OLD_FWSIZE e.g. from `git archive <commit> | tar -x -C /tmp/old` built with cmake --target fwsize_cli.)
set -eu
new=$1
old=$2
rounds=${3:-3}
work=${4:-/tmp/fwsize-size-compare}
here=$(cd "$(dirname "$0")/.." && pwd)
data="$here/examples/data"
mkdir -p "$work"
echo "| round | build | wall s | user s | max RSS MB | load (1 min) before | sizing.csv |"
echo "|---:|---|---:|---:|---:|---:|---|"
i=1
while [ "$i" -le "$rounds" ]; do
  for which in new old; do
    if [ "$which" = new ]; then bin=$new; else bin=$old; fi
    out="$work/$which-$i"
    rm -rf "$out"
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %M' -o "$work/time" "$bin" size "$data/http-browsing-2011.pcap" "$data/vpn-vm.pcap" \
      --users 1,10,50,100 --out "$out" 2>/dev/null
    set -- $(cat "$work/time")
    if cmp -s "$work/new-$i/sizing.csv" "$out/sizing.csv"; then same="identical to new"
    elif [ "$(cut -d, -f1,2,4- "$work/new-$i/sizing.csv")" = "$(cut -d, -f1,2,4- "$out/sizing.csv")" ]; then
      rel=$(paste -d, "$work/new-$i/sizing.csv" "$out/sizing.csv" | awk -F, 'NR > 1 { d = $3 - $19; if (d < 0) d = -d; r = $3 > 0 ? d / $3 : d; if (r > m) m = r } END { printf "%.1e", m }')
      same="quantiles identical; pooled_mean max rel. diff $rel"
    else same="differs from new"; fi
    echo "| $i | $which | $1 | $2 | $(( $3 / 1024 )) | $load | $same |"
  done
  i=$((i + 1))
done
