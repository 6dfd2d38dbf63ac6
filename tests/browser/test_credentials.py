"""Manage API Credentials in a real browser: generate, copy, use against the API, inline edit,
the Credential Management dialog, delete, search/sort/paging, and escaping."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from conftest import PHONE, new_context, screenshot, sign_in


def api_call(site, identifier: str, secret: str, action: str = "GetAdminDetails"):
    return site.api({"action": action, "identifier": identifier, "secret": secret, "responsetype": "json"})


def generate_in_dialog(page: Page, description: str = "", roles: tuple[str, ...] = ("Reader",), admin: str = "1"):
    """Opens Generate New API Credential, fills it in and returns (identifier, secret) from the dialog."""
    page.goto("/admin/api-credentials")
    page.get_by_role("link", name="Generate New API Credential").click()
    dialog = page.locator("#fragment-dialog")
    expect(dialog.get_by_role("heading", name="Generate New API Credential")).to_be_visible()
    dialog.get_by_label("Admin").select_option(admin)
    if description:
        dialog.get_by_label("Description").fill(description)
    for role in roles:
        dialog.get_by_label(role, exact=True).check()
    dialog.get_by_role("button", name="Generate").click()
    expect(dialog.get_by_role("textbox", name="Secret")).to_be_visible()
    return dialog.get_by_role("textbox", name="Identifier").input_value(), dialog.get_by_role("textbox", name="Secret").input_value()


def sort_key(description: str) -> str:
    """How the server orders descriptions: case-insensitively, an empty one ("None provided") first."""
    return "" if description == "None provided" else description.lower()


def row_of(page: Page, identifier: str):
    return page.locator("tbody tr", has=page.locator("code.identifier", has_text=identifier))


def test_generate_copy_and_use_against_the_api(page: Page, site):
    page.goto("/admin/api-credentials")
    screenshot(page, "credentials-empty")
    page.get_by_role("link", name="Generate New API Credential").click()
    dialog = page.locator("#fragment-dialog")
    expect(dialog).to_be_visible()
    # The admin is required.
    expect(dialog.get_by_label("Admin")).to_have_attribute("required", "")
    dialog.get_by_label("Admin").select_option(label="Keyward Administrator (admin)")
    dialog.get_by_label("Description").fill("Billing integration")
    dialog.get_by_label("Reader", exact=True).check()
    screenshot(page, "generate-dialog", docs=True)
    dialog.get_by_role("button", name="Generate").click()

    identifier_field = dialog.get_by_role("textbox", name="Identifier")
    secret_field = dialog.get_by_role("textbox", name="Secret")
    expect(secret_field).to_be_visible()
    expect(dialog).to_contain_text("It will not be available at a later time due to cryptographic security.")
    identifier, secret = identifier_field.input_value(), secret_field.input_value()
    assert re.fullmatch(r"[A-Za-z0-9_]{16,255}", identifier)
    assert re.fullmatch(r"[A-Za-z0-9_]{32,255}", secret)

    # The copy buttons to the right of each value put it on the clipboard.
    dialog.get_by_role("button", name="Copy Identifier").click()
    assert page.evaluate("navigator.clipboard.readText()") == identifier
    dialog.get_by_role("button", name="Copy Secret").click()
    expect(dialog.get_by_role("button", name="Copy Secret")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == secret
    screenshot(page, "generated-credential", docs=True)

    # The X at the top right closes the dialog; the table then shows the new row.
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    row = row_of(page, identifier)
    expect(row).to_be_visible()
    expect(row).to_contain_text("Billing integration")
    expect(row).to_contain_text("Keyward Administrator (admin)")
    expect(row).to_contain_text("Reader")
    expect(row.locator("td[data-label='Last Access']")).to_have_text("Never")

    response = api_call(site, identifier, secret)
    assert response.status_code == 200, response.text
    assert response.json()["result"] == "success"

    # Last Access turns relative, with the exact time on hover.
    site.wait_healthy()
    page.wait_for_timeout(2_500)  # last access is written in batches every 2 s
    page.reload()
    last_access = row_of(page, identifier).locator("td[data-label='Last Access'] time")
    expect(last_access).to_have_text(re.compile(r"just now|1 minute ago"))
    expect(last_access).to_have_attribute("title", re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC from 127\.0\.0\.1$"))


def test_dialog_closes_with_a_click_outside_and_escape(page: Page):
    identifier, _ = generate_in_dialog(page, "Closed by a click outside")
    dialog = page.locator("#fragment-dialog")
    box = dialog.bounding_box()
    page.mouse.click(box["x"] / 2, 10)  # on the backdrop, outside the dialog
    expect(dialog).to_be_hidden()
    expect(row_of(page, identifier)).to_be_visible()

    page.get_by_role("link", name="Generate New API Credential").click()
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_dialog_keeps_keyboard_focus_inside(page: Page):
    page.goto("/admin/api-credentials")
    opener = page.get_by_role("link", name="Generate New API Credential")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#fragment-dialog")
    expect(dialog.get_by_label("Admin")).to_be_focused()
    for _ in range(12):
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('fragment-dialog').contains(document.activeElement)")
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.getElementById('fragment-dialog').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()


def test_inline_description_edit(page: Page, site):
    identifier, _ = site.generate("admin", ["Reader"], "Before")
    page.goto("/admin/api-credentials")
    cell = row_of(page, identifier).locator("td.description-cell")
    expect(cell).to_have_text("Before")

    # Click the description, type, click the check button to its right.
    cell.get_by_role("link").click()
    editor = cell.get_by_role("textbox")
    expect(editor).to_be_focused()
    editor.fill("After the check button")
    save = cell.get_by_role("button", name="Save description")
    assert save.bounding_box()["x"] > editor.bounding_box()["x"] + editor.bounding_box()["width"] - 1
    screenshot(page, "inline-edit", docs=True)
    save.click()
    expect(cell).to_have_text("After the check button")

    # Enter saves too.
    cell.get_by_role("link").click()
    cell.get_by_role("textbox").fill("Saved with Enter")
    page.keyboard.press("Enter")
    expect(cell).to_have_text("Saved with Enter")

    # Escape cancels.
    cell.get_by_role("link").click()
    cell.get_by_role("textbox").fill("Never saved")
    page.keyboard.press("Escape")
    expect(cell).to_have_text("Saved with Enter")
    expect(cell.get_by_role("link")).to_be_focused()

    page.reload()
    expect(row_of(page, identifier).locator("td.description-cell")).to_have_text("Saved with Enter")

    # An empty description shows "None provided".
    cell = row_of(page, identifier).locator("td.description-cell")
    cell.get_by_role("link").click()
    cell.get_by_role("textbox").fill("")
    page.keyboard.press("Enter")
    expect(cell).to_have_text("None provided")


def test_edit_roles_changes_what_the_api_allows(page: Page, site):
    identifier, secret = site.generate("admin", ["Reader"], "Role change")
    assert api_call(site, identifier, secret, "GetAdminUsers").status_code == 403
    page.goto("/admin/api-credentials")
    row_of(page, identifier).get_by_role("link", name=f"Edit API credential {identifier}").click()
    dialog = page.locator("#fragment-dialog")
    expect(dialog.get_by_role("heading", name="Credential Management")).to_be_visible()
    expect(dialog.get_by_label("Reader", exact=True)).to_be_checked()
    dialog.get_by_label("Reader", exact=True).uncheck()
    dialog.get_by_label("Lister", exact=True).check()
    dialog.get_by_label("Description").fill("Lists admins now")
    screenshot(page, "credential-management-dialog", docs=True)
    dialog.get_by_role("button", name="Save Changes").click()
    expect(page.get_by_role("status").filter(has_text="The API credential was updated.")).to_be_visible()
    row = row_of(page, identifier)
    expect(row).to_contain_text("Lists admins now")
    expect(row.locator("td[data-label='Roles']")).to_have_text("Lister")

    assert api_call(site, identifier, secret, "GetAdminUsers").json()["result"] == "success"
    denied = api_call(site, identifier, secret, "GetAdminDetails")
    assert denied.status_code == 403
    assert denied.json()["message"] == 'Invalid Permissions: API action "getadmindetails" is not allowed'


def test_delete_credentials(page: Page, site):
    identifier, secret = site.generate("admin", ["Reader"], "To be deleted")
    assert api_call(site, identifier, secret).status_code == 200
    page.goto("/admin/api-credentials")
    row_of(page, identifier).get_by_role("link", name=f"Delete API credential {identifier}").click()
    confirm = page.locator("#confirm-dialog")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text(identifier)
    button = confirm.get_by_role("button", name="Delete Credentials")
    expect(button).to_have_text("Delete Credentials")
    screenshot(page, "delete-dialog", docs=True)
    button.click()
    expect(page.get_by_role("status").filter(has_text="The API credential was deleted.")).to_be_visible()
    expect(row_of(page, identifier)).to_have_count(0)

    failed = api_call(site, identifier, secret)
    assert failed.status_code == 403
    assert failed.json()["message"] == "Authentication Failed"


def test_search_sort_and_paging(page: Page, site):
    for number in range(1, 64):
        site.generate("admin", ["Reader"] if number % 2 else [], f"Batch {number:02d}")
    page.goto("/admin/api-credentials")
    info = page.locator(".table-info")
    expect(info).to_have_text(re.compile(r"^Showing 1 to 10 of \d+ entries$"))
    total = int(re.search(r"of (\d+) entries", info.inner_text()).group(1))
    assert total >= 63
    expect(page.locator("tbody tr")).to_have_count(10)
    screenshot(page, "credentials", docs=True)

    # Search filters on the server as one types, across description, identifier, admin and roles.
    page.get_by_label("Search API credentials").fill("Batch 4")
    expect(info).to_have_text(f"Showing 1 to 10 of 10 entries (filtered from {total} total entries)")
    assert "search=Batch+4" in page.url
    page.get_by_label("Search API credentials").fill("batch 0")
    expect(info).to_have_text(f"Showing 1 to 9 of 9 entries (filtered from {total} total entries)")
    page.get_by_label("Search API credentials").fill("")
    expect(info).to_have_text(f"Showing 1 to 10 of {total} entries")

    # Every column sorts by click; a second click reverses.
    for column in ["Identifier", "Description", "Admin", "Roles", "Created", "Last Access"]:
        page.get_by_role("link", name=column, exact=True).click()
        expect(page.get_by_role("columnheader", name=column)).to_have_attribute("aria-sort", re.compile("ascending|descending"))
    page.get_by_role("link", name="Description", exact=True).click()
    expect(page.get_by_role("columnheader", name="Description")).to_have_attribute("aria-sort", "ascending")
    descriptions = page.locator("tbody td.description-cell").all_inner_texts()
    assert descriptions == sorted(descriptions, key=sort_key), descriptions
    page.get_by_role("link", name="Description", exact=True).click()
    expect(page.get_by_role("columnheader", name="Description")).to_have_attribute("aria-sort", "descending")
    descending = page.locator("tbody td.description-cell").all_inner_texts()
    assert descending == sorted(descending, key=sort_key, reverse=True), descending

    # Page size and pages.
    page.get_by_label("Show").select_option("25")
    expect(page.locator("tbody tr")).to_have_count(25)
    expect(info).to_have_text(f"Showing 1 to 25 of {total} entries")
    page.locator(".pagination").get_by_role("link", name="2", exact=True).click()
    expect(info).to_have_text(f"Showing 26 to 50 of {total} entries")
    page.locator(".pagination").get_by_role("link", name="Next").click()
    expect(info).to_have_text(f"Showing 51 to {min(75, total)} of {total} entries")
    screenshot(page, "credentials-page-3")

    # The state lives in the URL, so a reload (or the page without JavaScript) shows the same.
    page.reload()
    expect(info).to_have_text(f"Showing 51 to {min(75, total)} of {total} entries")
    expect(page.get_by_label("Show")).to_have_value("25")


def test_paging_without_javascript(chromium, site):
    context = chromium.new_context(java_script_enabled=False, base_url=site.base_url)
    page = sign_in(context.new_page())
    page.goto("/admin/api-credentials?length=10")
    page.get_by_label("Search API credentials").fill("Reader")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".table-info")).to_contain_text("filtered from")
    page.get_by_role("link", name="Created", exact=True).click()
    expect(page.get_by_role("columnheader", name="Created")).to_have_attribute("aria-sort", re.compile("ascending|descending"))
    context.close()


def test_xss_description_shows_as_text(page: Page, site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    payload = "<script>alert(1)</script>"
    identifier, _ = generate_in_dialog(page, payload)
    page.locator("#fragment-dialog").get_by_role("button", name="Close").click()
    cell = row_of(page, identifier).locator("td.description-cell")
    expect(cell).to_have_text(payload)
    page.reload()
    expect(row_of(page, identifier).locator("td.description-cell")).to_have_text(payload)
    # Inline editing shows the same text in the input, still as text.
    row_of(page, identifier).locator("td.description-cell").get_by_role("link").click()
    expect(row_of(page, identifier).get_by_role("textbox")).to_have_value(payload)
    page.keyboard.press("Escape")
    assert dialogs == []
    assert page.locator("script").count() == 1  # only /admin/assets/admin.js
    site.generate("admin", [], '"><img src=x onerror=alert(2)>')
    page.reload()
    expect(page.get_by_text('"><img src=x onerror=alert(2)>')).to_be_visible()
    assert dialogs == []


def test_post_without_csrf_token_is_rejected(page: Page, site):
    identifier, secret = site.generate("admin", ["Reader"], "CSRF target")
    page.goto("/admin/api-credentials")
    credential_id = row_of(page, identifier).get_attribute("data-credential-id")
    for form in ({}, {"csrf_token": "forged-token-value-0123456789"}):
        response = page.request.post(f"/admin/api-credentials/{credential_id}/delete", form=form, max_redirects=0)
        assert response.status == 403
        assert "nothing was changed" in response.text()
    assert api_call(site, identifier, secret).status_code == 200
    page.reload()
    expect(row_of(page, identifier)).to_be_visible()
    # The same request with the page's token works.
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    response = page.request.post(
        f"/admin/api-credentials/{credential_id}/delete", form={"csrf_token": token}, max_redirects=0
    )
    assert response.status == 303
    assert api_call(site, identifier, secret).status_code == 403


def test_phone_layout(chromium, site):
    context = new_context(chromium, site.base_url, PHONE)
    page = sign_in(context.new_page())
    page.goto("/admin/api-credentials")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "credentials-phone", docs=True)
    page.locator("summary", has_text="Configuration").click()
    expect(page.get_by_role("link", name="Manage API Credentials")).to_be_visible()
    screenshot(page, "menu-phone")
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Generate New API Credential").click()
    expect(page.locator("#fragment-dialog")).to_be_visible()
    box = page.locator("#fragment-dialog").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    screenshot(page, "generate-dialog-phone", docs=True)
    context.close()
