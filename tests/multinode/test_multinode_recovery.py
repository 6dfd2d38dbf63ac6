"""Nodes that lose the database come back on their own and catch up on everything they missed;
PostgreSQL restarted under load loses no committed write."""

from __future__ import annotations

import threading
import time

import pytest
import requests

from multinode_support import (
    Cluster,
    port_of,
    psql,
    requires_postgres,
    restart_postgres,
    until_everywhere,
    uses,
    with_parameters,
)
from pgproxy import TcpProxy

pytestmark = requires_postgres


def _changes_while_away(cluster: Cluster, writer, before: list[dict]) -> tuple[list[dict], list[dict]]:
    """Removes half of `before` and generates as many new credentials, through `writer`; returns
    (removed, added)."""
    removed = before[: len(before) // 2]
    for credential in removed:
        assert cluster.call(writer, "DeleteApiCredential", id=str(credential["id"])).json()["result"] == "success"
    added = [cluster.generate(writer) for _ in removed]
    return removed, added


def _caught_up(node, removed, added, kept, deadline: float) -> float:
    return until_everywhere(
        [node],
        lambda n: all(uses(n, c) == 403 for c in removed) and all(uses(n, c) == 200 for c in added + kept),
        deadline=deadline,
    )


def test_node_cut_off_from_the_database_catches_up_on_everything_it_missed(schema_url):
    """Node A reaches PostgreSQL through a proxy that the test cuts (a partition of A alone)."""
    proxy = TcpProxy("127.0.0.1", port_of(schema_url))
    cluster = Cluster(schema_url)
    try:
        proxied = schema_url.replace(f":{port_of(schema_url)}/", f":{proxy.port}/", 1)
        a = cluster.node("kw-node-a", url=proxied).start()
        b = cluster.node("kw-node-b").start()
        cluster.setup(b)
        b.cli("role", "create", "--name", "details only", "--allow", "GetAdminDetails")
        credentials = [cluster.generate(b) for _ in range(6)]
        until_everywhere([a], lambda n: all(uses(n, c) == 200 for c in credentials), deadline=2)

        proxy.cut()
        removed, added = _changes_while_away(cluster, b, credentials[:4])
        narrowed = credentials[4]
        r = cluster.call(b, "UpdateApiCredential", id=str(narrowed["id"]), roleids="details only")
        assert r.json()["result"] == "success"
        b.cli("settings", "set", "--legacy-login", "off")
        # Long enough for A to notice: its follower fails and its listener starts backing off.
        time.sleep(1.5)
        proxy.restore()

        seconds = _caught_up(a, removed, added, [credentials[5]], deadline=5)
        assert uses(a, narrowed, "WhmcsDetails") == 403
        assert uses(a, narrowed, "GetAdminDetails") == 200
        print(f"node A caught up {seconds:.2f}s after the partition healed")
        # A writes again too.
        fresh = cluster.generate(a)
        until_everywhere([a, b], lambda n: uses(n, fresh) == 200, deadline=1)
    finally:
        cluster.cleanup()
        proxy.close()


def test_node_whose_connections_are_terminated_catches_up(cluster):
    a, b = cluster.a, cluster.b
    credentials = [cluster.generate(b) for _ in range(6)]
    until_everywhere([a], lambda n: all(uses(n, c) == 200 for c in credentials), deadline=2)
    removed, added = [], []
    # Terminate A's connections (its pool and its LISTEN connection) over and over while B writes.
    for round_ in range(3):
        terminated = psql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = 'kw-node-a' AND pid <> pg_backend_pid()"
        )
        assert int(terminated) >= 1 or round_ > 0
        r, ad = _changes_while_away(cluster, b, [c for c in credentials if c not in removed][:2])
        removed += r
        added += ad
    kept = [c for c in credentials if c not in removed]
    seconds = _caught_up(a, removed, added, kept, deadline=3)
    print(f"node A caught up within {seconds:.2f}s")


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_postgres_restart_under_load_loses_no_committed_write(cluster, mode):
    """Four clients generate and delete credentials through both nodes while PostgreSQL restarts
    (`immediate` is a crash: recovery replays the WAL). Every answered write must survive and be
    enforced by both nodes, which recover without being restarted."""
    a, b = cluster.a, cluster.b
    generated: list[dict] = []
    deleted: list[dict] = []
    uncertain: set[int] = set()  # deletes that got no answer: they may or may not have committed
    lock = threading.Lock()
    stop = threading.Event()
    failures = [0]

    def client(index: int):
        session = requests.Session()
        nodes = [a, b] if index % 2 == 0 else [b, a]
        turn = 0
        while not stop.is_set():
            node = nodes[turn % 2]
            other = nodes[(turn + 1) % 2]
            turn += 1
            data = {"identifier": cluster.identifier, "secret": cluster.secret, "responsetype": "json"}
            try:
                r = session.post(node.api_url, data={**data, "action": "GenerateApiCredential", "adminid": "1",
                                                     "roleids": "everything"}, timeout=5)
                body = r.json()
            except (requests.RequestException, ValueError):
                failures[0] += 1
                continue
            if body.get("result") != "success":
                failures[0] += 1
                time.sleep(0.02)
                continue
            with lock:
                generated.append(body)
            if body["id"] % 3 == 0:
                with lock:
                    uncertain.add(body["id"])
                try:
                    r = session.post(other.api_url, data={**data, "action": "DeleteApiCredential",
                                                          "id": str(body["id"])}, timeout=5)
                    if r.json().get("result") == "success":
                        with lock:
                            deleted.append(body)
                            uncertain.discard(body["id"])
                except (requests.RequestException, ValueError):
                    pass

    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 30
        while len(generated) < 30:
            assert time.monotonic() < deadline, "no load before the restart"
            time.sleep(0.05)
        restart_postgres(mode)
        restarted_at = len(generated)
        # Load goes on through the same nodes: they recover by themselves.
        deadline = time.monotonic() + 30
        while len(generated) < restarted_at + 30:
            assert time.monotonic() < deadline, f"nodes did not recover after the {mode} restart"
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)

    deleted_ids = {d["id"] for d in deleted}
    assert deleted, "no delete was answered"
    expected_live = [g for g in generated if g["id"] not in deleted_ids and g["id"] not in uncertain]
    # Both nodes enforce exactly what committed.
    until_everywhere(
        [a, b],
        lambda n: all(uses(n, g) == 200 for g in expected_live) and all(uses(n, d) == 403 for d in deleted),
        deadline=5,
    )
    # And the database holds every answered write.
    stored = {line for line in psql(
        f"SET search_path = {cluster.url.rsplit('schema=', 1)[1].split('&')[0]}; SELECT identifier FROM api_credentials"
    ).split()}
    assert all(g["identifier"] in stored for g in expected_live)
    assert not any(d["identifier"] in stored for d in deleted)
    print(f"{mode} restart: {len(generated)} generated, {len(deleted)} deleted, {failures[0]} failed during the restart")
