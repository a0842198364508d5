#!/usr/bin/env bash
# The README's first command: installs what is missing, builds accord (Release), runs the
# default scenario and prints its summary. Writes out/quartier-mixte.h5.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF \
  -DACCORD_BUILD_BENCH=OFF > /dev/null
cmake --build build --target accord -j "$(nproc)"
./build/accord run scenarios/quartier-mixte.yaml -o out/quartier-mixte.h5
