#!/usr/bin/env bash
# Creates (once) the Python virtual environment for the integration and browser tests at
# .build/python and installs tests/requirements.txt into it. Idempotent and quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
env=.build/python
stamp="$env/.requirements"
if [ ! -x "$env/bin/python" ]; then
    python3 -m venv "$env"
fi
if ! cmp -s tests/requirements.txt "$stamp" 2>/dev/null; then
    "$env/bin/python" -m pip install -q --disable-pip-version-check -r tests/requirements.txt
    cp tests/requirements.txt "$stamp"
fi
