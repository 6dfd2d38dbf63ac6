#!/usr/bin/env bash
# Two Keyward nodes on one PostgreSQL behind nginx: revocation propagation and API throughput.
#
# Starts a throwaway PostgreSQL (Debian's, in a temporary directory, on 127.0.0.1; see
# scripts/with-postgres.sh), two `keyward serve` nodes (release build, one shared server key) and
# nginx balancing between them, then:
#   1. runs the revocation scenario 100 times: generate a credential on node A, use it through the
#      balancer, remove it on node B, poll both nodes until both reject it; prints the propagation
#      time p50/p99/max and how many requests were accepted after the 1-second deadline (must be 0);
#   2. runs the API benchmark (wrk, GetAdminDetails, as bench/apibench.py does) through the balancer
#      and against a single SQLite node, and prints both requests/s.
# Installs wrk and nginx from Debian when missing. Loopback only; every step is bounded in time.
#
#   bench/multinode.sh                   # 100 revocations, 10k credentials, 3 runs of 10 s
#   bench/multinode.sh --quick           # 100 revocations, 3 runs of 3 s
#   KEYWARD_BINARY=/path/to/keyward bench/multinode.sh    # skip the build
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh bench
if [ -z "${KEYWARD_BINARY:-}" ]; then
    swift build -c release --product keyward >&2
    KEYWARD_BINARY=.build/release/keyward
fi
exec timeout --signal=TERM 1800 scripts/with-postgres.sh python3 bench/multinode.py --binary "$KEYWARD_BINARY" "$@"
