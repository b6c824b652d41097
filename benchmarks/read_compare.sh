#!/bin/sh
# Capture reading speed, warm cache, in one run: fwsize (bench_read_throughput) vs `tshark -r F -T
# fields` with make_csv.sh's options, filter and fields (its awk step left out, in tshark's favour)
# vs `cat F > /dev/null`, all three on the same file F. F (>= 1 GiB, pcapng) is the four shared
# workstation captures concatenated with `mergecap -a`, repeated with `editcap -t` shifting each
# copy 30 days on, written to WORK (never committed); SLICE=1 times a ~100 MB slice (the first 11
# copies) instead. Each tool runs RUNS times (default 3) interleaved (cat, fwsize, tshark, cat, ...);
# every run is printed with the 1-minute load average read just before it (the machine is shared),
# then the best and the median per tool and the MB/s ratios best-to-best and median-to-median.
# Wall time from date +%s%N around each command; user + system CPU and max RSS from /usr/bin/time.
# Needs wireshark-common (mergecap, editcap, capinfos), tshark and /usr/bin/time.
#   sh benchmarks/read_compare.sh BUILD_DIR [SHARED_DIR] [WORK]
set -eu
build=${1:?usage: read_compare.sh BUILD_DIR [SHARED_DIR] [WORK]}
shared=${2:-$(dirname "$0")/../../shared}
work=${3:-/tmp/fwsize-bench-read}
runs=${RUNS:-3}
mkdir -p "$work"
cmake --build "$build" --target bench_read_throughput >/dev/null
bench="$build/benchmarks/bench_read_throughput"
big="$work/big.pcapng"
slice="$work/slice.pcapng"
if [ ! -s "$big" ] || [ ! -s "$slice" ]; then
  mergecap -a -w "$work/base.pcapng" "$shared"/data/workstations/*.pcap "$shared"/data/workstations/*.pcapng
  base_bytes=$(stat -c %s "$work/base.pcapng")
  copies=$(( (1073741824 + base_bytes - 1) / base_bytes ))
  mkdir -p "$work/parts"
  i=0
  while [ $i -lt $copies ]; do
    editcap -t $((i * 2592000)) "$work/base.pcapng" "$work/parts/$(printf %04d $i).pcapng"
    i=$((i + 1))
  done
  mergecap -a -w "$slice" $(ls "$work"/parts/*.pcapng | head -n 11)
  mergecap -a -w "$big" "$work"/parts/*.pcapng
  rm -rf "$work/parts" "$work/base.pcapng"
fi
f=$big
[ "${SLICE:-0}" = 1 ] && f=$slice

# make_csv.sh's tshark options, filter and fields (its awk step left out)
tshark_opts="-o tcp.analyze_sequence_numbers:TRUE -o tcp.calculate_timestamps:TRUE
  -o tcp.relative_sequence_numbers:TRUE -T fields -E separator=/t -E occurrence=l -E quote=n
  -e frame.number -e frame.time_epoch -e frame.protocols -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst
  -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport -e tcp.time_relative -e tcp.completeness"
filter='(tcp || udp) && !icmp && !icmpv6'
run_tshark() { tshark -n -r "$f" -Y "$filter" $tshark_opts; }

mb=$(stat -c %s "$f" | awk '{ printf "%.1f", $1 / 1e6 }')
frames=$(capinfos -c -M "$f" | awk -F: '/Number of packets/ { gsub(/ /, "", $2); print $2 }')
echo "file $f MB $mb frames $frames"
# Same work check: fwsize's record count vs tshark's row count (make_csv.sh rows, before its awk).
echo "fwsize: $("$bench" "$f" 1 | awk '{ print "frames", $5, "records", $7 }')"
echo "tshark rows: $(run_tshark 2>/dev/null | wc -l)"
cat "$f" >/dev/null; cat "$f" >/dev/null # warm the page cache

log="$work/runs.txt"
: >"$log"
r=1
while [ "$r" -le "$runs" ]; do
  for tool in cat fwsize tshark; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s%N) # wall clock in ns (/usr/bin/time's %e has only 10 ms steps)
    case $tool in
    cat) /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" cat "$f" >/dev/null ;;
    fwsize) /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$bench" "$f" 1 >/dev/null ;;
    tshark) /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" tshark -n -r "$f" -Y "$filter" $tshark_opts \
              >/dev/null 2>&1 ;;
    esac
    t1=$(date +%s%N)
    awk -v tool=$tool -v wall=$(((t1 - t0) / 1000))  -v r=$r -v load="$load" -v mb="$mb" -v fr="$frames" '{
      printf "run %d %-6s load1 %5s wall_s %8.4f cpu_s %7.3f max_rss_MB %6.1f frames_per_s %9.0f MB_per_s %7.1f\n",
        r, tool, load, wall / 1e6, $2 + $3, $4 / 1024, fr * 1e6 / wall, mb * 1e6 / wall }' "$work/time.txt" | tee -a "$log"
  done
  r=$((r + 1))
done
# best (min wall) and median wall per tool; ratios of MB/s
awk '{ w[$3, ++n[$3]] = $7 }
  function sorted(t, k,   i, j, x) { for (i = 1; i <= n[t]; i++) s[i] = w[t, i]
    for (i = 2; i <= n[t]; i++) { x = s[i]; for (j = i - 1; j >= 1 && s[j] > x; j--) s[j + 1] = s[j]; s[j + 1] = x }
    return k == "best" ? s[1] : (n[t] % 2 ? s[(n[t] + 1) / 2] : (s[n[t] / 2] + s[n[t] / 2 + 1]) / 2) }
  END {
    split("cat fwsize tshark", tools, " ")
    for (k = 1; k <= 3; k++) { t = tools[k]; b[t] = sorted(t, "best"); m[t] = sorted(t, "median")
      printf "%-6s best wall_s %.4f (%.1f MB/s)  median wall_s %.4f (%.1f MB/s)\n", t, b[t], MB / b[t], m[t], MB / m[t] }
    printf "fwsize/tshark MB/s ratio: best %.1f  median %.1f   (target >= 50)\n", b["tshark"] / b["fwsize"], m["tshark"] / m["fwsize"]
    printf "fwsize/cat    MB/s ratio: best %.2f  median %.2f   (target >= 0.5)\n", b["cat"] / b["fwsize"], m["cat"] / m["fwsize"]
  }' MB="$mb" "$log"
rm -f "$work/time.txt"
