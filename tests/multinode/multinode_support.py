"""Helpers for the multi-node tests: nodes on one PostgreSQL schema with one server key."""

from __future__ import annotations

import os
import secrets
import subprocess
import time
import urllib.parse

import pytest
import requests

from keyward_harness import Keyward

POSTGRES_URL = os.environ.get("KEYWARD_TEST_POSTGRES_URL", "")

# The API actions the tests' manager credential may call.
EVERYTHING = ["GetAdminDetails", "GetAdminUsers", "WhmcsDetails", "ListApiCredentials", "GenerateApiCredential",
              "UpdateApiCredential", "DeleteApiCredential", "ListApiRoles"]

requires_postgres = pytest.mark.skipif(
    not POSTGRES_URL,
    reason="KEYWARD_TEST_POSTGRES_URL is unset: run under scripts/with-postgres.sh (make test does)",
)


def with_parameters(url: str, **parameters: str) -> str:
    """The URL with query parameters added."""
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(parameters)


def port_of(url: str) -> int:
    return urllib.parse.urlsplit(url).port or 5432


def psql(sql: str) -> str:
    """Runs SQL on the test database as the test user (psql comes with the PostgreSQL client)."""
    return subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", POSTGRES_URL, "-c", sql],
                          capture_output=True, text=True, check=True, timeout=60).stdout


def restart_postgres(mode: str = "fast"):
    ctl = os.environ.get("KEYWARD_TEST_POSTGRES_CTL")
    if not ctl:
        pytest.skip("KEYWARD_TEST_POSTGRES_CTL is unset: restarting needs scripts/with-postgres.sh's cluster")
    subprocess.run([ctl, "restart", "-m", mode], check=True, capture_output=True, timeout=120)


class Cluster:
    """Nodes on one schema, one server key, and a manager credential allowed every action."""

    def __init__(self, schema_url: str):
        self.url = schema_url
        self.key = secrets.token_hex(32)
        self.nodes: list[Keyward] = []
        self.identifier = self.secret = ""

    def node(self, name: str, url: str | None = None) -> Keyward:
        node = Keyward(database=with_parameters(url or self.url, application_name=name),
                       extra_env={"KEYWARD_SECRET_KEY": self.key})
        node.name = name
        self.nodes.append(node)
        return node

    def setup(self, first: Keyward):
        """Failed authentications are part of these tests: no bans. And a manager credential."""
        first.cli("settings", "set", "--api-ban-threshold", "1000000")
        first.create_role("everything", EVERYTHING)
        self.identifier, self.secret = first.generate("admin", ["everything"], "multinode manager")

    def call(self, node: Keyward, action: str, **data) -> requests.Response:
        return node.api({"action": action, "identifier": self.identifier, "secret": self.secret,
                         "responsetype": "json", **data})

    def generate(self, node: Keyward, roles: str = "everything", admin: int = 1) -> dict:
        r = self.call(node, "GenerateApiCredential", adminid=str(admin), roleids=roles)
        body = r.json()
        assert body.get("result") == "success", body
        return body

    def cleanup(self):
        for node in self.nodes:
            node.cleanup()


def uses(node: Keyward, credential: dict, action: str = "WhmcsDetails", timeout: float = 5) -> int:
    """The HTTP status of one request with a credential."""
    return node.api({"action": action, "identifier": credential["identifier"], "secret": credential["secret"],
                     "responsetype": "json"}, timeout=timeout).status_code


def until_everywhere(nodes, condition, deadline: float) -> float:
    """Polls every node until `condition(node)` holds on all of them; returns the seconds it took
    for the slowest, or fails after `deadline` seconds."""
    start = time.monotonic()
    pending = list(nodes)
    while pending:
        pending = [node for node in pending if not condition(node)]
        elapsed = time.monotonic() - start
        if pending and elapsed > deadline:
            names = ", ".join(getattr(node, "name", "?") for node in pending)
            raise AssertionError(f"not everywhere within {deadline}s: still pending on {names}")
        if pending:
            time.sleep(0.005)
    return time.monotonic() - start
