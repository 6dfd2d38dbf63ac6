"""Fixtures for the admin-area browser tests: Debian's Chromium driven by Playwright against a
real `keyward serve` process (see ../keyward_harness.py), plus screenshot helpers.

Nothing is downloaded: Playwright drives the system browser at KEYWARD_CHROMIUM (default
/usr/bin/chromium).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from keyward_harness import ADMIN_PASSWORD, ROOT, Keyward

CHROMIUM = os.environ.get("KEYWARD_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
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


@pytest.fixture(scope="module")
def site() -> Keyward:
    """One server for a test module, with two roles for the first admin's credentials."""
    keyward = Keyward()
    keyward.start()
    keyward.create_role("Reader", ["GetAdminDetails"])
    keyward.create_role("Lister", ["GetAdminUsers"])
    yield keyward
    keyward.cleanup()


@pytest.fixture
def fresh_site() -> Keyward:
    """A server of its own, for tests that change server-wide state (bans)."""
    keyward = Keyward()
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
    """Saves a screenshot to test-artifacts/screenshots/ and, for the main ones, docs/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="initial")
    if docs:
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / f"{name}.png")
    return path
