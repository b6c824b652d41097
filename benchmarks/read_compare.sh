#!/bin/sh
# Capture reading speed, warm cache, in one run: fwsize (bench_read_throughput) vs `tshark -r F -T
# fields` with make_csv.sh's options and fields (its awk step left out, in tshark's favour) vs
# `cat F > /dev/null`. F (>= 1 GiB, pcapng) is the four shared workstation captures concatenated
# with `mergecap -a`, repeated with `editcap -t` shifting each copy 30 days on, written to WORK
# (never committed). tshark runs on a ~100 MB slice (the first 11 copies), and on the whole file
# too with TSHARK_FULL=1 (minutes per GB); fwsize and cat are timed on both files, so each ratio
# compares the same file. Wall and CPU (user + system) seconds are both reported. Needs
# wireshark-common (mergecap, editcap, capinfos), tshark and /usr/bin/time.
#   sh benchmarks/read_compare.sh BUILD_DIR [SHARED_DIR] [WORK]
set -eu
build=${1:?usage: read_compare.sh BUILD_DIR [SHARED_DIR] [WORK]}
shared=${2:-$(dirname "$0")/../../shared}
work=${3:-/tmp/fwsize-bench-read}
mkdir -p "$work"
cmake --build "$build" --target bench_read_throughput >/dev/null
bench="$build/benchmarks/bench_read_throughput"
big="$work/big.pcapng"
slice="$work/slice.pcapng"
if [ ! -s "$big" ]; then
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

# "wall_s cpu_s" of "$@", best of $1 runs by CPU time (user + system; /usr/bin/time). On a shared,
# overloaded machine the wall clock mostly measures other people's jobs; CPU time measures ours.
timed() {
  n=$1; shift
  best=""
  i=0
  while [ $i -lt "$n" ]; do
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >/dev/null 2>&1
    t=$(awk '{ printf "%s %.3f", $1, $2 + $3 }' "$work/time.txt")
    best=$(echo "$t $best" | awk '{ if (NF == 2 || $2 < $4) print $1, $2; else print $3, $4 }')
    i=$((i + 1))
  done
  echo "$best"
}
report() { # tool file_MB frames wall cpu
  echo "$1 $2 $3 $4 $5" | awk '{ printf "%s wall_s %s cpu_s %s frames_per_s %.0f MB_per_s %.1f frames_per_cpu_s %.0f MB_per_cpu_s %.1f\n", $1, $4, $5, $3 / $4, $2 / $4, $3 / $5, $2 / $5 }'
}

cat "$big" >/dev/null; cat "$big" >/dev/null # warm the page cache
for f in "$big" "$slice"; do
  mb=$(stat -c %s "$f" | awk '{ printf "%.1f", $1 / 1e6 }')
  frames=$(capinfos -c -M "$f" | awk -F: '/Number of packets/ { gsub(/ /, "", $2); print $2 }')
  echo "file $f MB $mb frames $frames"
  report cat "$mb" "$frames" $(timed 3 cat "$f")
  "$bench" "$f" 3
  if [ "$f" = "$slice" ] || [ "${TSHARK_FULL:-0}" = 1 ]; then
    # make_csv.sh's tshark command, output to /dev/null; once: it is slow
    report tshark "$mb" "$frames" $(timed 1 tshark -n -r "$f" -o tcp.analyze_sequence_numbers:TRUE \
      -o tcp.calculate_timestamps:TRUE -o tcp.relative_sequence_numbers:TRUE \
      -Y '(tcp || udp) && !icmp && !icmpv6' -T fields -E separator=/t -E occurrence=l -E quote=n \
      -e frame.number -e frame.time_epoch -e frame.protocols -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst \
      -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport -e tcp.time_relative -e tcp.completeness)
  fi
done
rm -f "$work/time.txt"
