#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster, then stops the cluster and deletes it.
#
#   scripts/with-postgres.sh swift test --filter Postgres
#   scripts/with-postgres.sh bash -c 'echo "$KEYWARD_TEST_POSTGRES_URL"'
#
# The cluster lives in a new temporary directory (data, socket, log), listens on 127.0.0.1 only, on
# a free port, and is removed on exit, whatever happens; nothing outside that directory is touched.
# PostgreSQL comes from Debian: when it is missing, root installs it with apt-get, anyone else gets
# the exact command to run. initdb refuses to run as root, so root runs the cluster as the
# `postgres` OS user that the Debian package creates.
#
# Exported to the command:
#   KEYWARD_TEST_POSTGRES_URL    postgres://keyward:<password>@127.0.0.1:<port>/keyward_test?sslmode=disable
#                                The password holds URL-special characters (percent-encoded in the
#                                URL) to prove that Keyward's URL handling is safe.
#   KEYWARD_TEST_POSTGRES_CTL    A script running pg_ctl on the cluster as the right user, such as
#                                "$KEYWARD_TEST_POSTGRES_CTL" restart -m fast (for restart tests).
#   KEYWARD_TEST_POSTGRES_ADMIN_URL  The superuser over the cluster's Unix socket (trust, local only).
#
# Exits with the command's exit code (1 when PostgreSQL cannot be set up).
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 <command> [arguments...]" >&2
    exit 64
fi

find_bin() {
    # The newest installed major version.
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

if ! bin=$(find_bin) || ! command -v psql >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "with-postgres: installing PostgreSQL from Debian" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq --no-install-recommends postgresql postgresql-client >&2
        bin=$(find_bin) || { echo "with-postgres: PostgreSQL did not install" >&2; exit 1; }
    else
        echo "with-postgres: PostgreSQL is not installed. Install it with:" >&2
        echo "  sudo apt-get install -y postgresql postgresql-client" >&2
        exit 1
    fi
fi
if ! command -v python3 >/dev/null; then
    echo "with-postgres: python3 is needed to pick a port and encode the URL" >&2
    exit 1
fi

# Root runs the server as `postgres`; anyone else as themselves.
if [ "$(id -u)" -eq 0 ]; then
    run_as=(runuser -u postgres --)
    owner=postgres
else
    run_as=()
    owner=$(id -un)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/keyward-pg.XXXXXX")
chmod 0700 "$tmp"
chown "$owner" "$tmp"
data="$tmp/data"
started=0

cleanup() {
    local code=$?
    if [ "$started" -eq 1 ]; then
        "${run_as[@]}" "$bin/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

locale=C
if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
    locale=C.UTF-8
fi
"${run_as[@]}" "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale="$locale" \
    --auth-local=trust --auth-host=scram-sha-256 >"$tmp/initdb.log" 2>&1 || {
    cat "$tmp/initdb.log" >&2
    exit 1
}

# A free port can be taken between the check and the start: try a few.
for attempt in 1 2 3 4 5; do
    port=$(free_port)
    # The settings go in the configuration file so that restarts (pg_ctl restart) keep them.
    {
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$tmp'"
        echo "max_connections = 300"
        echo "logging_collector = off"
    } >"$data/postgresql.auto.conf"
    if "${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$tmp/server.log" -w -t 60 start >/dev/null 2>&1; then
        started=1
        break
    fi
    echo "with-postgres: start on port $port failed (attempt $attempt)" >&2
done
if [ "$started" -ne 1 ]; then
    cat "$tmp/server.log" >&2 || true
    exit 1
fi

password="p@ss:w/rd?&% #'x"
database=keyward_test
# psql quotes :'name' variables itself, so the password needs no escaping here.
"${run_as[@]}" psql -X -q -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" -U postgres -d postgres \
    -v password="$password" -v database="$database" >/dev/null <<'SQL'
CREATE ROLE keyward LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER keyward;
SQL

cat >"$tmp/pgctl" <<EOF
#!/usr/bin/env bash
# pg_ctl on the throwaway cluster, as its owner: "\$0" restart -m fast
exec ${run_as[*]} "$bin/pg_ctl" -D "$data" -l "$tmp/server.log" -w -t 60 "\$@"
EOF
chmod 0755 "$tmp/pgctl"

encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$password")
export KEYWARD_TEST_POSTGRES_URL="postgres://keyward:${encoded}@127.0.0.1:${port}/${database}?sslmode=disable"
export KEYWARD_TEST_POSTGRES_CTL="$tmp/pgctl"
export KEYWARD_TEST_POSTGRES_ADMIN_URL="postgresql://postgres@/${database}?host=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$tmp")&port=${port}"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $tmp)" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
