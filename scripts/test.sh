#!/usr/bin/env bash
# The README's test command (and what CI runs): installs what is missing, checks formatting,
# then builds and runs every test twice — a Release build with warnings as errors, and an
# AddressSanitizer + UndefinedBehaviorSanitizer build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs="$(nproc)"

bash scripts/check-format.sh

echo "== Release build, warnings as errors"
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_WERROR=ON > /dev/null
cmake --build build-release -j "$jobs"
ctest --test-dir build-release --output-on-failure -j "$jobs"

echo "== ASan + UBSan build"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCORD_WERROR=ON \
  -DACCORD_SANITIZE=ON -DACCORD_BUILD_BENCH=OFF > /dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
