"""Two nodes behind one PostgreSQL behave as one: what one node (or the CLI) changes, the other
enforces within a second, pushed by LISTEN/NOTIFY."""

from __future__ import annotations

import json

import pytest

from multinode_support import requires_postgres, until_everywhere, uses

pytestmark = requires_postgres

DEADLINE = 1.0


def test_generated_on_one_node_authenticates_on_the_other(cluster):
    a, b = cluster.a, cluster.b
    for source, other in [(a, b), (b, a)]:
        credential = cluster.generate(source)
        seconds = until_everywhere([other], lambda node: uses(node, credential) == 200, deadline=DEADLINE)
        assert seconds < DEADLINE
        assert uses(source, credential) == 200


def _victim(cluster, admin: str = "admin", roles: tuple[str, ...] = ("everything",)) -> dict:
    identifier, secret = cluster.a.generate(admin, list(roles))
    credential = {"identifier": identifier, "secret": secret}
    until_everywhere([cluster.a, cluster.b], lambda node: uses(node, credential) == 200, deadline=DEADLINE)
    credential["id"] = json.loads(cluster.a.cli("credential", "show", identifier, "--json").stdout)["id"]
    return credential


def _rejected_everywhere(cluster, credential: dict, action: str = "WhmcsDetails") -> float:
    """Seconds until both nodes reject the credential; then checks that it stays rejected."""
    seconds = until_everywhere(
        [cluster.a, cluster.b], lambda node: uses(node, credential, action) == 403, deadline=DEADLINE)
    for _ in range(20):
        for node in (cluster.a, cluster.b):
            assert uses(node, credential, action) == 403
    return seconds


def test_removing_a_credential_on_one_node_reaches_the_other(cluster):
    victim = _victim(cluster)
    r = cluster.call(cluster.b, "DeleteApiCredential", id=str(victim["id"]))
    assert r.json()["result"] == "success"
    assert _rejected_everywhere(cluster, victim) < DEADLINE


def test_removing_a_credential_with_the_cli_reaches_both_nodes(cluster):
    victim = _victim(cluster)
    cluster.b.cli("credential", "remove", victim["identifier"], "--yes")
    assert _rejected_everywhere(cluster, victim) < DEADLINE


@pytest.mark.parametrize("change", ["disable", "remove"])
def test_disabling_or_removing_the_admin_reaches_both_nodes(cluster, change):
    cluster.a.create_admin("victim")
    victim = _victim(cluster, admin="victim")
    cluster.b.cli("admin", change, "victim", *(["--yes"] if change == "remove" else []))
    assert _rejected_everywhere(cluster, victim) < DEADLINE


def test_changing_roles_on_one_node_reaches_the_other(cluster):
    cluster.a.create_role("details only", ["GetAdminDetails"])
    victim = _victim(cluster)
    r = cluster.call(cluster.a, "UpdateApiCredential", id=str(victim["id"]), roleids="details only")
    assert r.json()["result"] == "success"
    # WhmcsDetails is no longer allowed anywhere; GetAdminDetails still is.
    assert _rejected_everywhere(cluster, victim, action="WhmcsDetails") < DEADLINE
    for node in (cluster.a, cluster.b):
        assert uses(node, victim, "GetAdminDetails") == 200


def test_editing_a_role_reaches_both_nodes(cluster):
    cluster.a.create_role("narrow", ["WhmcsDetails", "GetAdminDetails"])
    victim = _victim(cluster, roles=("narrow",))
    cluster.a.cli("role", "update", "narrow", "--remove", "WhmcsDetails")
    assert _rejected_everywhere(cluster, victim, action="WhmcsDetails") < DEADLINE


def test_security_settings_are_global(cluster):
    """Settings live in the database: switching legacy logins off on one node affects both."""
    import hashlib

    from keyward_harness import ADMIN_PASSWORD

    legacy = {"action": "WhmcsDetails", "username": "admin", "password": hashlib.md5(ADMIN_PASSWORD.encode()).hexdigest(),
              "responsetype": "json"}
    until_everywhere([cluster.a, cluster.b], lambda node: node.api(legacy).status_code == 200, deadline=DEADLINE)
    cluster.a.cli("settings", "set", "--legacy-login", "off")
    seconds = until_everywhere([cluster.a, cluster.b], lambda node: node.api(legacy).status_code == 403,
                               deadline=DEADLINE)
    assert seconds < DEADLINE


def test_last_access_is_written_by_every_node_and_never_moves_back(cluster):
    victim = _victim(cluster)
    assert uses(cluster.a, victim) == 200
    assert uses(cluster.b, victim) == 200
    # Each node writes its coalesced last-access records every two seconds.
    import time

    deadline = time.monotonic() + 6
    while True:
        shown = json.loads(cluster.a.cli("credential", "show", victim["identifier"], "--json").stdout)
        if shown["lastAccessAt"]:
            break
        assert time.monotonic() < deadline, "last access never written"
        time.sleep(0.2)
    first = shown["lastAccessAt"]
    time.sleep(2.5)
    later = json.loads(cluster.b.cli("credential", "show", victim["identifier"], "--json").stdout)
    assert later["lastAccessAt"] >= first


def test_admin_sessions_are_global(cluster):
    """Sign in on node A, carry on on node B; signing out on B ends the session on A too."""
    import re

    import requests

    from keyward_harness import ADMIN_PASSWORD

    browser = requests.Session()  # cookies ignore the port: both nodes get them, as behind a balancer
    form = browser.get(cluster.a.base_url + "/admin/login", timeout=5)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    signed_in = browser.post(cluster.a.base_url + "/admin/login", timeout=5, allow_redirects=False,
                             data={"username": "admin", "password": ADMIN_PASSWORD, "csrf_token": token})
    assert signed_in.status_code in (302, 303), signed_in.text[:200]

    home = browser.get(cluster.b.base_url + "/admin/", timeout=5, allow_redirects=False)
    assert home.status_code == 200
    cookies = browser.cookies.get_dict()
    session_token = re.search(r'name="csrf_token" value="([^"]+)"', home.text).group(1)
    out = browser.post(cluster.b.base_url + "/admin/logout", data={"csrf_token": session_token}, timeout=5,
                       allow_redirects=False)
    assert out.status_code in (302, 303)
    # The same cookie, replayed on A: the session is gone from the database, not just the browser.
    again = requests.get(cluster.a.base_url + "/admin/", cookies=cookies, timeout=5, allow_redirects=False)
    assert again.status_code in (302, 303) and "/admin/login" in again.headers["Location"]
