#!/usr/bin/env bash
# Installs the Debian packages kindly needs, and only those that are missing.
# One list for building, testing and benchmarking; apt-get runs only when something is absent.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build make ccache pkg-config
  # libraries
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libsqlitecpp-dev libsqlite3-dev
  libfmt-dev libhowardhinnant-date-dev tzdata libcsv-dev libkainjow-mustache-dev
  libnuspell-dev hunspell-en-us
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev python3 sqlite3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "kindly: installing missing packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "kindly: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
