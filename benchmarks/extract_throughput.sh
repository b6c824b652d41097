#!/bin/sh
# MB/s of `fwsize extract` on a >= 1 GiB seed-schema CSV, next to `wc -l` on the same file in the
# same run, warm cache. The CSV is the largest shared workstation CSV repeated with timestamps
# shifted by its span (+1 s) per copy, so the result is one continuous, plausible capture.
#   sh benchmarks/extract_throughput.sh BUILD_DIR [SHARED_DIR] [WORK_DIR] [REPEATS]
# Nothing it makes is committed: WORK_DIR (default /tmp/fwsize-bench-extract) holds the CSV.
set -eu
build=${1:?usage: extract_throughput.sh BUILD_DIR [SHARED_DIR] [WORK_DIR] [REPEATS]}
shared=${2:-$(dirname "$0")/../../shared}
work=${3:-/tmp/fwsize-bench-extract}
repeats=${4:-3}
mkdir -p "$work"
src=$(ls -S "$shared"/data/workstations/*.csv | head -n 1)
big="$work/big.csv"
if [ ! -s "$big" ] || [ "$(stat -c %s "$big")" -lt 1073741824 ]; then
  python3 - "$src" "$big" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
with open(src, newline="") as f:
    header, *rows = f.read().splitlines()
cols = header.split(",")
ti = cols.index("timestamp")
parsed = []
for r in rows:
    f = r.split(",")
    whole, _, frac = f[ti].partition(".")
    parsed.append((",".join(f[:ti]), int(whole), ("." + frac if frac else ""), ",".join(f[ti + 1:])))
t0 = min(p[1] for p in parsed); t1 = max(p[1] for p in parsed)
shift = t1 - t0 + 1000  # ms: each copy starts 1 s after the previous one ends
target = 1 << 30
written = 0
with open(dst, "w", newline="") as out:
    out.write(header + "\n"); written += len(header) + 1
    c = 0
    while written < target:
        off = c * shift
        block = "".join(f"{a},{w + off}{fr},{b}\n" for a, w, fr, b in parsed)
        out.write(block); written += len(block); c += 1
print(f"{dst}: {c} copies of {src}, {written} bytes", file=sys.stderr)
PY
fi
bytes=$(stat -c %s "$big")
cat "$big" > /dev/null  # warm the page cache
now() { date +%s.%N; }
best() { sort -g | head -n 1; }
wc_times=""; fw_times=""
i=0
while [ $i -lt "$repeats" ]; do
  t=$(now); wc -l "$big" > /dev/null; wc_times="$wc_times $(echo "$(now) - $t" | bc -l)"
  t=$(now); "$build/fwsize" extract "$big" -o "$work/cps.csv" 2> "$work/extract.log"
  fw_times="$fw_times $(echo "$(now) - $t" | bc -l)"
  i=$((i + 1))
done
wc_best=$(printf '%s\n' $wc_times | best); fw_best=$(printf '%s\n' $fw_times | best)
mbs() { echo "scale=1; $bytes / 1000000 / $1" | bc -l; }
echo "file: $big ($bytes bytes, $(wc -l < "$big") lines) from $src"
echo "wc -l:          times [s]:$wc_times  best $(mbs "$wc_best") MB/s"
echo "fwsize extract: times [s]:$fw_times  best $(mbs "$fw_best") MB/s"
echo "ratio extract/wc: $(echo "scale=3; $wc_best / $fw_best" | bc -l)"
grep -E 'rows read|events' "$work/extract.log" | head -n 2
