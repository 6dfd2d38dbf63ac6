"""Starts real `keyward` processes for the integration, client-library and browser tests.

Every server gets its own temporary data directory and an ephemeral loopback port; the CLI runs
against the same data directory, as an operator would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PASSWORD = "correct horse battery staple"


def binary() -> str:
    for candidate in (os.environ.get("KEYWARD_BINARY"), ROOT / ".build/release/keyward", ROOT / ".build/debug/keyward"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    raise RuntimeError("keyward binary not found: run `swift build` or set KEYWARD_BINARY")


class Keyward:
    """One data directory, the CLI against it, and (once started) a server process."""

    def __init__(self, data_dir: str | None = None, database: str | None = None, extra_env: dict | None = None):
        self.owned_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="keyward-test-")
        self.database = database
        self.env = dict(os.environ)
        self.env.update(
            {
                "KEYWARD_DATA_DIR": self.data_dir,
                "KEYWARD_PASSWORD_COST": "minimal",
                "KEYWARD_ADMIN_PASSWORD": ADMIN_PASSWORD,
                "NO_COLOR": "1",
            }
        )
        if database:
            self.env["KEYWARD_DATABASE_URL"] = database
        if extra_env:
            self.env.update(extra_env)
        self.process: subprocess.Popen | None = None
        self.base_url = ""
        self.log_path = Path(self.data_dir) / "server.log"

    # CLI

    def cli(self, *args: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [binary(), *args], input=input, capture_output=True, text=True, env=self.env, timeout=60
        )
        if check and result.returncode != 0:
            raise AssertionError(f"keyward {' '.join(args)} exited {result.returncode}: {result.stderr}")
        return result

    def cli_json(self, *args: str, input: str | None = None):
        return json.loads(self.cli(*args, "--json", input=input).stdout)

    def create_admin(self, username: str, group: str = "Full Administrator", password: str = ADMIN_PASSWORD, **names):
        args = ["admin", "create", "--username", username, "--group", group, "--password-stdin"]
        args += ["--first-name", names.get("first", username.capitalize()), "--last-name", names.get("last", "Tester")]
        args += ["--email", names.get("email", f"{username}@example.com")]
        return self.cli_json(*args, input=password + "\n")

    def create_role(self, name: str, actions: list[str]):
        return self.cli_json("role", "create", "--name", name, "--allow", ",".join(actions))

    def generate(self, admin: str, roles: list[str] = (), description: str = "") -> tuple[str, str]:
        args = ["credential", "generate", "--admin", admin]
        for role in roles:
            args += ["--role", role]
        if description:
            args += ["--description", description]
        out = self.cli_json(*args)
        return out["identifier"], out["secret"]

    # Server

    def start(self, listen: str = "127.0.0.1:0", *extra: str, wait: bool = True) -> "Keyward":
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [binary(), "serve", "--listen", listen, *extra],
            stdout=subprocess.PIPE,
            stderr=log,
            env=self.env,
            text=True,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                if self.process.poll() is not None:
                    raise RuntimeError(f"keyward serve exited {self.process.returncode}: {self.log_path.read_text()}")
                continue
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                self.base_url = match.group(1).rstrip("/")
                break
        else:
            raise RuntimeError("keyward serve did not report its address")
        # Keep draining stdout so the server never blocks on a full pipe.
        import threading

        threading.Thread(target=self._drain, daemon=True).start()
        if wait:
            self.wait_healthy()
        return self

    def _drain(self):
        for _ in self.process.stdout:
            pass

    def wait_healthy(self, timeout: float = 10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if requests.get(self.base_url + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        raise RuntimeError("server not healthy")

    @property
    def api_url(self) -> str:
        return self.base_url + "/includes/api.php"

    def api(self, data=None, params=None, files=None, headers=None, method: str = "POST", timeout: float = 10):
        return requests.request(method, self.api_url, data=data, params=params, files=files, headers=headers, timeout=timeout)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> int | None:
        if not self.process:
            return None
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        code = self.process.returncode
        self.process = None
        return code

    def kill9(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self.process = None

    def cleanup(self):
        self.stop()
        if self.owned_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)


def wait_until(condition, timeout: float = 3.0, interval: float = 0.02):
    """Polls until condition() is true; returns the seconds it took, fails after timeout."""
    start = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"condition not met within {timeout}s")
        time.sleep(interval)


__all__ = ["ADMIN_PASSWORD", "Keyward", "wait_until"]
