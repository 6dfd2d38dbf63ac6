#!/usr/bin/env bash
# Runs every test. Called by `make test` (and so by CI).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${KEYWARD_TEST_POSTGRES_URL+set}" ] || exec scripts/with-postgres.sh "$0" "$@"  # throwaway PostgreSQL; set it empty to skip

SWIFT=${SWIFT:-swift}
FLAGS=(--explicit-target-dependency-import-check error)

echo "== Swift: build (debug, with tests) and release"
$SWIFT build --build-tests "${FLAGS[@]}"
$SWIFT build -c release "${FLAGS[@]}"

echo "== Swift tests"
# Swift Testing runs its tests in parallel; the serialized suites say so themselves.
KEYWARD_BINARY="$PWD/.build/debug/keyward" $SWIFT test --skip-build

if [ -d tests ]; then
    echo "== Python integration, client and browser tests"
    scripts/python-env.sh
    KEYWARD_BINARY="$PWD/.build/release/keyward" .build/python/bin/python -m pytest -q tests
fi
