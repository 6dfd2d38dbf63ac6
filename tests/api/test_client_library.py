"""Unmodified WHMCS client libraries from PyPI against a real server."""

import pytest
import whmcspy
from whmcspy import exceptions


def test_whmcspy_get_admin_details(server):
    client = whmcspy.WHMCS(server.api_url, server.identifier, server.secret)
    details = client.call("GetAdminDetails")
    assert details["result"] == "success"
    assert details["adminid"] == "1"
    users = client.call("GetAdminUsers")
    assert users["count"] >= 1


def test_whmcspy_errors(server):
    bad = whmcspy.WHMCS(server.api_url, server.identifier, "wrong-secret")
    with pytest.raises(exceptions.MissingPermission, match="Authentication Failed"):
        bad.call("GetAdminDetails")
    client = whmcspy.WHMCS(server.api_url, server.identifier, server.secret)
    with pytest.raises(exceptions.Error, match="Invalid API Action"):
        client.call("Frobnicate")


def test_whmcspy_manages_credentials(server):
    client = whmcspy.WHMCS(server.api_url, server.identifier, server.secret)
    made = client.call("GenerateApiCredential", adminid=1, description="from whmcspy", roleids="everything")
    fresh = whmcspy.WHMCS(server.api_url, made["identifier"], made["secret"])
    assert fresh.call("WhmcsDetails")["whmcs"]["product"] == "Keyward"
    client.call("DeleteApiCredential", id=made["id"])
    with pytest.raises(exceptions.MissingPermission):
        fresh.call("WhmcsDetails")
