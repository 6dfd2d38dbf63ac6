"""Two `keyward serve` processes on one PostgreSQL database, sharing one server key.

Every test gets its own schema (`?schema=mn_<random>`), so tests never see each other's data, and
its own nodes. Skipped when KEYWARD_TEST_POSTGRES_URL is unset: run under scripts/with-postgres.sh,
which starts a throwaway PostgreSQL and sets it (make test does).
"""

from __future__ import annotations

import shutil
import subprocess
import uuid

import pytest

from multinode_support import POSTGRES_URL, Cluster, psql, until_everywhere, with_parameters


@pytest.fixture
def schema_url():
    if not POSTGRES_URL:
        pytest.skip("KEYWARD_TEST_POSTGRES_URL is unset: run under scripts/with-postgres.sh (make test does)")
    schema = "mn_" + uuid.uuid4().hex[:12]
    yield with_parameters(POSTGRES_URL, schema=schema)
    if shutil.which("psql"):
        try:
            psql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        except subprocess.SubprocessError:
            pass


@pytest.fixture
def cluster(schema_url):
    """Nodes A and B, started, with the manager credential."""
    cluster = Cluster(schema_url)
    a = cluster.node("kw-node-a").start()
    b = cluster.node("kw-node-b").start()
    cluster.a, cluster.b = a, b
    cluster.setup(a)
    until_everywhere([a, b], lambda node: cluster.call(node, "WhmcsDetails").status_code == 200, deadline=5)
    yield cluster
    cluster.cleanup()
