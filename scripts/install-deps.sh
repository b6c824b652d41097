#!/usr/bin/env bash
# Installs the Debian packages fwsize needs that are missing; does nothing when all are present.
#   scripts/install-deps.sh          build + run
#   scripts/install-deps.sh --test   also what the test suite uses (tshark is never needed)
#   scripts/install-deps.sh --bench  also what benchmarks/read_compare.sh and mcmc_compare.sh run
set -euo pipefail

build_pkgs=(g++ cmake make libboost-dev libeigen3-dev libxtensor-dev librange-v3-dev
            nlohmann-json3-dev libcli11-dev)
test_pkgs=(catch2 clang clang-format libclang-rt-14-dev r-cran-rstan chromium)

pkgs=("${build_pkgs[@]}")
[[ "${1:-}" == "--test" ]] && pkgs+=("${test_pkgs[@]}")
bench_pkgs=(tshark wireshark-common time r-cran-rstan) # tshark, mergecap/editcap/capinfos, /usr/bin/time, rstan
for a in "$@"; do [[ "$a" == "--bench" ]] && pkgs+=("${bench_pkgs[@]}"); done

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "fwsize: installing missing Debian packages: ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
fi
