"""The WHMCS API protocol, row by row of whmcs-api-protocol.md, against a real server process."""

import hashlib
import json
import xml.etree.ElementTree as ET

import pytest
import requests

from keyward_harness import ADMIN_PASSWORD, wait_until


def auth(server, **extra):
    data = {"identifier": server.identifier, "secret": server.secret, "responsetype": "json"}
    data.update(extra)
    return data


def md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


# Authentication modes


def test_identifier_and_secret(server):
    r = server.api(auth(server, action="GetAdminDetails"))
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["result"] == "success"
    assert body["adminid"] == "1"
    assert "API Access" in body["allowedpermissions"].split(",")
    assert body["whmcs"]["version"]
    assert list(body)[:2] == ["result", "adminid"]


def test_credential_in_username_and_password(server):
    r = server.api({"action": "GetAdminDetails", "username": server.identifier, "password": server.secret, "responsetype": "json"})
    assert r.json()["result"] == "success"


@pytest.mark.parametrize("transform", [str.lower, str.upper])
def test_md5_of_secret_as_password(server, transform):
    r = server.api({"action": "GetAdminDetails", "username": server.identifier, "password": transform(md5(server.secret)), "responsetype": "json"})
    assert r.json()["result"] == "success"


def test_md5_of_wrong_secret_fails(server):
    r = server.api({"action": "GetAdminDetails", "username": server.identifier, "password": md5(server.secret + "x"), "responsetype": "json"})
    assert r.status_code == 403
    assert r.json() == {"result": "error", "message": "Authentication Failed"}


def test_legacy_admin_login(server):
    data = {"action": "GetAdminDetails", "username": "admin", "password": md5(ADMIN_PASSWORD), "responsetype": "json"}
    first = server.api(data)
    assert first.status_code == 200 and first.json()["result"] == "success"
    # The second request is answered from the verified-login cache.
    assert server.api(data).json()["adminid"] == "1"
    wrong = server.api({**data, "password": md5("wrong password")})
    assert wrong.status_code == 403 and wrong.json()["message"] == "Authentication Failed"
    plain = server.api({**data, "password": ADMIN_PASSWORD})
    assert plain.status_code == 403


def test_legacy_login_not_limited_by_roles(server):
    # The admin holds no credential here: the legacy login is bounded by permissions only.
    r = server.api({"action": "GetAdminUsers", "username": "admin", "password": md5(ADMIN_PASSWORD), "responsetype": "json"})
    assert r.json()["result"] == "success"


def test_legacy_login_switch(server):
    data = {"action": "GetAdminDetails", "username": "admin", "password": md5(ADMIN_PASSWORD), "responsetype": "json"}
    assert server.api(data).status_code == 200
    server.cli("settings", "set", "--legacy-login", "off")
    wait_until(lambda: server.api(data).status_code == 403)
    assert server.api(data).json()["message"] == "Authentication Failed"
    # Credentials are unaffected.
    assert server.api(auth(server, action="GetAdminDetails")).status_code == 200
    server.cli("settings", "set", "--legacy-login", "on")
    wait_until(lambda: server.api(data).status_code == 200)


def test_legacy_login_is_audited_as_deprecated(server):
    data = {"action": "GetAdminDetails", "username": "admin", "password": md5(ADMIN_PASSWORD), "responsetype": "json"}
    for _ in range(3):
        assert server.api(data).status_code == 200

    def logged():
        events = server.cli_json("audit", "--search", "legacy")["events"]
        return any(e["event"] == "api.legacy_login" for e in events)

    wait_until(logged, timeout=6)


def test_node_client_sends_every_field_empty(server):
    data = {"username": "", "password": "", "identifier": server.identifier, "secret": server.secret,
            "accesskey": "", "action": "GetAdminDetails", "responsetype": "json"}
    assert server.api(data).json()["result"] == "success"


def test_multipart_body(server):
    files = {k: (None, v) for k, v in {"action": "GetAdminDetails", "username": server.identifier,
                                         "password": server.secret, "responsetype": "json"}.items()}
    r = server.api(files=files)
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.json()["result"] == "success"


def test_query_and_body_merge_body_wins(server):
    r = server.api(data={"action": "GetAdminDetails", "secret": server.secret},
                   params={"identifier": server.identifier, "responsetype": "json", "action": "Nope"})
    assert r.json()["result"] == "success"


def test_get_with_query_string(server):
    r = server.api(method="GET", params=auth(server, action="WhmcsDetails"))
    assert r.json()["whmcs"]["product"] == "Keyward"


def test_json_body_counts_as_absent(server):
    r = requests.post(server.api_url, data=json.dumps(auth(server, action="GetAdminDetails")),
                      headers={"Content-Type": "application/json"}, timeout=5)
    assert r.status_code == 403
    assert "Authentication Failed" in r.text


@pytest.mark.parametrize("name", ["GetAdminDetails", "getadmindetails", "GETADMINDETAILS", "gEtAdMiNdEtAiLs"])
def test_actions_are_case_insensitive(server, name):
    assert server.api(auth(server, action=name)).json()["result"] == "success"


# Error table


def test_missing_credentials(server):
    r = server.api({"action": "GetAdminDetails", "responsetype": "json"})
    assert r.status_code == 403
    assert r.json() == {"result": "error", "message": "Authentication Failed"}


def test_unknown_identifier_and_wrong_secret_answer_alike(server):
    unknown = server.api({"action": "GetAdminDetails", "identifier": "kwid_nope", "secret": server.secret, "responsetype": "json"})
    wrong = server.api({"action": "GetAdminDetails", "identifier": server.identifier, "secret": server.secret[:-1] + ("x" if server.secret[-1] != "x" else "y"), "responsetype": "json"})
    assert unknown.status_code == wrong.status_code == 403
    assert unknown.content == wrong.content


def test_empty_action(server):
    r = server.api(auth(server))
    assert r.status_code == 400
    assert r.json() == {"result": "error", "message": "Empty action request"}


def test_unknown_action_echoed_lower_cased(server):
    r = server.api(auth(server, action="FrobNicate"))
    assert r.status_code == 400
    assert r.json()["message"] == 'Invalid API Action: "frobnicate" is not a valid API action'


def test_authentication_checked_before_action(server):
    r = server.api({"action": "FrobNicate", "identifier": "x", "secret": "y", "responsetype": "json"})
    assert r.status_code == 403 and r.json()["message"] == "Authentication Failed"


def test_action_not_allowed_by_roles(server):
    server.create_role("details-only", ["GetAdminDetails"])
    ident, secret = server.generate("admin", ["details-only"])
    wait_until(lambda: server.api({"identifier": ident, "secret": secret, "action": "GetAdminDetails"}).status_code == 200)
    r = server.api({"identifier": ident, "secret": secret, "action": "GetAdminUsers", "responsetype": "json"})
    assert r.status_code == 403
    assert r.json()["message"] == 'Invalid Permissions: API action "getadminusers" is not allowed'


def test_zero_role_credential_is_allowed_nothing(server):
    ident, secret = server.generate("admin", [])
    wait_until(lambda: "Invalid Permissions" in server.api({"identifier": ident, "secret": secret, "action": "WhmcsDetails"}).text)
    r = server.api({"identifier": ident, "secret": secret, "action": "WhmcsDetails", "responsetype": "json"})
    assert r.status_code == 403
    assert r.json()["message"] == 'Invalid Permissions: API action "whmcsdetails" is not allowed'


def test_roles_combine_as_union(server):
    server.create_role("a", ["GetAdminDetails"])
    server.create_role("b", ["GetAdminUsers"])
    ident, secret = server.generate("admin", ["a", "b"])
    wait_until(lambda: server.api({"identifier": ident, "secret": secret, "action": "GetAdminDetails"}).status_code == 200)
    assert server.api({"identifier": ident, "secret": secret, "action": "GetAdminUsers"}).status_code == 200
    assert server.api({"identifier": ident, "secret": secret, "action": "WhmcsDetails"}).status_code == 403


def test_action_business_error_is_http_200(server):
    r = server.api(auth(server, action="GetAdminUsers", roleid="abc"))
    assert r.status_code == 200
    assert r.json() == {"result": "error", "message": "Invalid Role ID"}


def test_ip_not_allowlisted(server):
    for entry in server.cli_json("allowlist", "list")["entries"]:
        server.cli("allowlist", "remove", str(entry["id"]))
    data = auth(server, action="GetAdminDetails")
    wait_until(lambda: server.api(data).status_code == 403 and "Invalid IP" in server.api(data).text)
    r = server.api(data)
    assert r.json() == {"result": "error", "message": "Invalid IP 127.0.0.1"}


def test_ip_allowlist_cidr_and_access_key(server):
    for entry in server.cli_json("allowlist", "list")["entries"]:
        server.cli("allowlist", "remove", str(entry["id"]))
    server.cli("allowlist", "add", "10.0.0.0/8", "--note", "office")
    data = auth(server, action="GetAdminDetails")
    wait_until(lambda: "Invalid IP" in server.api(data).text)
    server.cli("access-key", "set", "--stdin", input="s3cret-access-key\n")
    wait_until(lambda: server.api({**data, "accesskey": "s3cret-access-key"}).status_code == 200)
    # A wrong access key falls back to the IP check.
    assert "Invalid IP" in server.api({**data, "accesskey": "wrong-key-value"}).text
    # Credentials are still required with a matching access key.
    r = server.api({"action": "GetAdminDetails", "accesskey": "s3cret-access-key", "responsetype": "json"})
    assert r.json()["message"] == "Authentication Failed"
    server.cli("allowlist", "add", "127.0.0.0/8", "--note", "loopback range")
    wait_until(lambda: server.api(data).status_code == 200)


def test_ipv6_allowlist(keyward):
    keyward.start("[::1]:0")
    keyward.create_role("r", ["GetAdminDetails"])
    ident, secret = keyward.generate("admin", ["r"])
    data = {"identifier": ident, "secret": secret, "action": "GetAdminDetails", "responsetype": "json"}
    wait_until(lambda: keyward.api(data).status_code == 200)
    for entry in keyward.cli_json("allowlist", "list")["entries"]:
        keyward.cli("allowlist", "remove", str(entry["id"]))
    wait_until(lambda: keyward.api(data).status_code == 403)
    assert keyward.api(data).json()["message"] == "Invalid IP ::1"
    keyward.cli("allowlist", "add", "::/0", "--note", "every IPv6 address")
    wait_until(lambda: keyward.api(data).status_code == 200)


def test_too_many_requests(server):
    server.cli("settings", "set", "--rate-limit", "2", "--rate-burst", "2")
    data = auth(server, action="WhmcsDetails")

    def limited():
        return any(server.api(data).status_code == 429 for _ in range(5))

    wait_until(limited)
    r = None
    for _ in range(10):
        r = server.api(data)
        if r.status_code == 429:
            break
    assert r.status_code == 429
    assert r.json() == {"result": "error", "message": "Too Many Requests"}
    assert int(r.headers["Retry-After"]) >= 1


def test_ip_banned_after_repeated_failures(keyward):
    # Set up before the server starts, so no failed poll counts towards the ban.
    keyward.cli("settings", "set", "--api-ban-threshold", "3", "--no-ban-exemptions")
    keyward.create_admin("owner")
    keyward.create_role("r", ["GetAdminDetails"])
    ident, secret = keyward.generate("owner", ["r"])
    keyward.start()
    good = {"identifier": ident, "secret": secret, "action": "GetAdminDetails", "responsetype": "json"}
    assert keyward.api(good).status_code == 200
    bad = {**good, "secret": "wrong"}
    for _ in range(3):
        assert keyward.api(bad).json()["message"] == "Authentication Failed"
    r = keyward.api(good)
    assert r.status_code == 403
    assert r.json() == {"result": "error", "message": "IP Banned"}
    # An exempt range is never banned.
    keyward.cli("settings", "set", "--ban-exemption", "127.0.0.0/8")
    keyward.stop()
    keyward.start()
    for _ in range(5):
        keyward.api(bad)
    assert keyward.api(good).status_code == 200


# Response formats


def test_xml_format(server):
    r = server.api(auth(server, action="GetAdminUsers", responsetype="xml"))
    assert r.headers["Content-Type"].startswith("application/xml")
    assert r.text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(r.text)
    assert root.tag == "whmcsapi"
    assert root.find("action").text == "getadminusers"
    assert root.find("result").text == "success"
    users = root.find("admin_users").findall("admin_user")
    assert users[0].find("username").text == "admin"


def test_xml_error(server):
    r = server.api({"action": "GetAdminDetails", "responsetype": "xml"})
    assert r.status_code == 403
    root = ET.fromstring(r.text)
    assert root.find("result").text == "error"
    assert root.find("message").text == "Authentication Failed"


def test_nvp_is_the_default(server):
    data = auth(server, action="WhmcsDetails")
    del data["responsetype"]
    ok = server.api(auth(server, action="GetAdminDetails", responsetype=""))
    assert ok.headers["Content-Type"].startswith("text/plain")
    assert ok.text.startswith("result=success;adminid=1;")
    r = server.api({"action": "GetAdminDetails"})
    assert r.status_code == 403
    assert r.text == "result=error;message=Authentication Failed"


def test_get_admin_users_shape(server):
    server.create_admin("zoe", first="Zoe", last="Adams")
    server.create_admin("bob", first="Bob", last="Zed", email="bob@corp.example")
    disabled = server.create_admin("carl", first="Carl", last="Young")
    server.cli("admin", "disable", "carl")
    wait_until(lambda: server.api(auth(server, action="GetAdminUsers", include_disabled="1")).json()["count"] == 4
               and server.api(auth(server, action="GetAdminUsers")).json()["count"] == 3)
    body = server.api(auth(server, action="GetAdminUsers")).json()
    names = [u["firstname"] for u in body["admin_users"]]
    assert names == sorted(names)
    user = body["admin_users"][0]
    for key in ("id", "uuid", "roleId", "username", "firstname", "lastname", "email", "isDisabled", "fullName"):
        assert key in user
    assert server.api(auth(server, action="GetAdminUsers", include_disabled="1")).json()["count"] == 4
    assert server.api(auth(server, action="GetAdminUsers", email="corp.example")).json()["count"] == 1
    assert disabled["username"] == "carl"


# Invalidation


def test_removing_credential_rejects_next_request(server):
    data = auth(server, action="GetAdminDetails")
    server.cli("credential", "remove", server.identifier)
    took = wait_until(lambda: server.api(data).status_code == 403, timeout=1.0)
    assert took < 1.0


def test_disabling_admin_invalidates_and_password_change_does_not(server):
    server.create_admin("dave")
    ident, secret = server.generate("dave", ["everything"])
    data = {"identifier": ident, "secret": secret, "action": "GetAdminDetails", "responsetype": "json"}
    wait_until(lambda: server.api(data).status_code == 200)
    server.cli("admin", "set-password", "dave", "--password-stdin", input="another password 123\n")
    import time

    time.sleep(0.6)
    assert server.api(data).status_code == 200
    server.cli("admin", "disable", "dave")
    wait_until(lambda: server.api(data).status_code == 403, timeout=1.0)
    server.cli("admin", "enable", "dave")
    wait_until(lambda: server.api(data).status_code == 200, timeout=1.0)
    server.cli("admin", "remove", "dave", "--yes")
    wait_until(lambda: server.api(data).status_code == 403, timeout=1.0)


def test_removing_api_access_from_group(server):
    server.cli_json("group", "create", "--name", "Robots", "--permission", "API Access,Main Homepage")
    server.create_admin("robot", group="Robots")
    ident, secret = server.generate("robot", ["everything"])
    data = {"identifier": ident, "secret": secret, "action": "GetAdminDetails", "responsetype": "json"}
    wait_until(lambda: server.api(data).status_code == 200)
    server.cli("group", "update", "Robots", "--remove-permission", "API Access")
    wait_until(lambda: server.api(data).status_code == 403, timeout=1.0)


def test_invalidation_through_the_api_is_immediate(server):
    created = server.api(auth(server, action="GenerateApiCredential", adminid="1", roleids="everything",
                              description="made by automation")).json()
    assert created["result"] == "success"
    data = {"identifier": created["identifier"], "secret": created["secret"], "action": "GetAdminDetails", "responsetype": "json"}
    assert server.api(data).status_code == 200
    deleted = server.api(auth(server, action="DeleteApiCredential", id=str(created["id"]))).json()
    assert deleted["result"] == "success"
    assert server.api(data).status_code == 403


def test_management_actions_need_manage_api_credentials(server):
    server.cli_json("group", "create", "--name", "Api Only", "--permission", "API Access")
    server.create_admin("limited", group="Api Only")
    ident, secret = server.generate("limited", ["everything"])
    data = {"identifier": ident, "secret": secret, "responsetype": "json"}
    wait_until(lambda: server.api({**data, "action": "GetAdminDetails"}).status_code == 200)
    r = server.api({**data, "action": "GenerateApiCredential", "adminid": "1", "roleids": "everything"})
    assert r.status_code == 200
    assert r.json()["result"] == "error"
    assert "Manage API Credentials" in r.json()["message"]
    listing = server.api({**data, "action": "ListApiCredentials"}).json()
    assert listing["result"] == "error"


def test_list_credentials_never_shows_secrets(server):
    body = server.api(auth(server, action="ListApiCredentials")).json()
    assert body["totalresults"] >= 1
    assert server.secret not in json.dumps(body)
    assert body["credentials"][0]["identifier"]


def test_last_access_recorded_without_per_request_write(server):
    assert server.api(auth(server, action="GetAdminDetails")).status_code == 200

    def recorded():
        shown = server.cli_json("credential", "show", server.identifier)
        return shown.get("lastAccessAt") or shown.get("lastAccess")

    wait_until(recorded, timeout=6)
    shown = server.cli_json("credential", "show", server.identifier)
    assert shown.get("lastAccessIP") == "127.0.0.1" or shown.get("lastAccessIp") == "127.0.0.1"


def test_api_path_prefix(keyward):
    keyward.create_admin("owner")
    keyward.create_role("r", ["WhmcsDetails"])
    ident, secret = keyward.generate("owner", ["r"])
    keyward.start("127.0.0.1:0", "--api-prefix", "/billing")
    import requests

    data = {"identifier": ident, "secret": secret, "action": "WhmcsDetails", "responsetype": "json"}
    r = requests.post(keyward.base_url + "/billing/includes/api.php", data=data, timeout=5)
    assert r.status_code == 200 and r.json()["result"] == "success"
    assert requests.post(keyward.base_url + "/includes/api.php", data=data, timeout=5).status_code == 404


def test_access_log_never_holds_secrets(server):
    server.api(auth(server, action="GetAdminDetails"))
    server.api(method="GET", params=auth(server, action="GetAdminDetails"))
    server.api({"action": "GetAdminDetails", "username": "admin", "password": md5(ADMIN_PASSWORD)})
    import time

    time.sleep(0.3)
    log = server.log_path.read_text()
    assert "route=/includes/api.php" in log
    for needle in (server.secret, md5(server.secret), md5(ADMIN_PASSWORD), ADMIN_PASSWORD, "secret="):
        assert needle not in log
