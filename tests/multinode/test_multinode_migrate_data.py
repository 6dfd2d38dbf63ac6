"""`keyward migrate-data` moves a SQLite installation to PostgreSQL (and back) with everything in
it; with the same server key, every secret and password keeps working."""

from __future__ import annotations

import hashlib
import json
import os
import secrets

from keyward_harness import ADMIN_PASSWORD, Keyward
from multinode_support import Cluster, requires_postgres, until_everywhere, uses

pytestmark = requires_postgres


def _legacy(node) -> int:
    return node.api({"action": "WhmcsDetails", "username": "admin", "responsetype": "json",
                     "password": hashlib.md5(ADMIN_PASSWORD.encode()).hexdigest()}).status_code


def test_sqlite_to_postgres_and_back_keeps_every_secret(schema_url, tmp_path):
    key = secrets.token_hex(32)
    single = Keyward(data_dir=str(tmp_path / "sqlite"), extra_env={"KEYWARD_SECRET_KEY": key})
    os.makedirs(single.data_dir, exist_ok=True)
    try:
        single.start()
        single.create_role("everything", ["WhmcsDetails", "GetAdminDetails"])
        single.create_admin("gone")
        single.cli("admin", "remove", "gone", "--yes")  # a gap in the admin ids
        single.create_admin("carol")
        credentials = []
        for owner in ["admin", "carol", "admin"]:
            identifier, secret = single.generate(owner, ["everything"], f"for {owner}")
            credentials.append({"identifier": identifier, "secret": secret})
        until_everywhere([single], lambda n: all(uses(n, c) == 200 for c in credentials), deadline=3)
        assert _legacy(single) == 200
    finally:
        single.stop()

    sqlite_path = os.path.join(single.data_dir, "keyward.sqlite")
    moved = single.cli("migrate-data", "--from", f"sqlite:{sqlite_path}", "--to", schema_url, "--json")
    report = json.loads(moved.stdout)
    assert report["verified"] is True
    assert all(table["matches"] for table in report["tables"])
    assert {t["table"]: t["targetRows"] for t in report["tables"]}["api_credentials"] == 3
    assert "keyward:***@" in report["to"]

    # Refused the second time: the target is no longer empty.
    again = single.cli("migrate-data", "--from", f"sqlite:{sqlite_path}", "--to", schema_url, check=False)
    assert again.returncode == 1 and "--force" in again.stderr

    cluster = Cluster(schema_url)
    cluster.key = key
    try:
        a = cluster.node("kw-node-a").start()
        b = cluster.node("kw-node-b").start()
        for node in (a, b):
            assert all(uses(node, c) == 200 for c in credentials)
            assert _legacy(node) == 200
        # A node with another key cannot verify any of them: the secrets are keyed hashes.
        stranger = Keyward(database=schema_url, extra_env={"KEYWARD_SECRET_KEY": secrets.token_hex(32)}).start()
        try:
            assert all(uses(stranger, c) == 403 for c in credentials)
        finally:
            stranger.cleanup()
        identifier, secret = a.generate("carol", ["everything"], "made on PostgreSQL")
        credentials.append({"identifier": identifier, "secret": secret})
    finally:
        cluster.cleanup()

    back_path = tmp_path / "back.sqlite"
    back = single.cli("migrate-data", "--from", schema_url, "--to", f"sqlite:{back_path}")
    assert "Verified: every table matches." in back.stdout
    returned = Keyward(database=f"sqlite:{back_path}", extra_env={"KEYWARD_SECRET_KEY": key})
    try:
        returned.start()
        assert all(uses(returned, c) == 200 for c in credentials)
        assert _legacy(returned) == 200
    finally:
        returned.cleanup()
        single.cleanup()
