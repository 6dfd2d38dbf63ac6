import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keyward_harness import ADMIN_PASSWORD, Keyward, wait_until  # noqa: E402


@pytest.fixture
def keyward():
    """A fresh data directory with the CLI; call .start() for a server."""
    instance = Keyward()
    # Tests poll until a change made through the CLI reaches the server; those polls fail
    # authentication on purpose and must not ban the test client. The ban tests clear this.
    instance.cli("settings", "set", "--ban-exemption", "127.0.0.0/8,::1")
    yield instance
    instance.cleanup()


@pytest.fixture
def server(keyward):
    """A running server with an `all` role and a credential for the first admin."""
    keyward.start()
    keyward.create_role("everything", ["GetAdminDetails", "GetAdminUsers", "WhmcsDetails", "ListApiCredentials",
                                       "GenerateApiCredential", "UpdateApiCredential", "DeleteApiCredential",
                                       "ListApiRoles"])
    keyward.identifier, keyward.secret = keyward.generate("admin", ["everything"], "integration tests")
    # The CLI wrote to the database; the server follows the change feed within a second.
    wait_until(lambda: keyward.api({"action": "WhmcsDetails", "identifier": keyward.identifier,
                                    "secret": keyward.secret, "responsetype": "json"}).status_code == 200)
    return keyward
