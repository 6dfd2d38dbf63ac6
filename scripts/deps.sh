#!/usr/bin/env bash
# Checks for the Debian packages Keyward needs and installs the missing ones when run as root.
# Usage: scripts/deps.sh build|test|bench
# Not root: prints the exact apt-get command and exits 1.
set -euo pipefail

want=()
# pkg-config name : Debian package
for pair in sqlite3:libsqlite3-dev libsodium:libsodium-dev libmicrohttpd:libmicrohttpd-dev libpq:libpq-dev; do
    pc=${pair%%:*}
    deb=${pair##*:}
    pkg-config --exists "$pc" 2>/dev/null || want+=("$deb")
done
command -v pkg-config >/dev/null || want+=(pkg-config)

case "${1:-build}" in
test)
    # Browser tests drive Debian's Chromium; PostgreSQL tests start a throwaway cluster.
    command -v chromium >/dev/null || want+=(chromium)
    [ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
    command -v curl >/dev/null || want+=(curl)
    python3 -c 'import venv' 2>/dev/null || want+=(python3-venv)
    ;;
bench)
    command -v wrk >/dev/null || want+=(wrk)
    command -v nginx >/dev/null || want+=(nginx-light)
    ;;
esac

[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "Installing missing Debian packages: ${want[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${want[@]}" >&2
else
    echo "Missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${want[*]}" >&2
    exit 1
fi
