"""Fixtures for the admin-area browser tests: Debian's Chromium driven by Playwright against a
real `keyward serve` process (see ../keyward_harness.py), plus screenshot helpers.

Nothing is downloaded: Playwright drives the system browser at KEYWARD_CHROMIUM (default
/usr/bin/chromium).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from keyward_harness import ADMIN_PASSWORD, ROOT, Keyward

CHROMIUM = os.environ.get("KEYWARD_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
# The main screenshots are copied into docs/ only when asked, so an ordinary test run leaves the
# work tree clean: KEYWARD_DOCS_SCREENSHOTS=1 make test (or pytest tests/browser).
UPDATE_DOCS = os.environ.get("KEYWARD_DOCS_SCREENSHOTS") == "1"
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 360, "height": 740}

# Every action an API role can allow, by the server's catalog.
ALL_ACTIONS = [
    "GetAdminDetails", "GetAdminUsers", "WhmcsDetails", "ListApiCredentials", "GenerateApiCredential",
    "UpdateApiCredential", "DeleteApiCredential", "ListApiRoles",
]

expect.set_options(timeout=5_000)


@pytest.fixture(scope="session")
def chromium() -> Browser:
    if not Path(CHROMIUM).is_file():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: install Debian's chromium (scripts/deps.sh test)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        yield browser
        browser.close()


class Site(Keyward):
    """A server whose CLI changes are waited for: after a command that writes, the call returns
    only once the server's index has followed the change feed (it polls every 250 ms)."""

    WRITES = {"create", "generate", "update", "remove", "disable", "enable", "describe", "set-roles", "set", "add"}

    def seq(self) -> int:
        text = requests.get(self.base_url + "/healthz", timeout=2).text
        return int(re.search(r"seq=(-?\d+)", text).group(1))

    def cli(self, *args, **kwargs):
        writes = self.process is not None and any(arg in self.WRITES for arg in args[:2])
        before = self.seq() if writes else 0
        result = super().cli(*args, **kwargs)
        if writes and result.returncode == 0:
            deadline = time.monotonic() + 5
            while self.seq() <= before:
                if time.monotonic() > deadline:
                    raise AssertionError(f"the server did not follow `keyward {' '.join(args)}` within 5 s")
                time.sleep(0.02)
        return result


@pytest.fixture(scope="module")
def site() -> Keyward:
    """One server for a test module, with two roles for the first admin's credentials."""
    keyward = Site()
    keyward.start()
    keyward.create_role("Reader", ["GetAdminDetails"])
    keyward.create_role("Lister", ["GetAdminUsers"])
    yield keyward
    keyward.cleanup()


@pytest.fixture
def fresh_site() -> Keyward:
    """A server of its own, for tests that change server-wide state (bans)."""
    keyward = Site()
    keyward.start()
    yield keyward
    keyward.cleanup()


def new_context(chromium: Browser, base_url: str, viewport: dict = DESKTOP) -> BrowserContext:
    context = chromium.new_context(viewport=viewport, base_url=base_url, locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    return context


class PageProblems:
    """Collects script errors and Content-Security-Policy violations; a test fails on any."""

    def __init__(self, page: Page):
        self.problems: list[str] = []
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: self.problems.append(f"console: {message.text}")
            if message.type == "error" or "Content Security Policy" in message.text
            else None,
        )

    def check(self, allowed: tuple[str, ...] = ()):
        unexpected = [p for p in self.problems if not any(text in p for text in allowed)]
        assert not unexpected, "\n".join(unexpected)


@pytest.fixture
def context(chromium, site) -> BrowserContext:
    context = new_context(chromium, site.base_url)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Page:
    """A page signed in as the first admin; fails the test on script errors or CSP violations."""
    page = context.new_page()
    problems = PageProblems(page)
    sign_in(page)
    yield page
    # Pages that answer 403/404 on purpose log the status as a console error.
    problems.check(allowed=("status of 403", "status of 404", "status of 422"))


def sign_in(page: Page, username: str = "admin", password: str = ADMIN_PASSWORD) -> Page:
    page.goto("/admin/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    return page


def screenshot(page: Page, name: str, *, docs: bool = False, full_page: bool = False):
    """Saves a screenshot to test-artifacts/screenshots/ and, for the main ones and when
    KEYWARD_DOCS_SCREENSHOTS=1, to docs/screenshots/.

    Every page that is photographed is also checked for duplicate element ids (labels and ARIA
    references depend on them)."""
    duplicates = page.evaluate(
        """() => {
            const seen = new Map();
            for (const element of document.querySelectorAll('[id]')) seen.set(element.id, (seen.get(element.id) || 0) + 1);
            return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
        }"""
    )
    assert not duplicates, f"duplicate ids on {page.url}: {duplicates}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="initial")
    if docs and UPDATE_DOCS:
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / f"{name}.png")
    return path
