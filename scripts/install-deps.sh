#!/usr/bin/env bash
# Installs every Debian package that accord's build, tests and tools need.
# Idempotent: when everything is present it does nothing (no apt-get update either).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git clang-format
  libeigen3-dev libyaml-cpp-dev libspdlog-dev libfmt-dev libhdf5-dev hdf5-tools
  catch2 librandom123-dev libcli11-dev nlohmann-json3-dev libglpk-dev
  tzdata
  libopenmpi-dev openmpi-bin
  libssl-dev libhowardhinnant-date-dev  # SHA-256 (libcrypto), IANA time zones (date/tz)
  libdeflate-dev  # HDF5 chunks compressed in parallel, off the HDF5 lock
  zlib1g-dev  # bench_output compares with zlib (also pulled in by libhdf5-dev)
  python3 python3-h5py python3-numpy python3-pandas python3-xarray python3-h5netcdf python3-yaml python3-jsonschema
  chromium python3-matplotlib  # accord report: browser test, Python example figures
  r-base-core r-cran-hdf5r  # analysis/R: the R reader and example figure (ctest "R: ...")
  python3-websocket  # accord report --workshop: the browser test drives the page (DevTools protocol)
)

# The report's chart libraries (npm vega, vega-lite, vega-embed pinned by
# analysis/report/package-lock.json, inlined at build time): `npm ci` only when node_modules
# is missing or older than the lock file.
report_npm() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/analysis/report"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
    [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "install-deps: npm ci --prefix analysis/report"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  report_npm
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
report_npm
