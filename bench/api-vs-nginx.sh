#!/usr/bin/env bash
# Keyward's /includes/api.php against nginx answering the same POST with the same JSON body from
# memory. Installs wrk and nginx from Debian when missing, builds a release binary, then runs
# bench/apibench.py (see --help there). Loopback only; every run is bounded in time.
#
#   bench/api-vs-nginx.sh                    # the full suite: 10k, wrong secrets, 1M, sweep 1..512
#   bench/api-vs-nginx.sh --quick            # 10k credentials, 32 connections, 3 s runs
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh bench
swift build -c release --product keyward >&2
exec python3 bench/apibench.py --binary .build/release/keyward "$@"
