"""The rest of the admin area in a real browser: signing in and out, the sign-in ban, permissions,
API roles, administrators (disabling one stops its credentials), groups, security settings and the
activity log. Each page is also saved as a screenshot."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from conftest import ADMIN_PASSWORD, PHONE, PageProblems, new_context, screenshot, sign_in


def api_call(site, identifier: str, secret: str, action: str = "GetAdminDetails"):
    return site.api({"action": action, "identifier": identifier, "secret": secret, "responsetype": "json"})


def test_sign_in_and_sign_out(chromium, site):
    context = new_context(chromium, site.base_url)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto("/admin/api-credentials")
    expect(page).to_have_url(re.compile(r"/admin/login\?return="))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_label("Username")).to_be_focused()
    screenshot(page, "sign-in", docs=True)

    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("alert")).to_have_text("Invalid username or password.")

    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # Back to the page that asked for the sign-in.
    expect(page).to_have_url(re.compile(r"/admin/api-credentials$"))
    cookie = next(c for c in context.cookies() if c["name"] == "keyward_admin")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/admin"

    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    screenshot(page, "dashboard", docs=True)

    page.locator("summary", has_text="Keyward Administrator").click()
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("status")).to_have_text("You have signed out.")
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login"))
    problems.check(allowed=("status of 403",))
    context.close()


def test_configuration_menu(page: Page):
    page.goto("/admin/")
    menu = page.locator("details.dropdown").first
    menu.locator("summary").click()
    for group in ["System Settings", "Staff Management", "Utilities"]:
        expect(menu.get_by_text(group, exact=True)).to_be_visible()
    screenshot(page, "configuration-menu", docs=True)
    # Configuration › System Settings › Manage API Credentials.
    menu.get_by_role("link", name="Manage API Credentials").click()
    expect(page.get_by_role("heading", name="Manage API Credentials", level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_have_text(
        re.compile(r"Dashboard\s*›?\s*Configuration\s*›?\s*System Settings\s*›?\s*Manage API Credentials")
    )
    # Escape closes the menu and a click outside too.
    menu.locator("summary").click()
    page.keyboard.press("Escape")
    expect(menu.get_by_role("link", name="Activity Log")).to_be_hidden()


def test_sign_in_ban(chromium, fresh_site):
    context = new_context(chromium, fresh_site.base_url)
    page = context.new_page()
    for attempt in range(3):
        page.goto("/admin/login")
        page.get_by_label("Username").fill("admin")
        page.get_by_label("Password").fill(f"wrong password {attempt}")
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Too many failed sign-ins")).to_be_visible()
    expect(page.get_by_text("is blocked for 15 more minutes")).to_be_visible()
    screenshot(page, "sign-in-ban", docs=True)
    # Even the right password is refused while the ban lasts.
    page.goto("/admin/login")
    expect(page.get_by_role("heading", name="Too many failed sign-ins")).to_be_visible()
    response = page.request.post("/admin/login", form={"username": "admin", "password": ADMIN_PASSWORD})
    assert response.status == 403
    assert "Too many failed sign-ins" in response.text()
    context.close()


def test_non_permitted_admin(chromium, site):
    site.cli("group", "create", "--name", "Support Desk", "--permission", "API Access", "--permission", "View Activity Log")
    site.create_admin("carol", group="Support Desk", first="Carol", last="Support")
    context = new_context(chromium, site.base_url)
    page = sign_in(context.new_page(), "carol")
    problems = PageProblems(page)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.locator("details.dropdown").first.locator("summary").click()
    expect(page.locator("details.dropdown").first.get_by_role("link", name="Activity Log", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Manage API Credentials")).to_have_count(0)
    expect(page.get_by_role("link", name="Administrators")).to_have_count(0)

    response = page.goto("/admin/api-credentials")
    assert response.status == 403
    expect(page.get_by_text("You do not have permission to access this page.")).to_be_visible()
    expect(page.get_by_role("link", name="Manage API Credentials")).to_have_count(0)
    screenshot(page, "forbidden", docs=True)
    assert page.goto("/admin/security").status == 403
    assert page.goto("/admin/activity").status == 200
    problems.check(allowed=("status of 403",))
    context.close()


def test_disabling_an_admin_stops_its_credentials(page: Page, site):
    site.create_admin("dave", first="Dave", last="Integrations")
    identifier, secret = site.generate("dave", ["Reader"], "Dave's integration")
    assert api_call(site, identifier, secret).status_code == 200

    page.goto("/admin/admins")
    screenshot(page, "administrators", docs=True)
    page.get_by_role("link", name="Edit administrator dave").click()
    expect(page.get_by_role("heading", name="Edit Administrator")).to_be_visible()
    screenshot(page, "administrator-edit", full_page=True)
    page.get_by_role("button", name="Disable Administrator").click()
    confirm = page.locator("#confirm-dialog")
    expect(confirm).to_contain_text("Its 1 API credential will stop working until it is enabled again.")
    confirm.get_by_role("button", name="Disable Administrator").click()
    expect(page.get_by_role("status")).to_contain_text("The administrator was disabled")

    failed = api_call(site, identifier, secret)
    assert failed.status_code == 403
    assert failed.json()["message"] == "Authentication Failed"

    page.get_by_role("button", name="Enable Administrator").click()
    expect(page.get_by_role("status")).to_contain_text("The administrator was enabled.")
    assert api_call(site, identifier, secret).status_code == 200

    # Removing says how many credentials stop working.
    page.goto("/admin/admins")
    page.get_by_role("link", name="Remove administrator dave").click()
    expect(page.locator("#confirm-dialog")).to_contain_text("Its 1 API credential will stop working at once and be deleted.")
    screenshot(page, "administrator-remove-dialog")
    page.locator("#confirm-dialog").get_by_role("button", name="Remove Administrator").click()
    expect(page.get_by_role("status")).to_contain_text("The administrator and its API credentials were removed.")
    assert api_call(site, identifier, secret).status_code == 403


def test_create_administrator_and_change_password(page: Page, site):
    page.goto("/admin/admins")
    page.get_by_role("link", name="Add New Administrator").click()
    page.get_by_label("First Name").fill("Erin")
    page.get_by_label("Last Name").fill("Operator")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Email").fill("erin@example.com")
    page.get_by_label("Admin Role Group").select_option(label="Full Administrator")
    page.get_by_label(re.compile(r"^Password")).fill("first password")
    page.get_by_label("Confirm Password").fill("first password")
    screenshot(page, "administrator-create")
    page.get_by_role("button", name="Add Administrator").click()
    expect(page.get_by_role("status")).to_have_text("The administrator was created.")
    expect(page.get_by_role("cell", name="Erin Operator")).to_be_visible()

    page.get_by_role("link", name="Edit administrator erin").click()
    page.get_by_label("New Password").fill("second password")
    page.get_by_label("Confirm Password").fill("second password")
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_role("status")).to_contain_text("The password was changed.")


def test_api_roles(page: Page, site):
    page.goto("/admin/api-credentials")
    page.get_by_role("link", name="API Roles").click()
    expect(page.get_by_role("cell", name="Reader", exact=True)).to_be_visible()
    screenshot(page, "api-roles", docs=True)

    page.get_by_role("link", name="Create API Role").click()
    page.get_by_label(re.compile(r"^Name")).fill("Credential Managers")
    page.get_by_label("Description", exact=True).fill("Manage credentials through the API")
    sidebar = page.get_by_role("navigation", name="Action categories")
    sidebar.get_by_role("link", name=re.compile("Keyward")).click()
    panel = page.locator("[data-category-panel='keyward']")
    expect(panel).to_be_visible()
    expect(page.locator("[data-category-panel='authentication']")).to_be_hidden()
    panel.get_by_label("Select all").check()
    expect(sidebar.locator("[data-category-count='keyward']")).to_have_text("5/5")
    panel.get_by_label("DeleteApiCredential").uncheck()
    expect(panel.get_by_label("Select all")).not_to_be_checked()
    assert panel.get_by_label("Select all").evaluate("box => box.indeterminate")
    sidebar.get_by_role("link", name=re.compile("Authentication")).click()
    page.get_by_label("GetAdminDetails").check()
    screenshot(page, "api-role-editor", docs=True)
    page.get_by_role("button", name="Create API Role").click()
    expect(page.get_by_role("status")).to_have_text("The API role was created.")
    row = page.get_by_role("row", name=re.compile("Credential Managers"))
    expect(row).to_contain_text("5 actions")

    # The quick detail view.
    row.get_by_role("link", name="View API role Credential Managers").click()
    dialog = page.locator("#fragment-dialog")
    expect(dialog.get_by_role("heading", name="API Role: Credential Managers")).to_be_visible()
    expect(dialog.get_by_text("GenerateApiCredential")).to_be_visible()
    expect(dialog.get_by_text("DeleteApiCredential")).to_have_count(0)
    screenshot(page, "api-role-detail")
    dialog.get_by_role("button", name="Close").click()

    # A credential holding the role loses it when the role is deleted.
    identifier, secret = site.generate("admin", ["Credential Managers"], "Role holder")
    assert api_call(site, identifier, secret, "ListApiRoles").status_code == 200
    page.reload()
    row = page.get_by_role("row", name=re.compile("Credential Managers"))
    row.get_by_role("link", name="Delete API role Credential Managers").click()
    confirm = page.locator("#confirm-dialog")
    expect(confirm).to_contain_text("It will be unassigned from 1 API credential.")
    confirm.get_by_role("button", name="Delete Role").click()
    expect(page.get_by_role("status")).to_contain_text("The API role was deleted")
    assert api_call(site, identifier, secret, "ListApiRoles").status_code == 403
    page.goto("/admin/api-credentials?search=Role+holder")
    expect(page.locator("tbody td[data-label='Roles']")).to_have_text("None")


def test_admin_role_groups(page: Page):
    page.goto("/admin/admin-groups")
    screenshot(page, "admin-role-groups", docs=True)
    page.get_by_role("link", name="Create New Role Group").click()
    page.get_by_label(re.compile(r"^Name")).fill("Integrators")
    page.get_by_label("API Access").check()
    page.get_by_label("Manage API Credentials").check()
    screenshot(page, "admin-role-group-editor")
    page.get_by_role("button", name="Create Role Group").click()
    expect(page.get_by_role("status")).to_have_text("The admin role group was created.")
    expect(page.get_by_role("row", name=re.compile("Integrators"))).to_contain_text("2 of")


def test_security_settings(page: Page, site):
    identifier, secret = site.generate("admin", ["Reader"], "Allowlist check")
    page.goto("/admin/security")
    expect(page.get_by_role("cell", name="127.0.0.1/32", exact=True)).to_be_visible()
    screenshot(page, "security-settings", docs=True, full_page=True)

    page.get_by_label("IP Address or CIDR Range").fill("not an address")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("alert")).to_contain_text("is not an IP address or CIDR range")
    page.get_by_label("IP Address or CIDR Range").fill("203.0.113.0/24")
    page.get_by_label("Note", exact=True).fill("Office")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("status")).to_have_text("The address was added to the API IP allowlist.")
    expect(page.get_by_role("cell", name="203.0.113.0/24", exact=True)).to_be_visible()

    # The access key is set, never shown, and lets a request in from outside the allowlist.
    page.locator("input#access-key").fill("browser-test-access-key")
    page.get_by_role("button", name="Set Access Key").click()
    expect(page.get_by_role("status")).to_have_text("The API access key was set.")
    assert "browser-test-access-key" not in page.content()

    # Removing 127.0.0.1 from the allowlist locks this client out of the API, unless it sends the key.
    page.locator("tbody tr", has_text="127.0.0.1/32").get_by_role("button", name="Remove 127.0.0.1/32 from the allowlist").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Remove").click()
    expect(page.get_by_role("status")).to_have_text("The address was removed from the API IP allowlist.")
    refused = api_call(site, identifier, secret)
    assert refused.status_code == 403 and refused.json()["message"].startswith("Invalid IP")
    with_key = site.api(
        {"action": "GetAdminDetails", "identifier": identifier, "secret": secret, "accesskey": "browser-test-access-key",
         "responsetype": "json"}
    )
    assert with_key.status_code == 200
    page.get_by_label("IP Address or CIDR Range").fill("127.0.0.1")
    page.get_by_role("button", name="Add").click()
    assert api_call(site, identifier, secret).status_code == 200

    # The legacy username/password switch.
    page.get_by_label("Allow API authentication with an admin's username and password").uncheck()
    page.get_by_label("Failed sign-ins before a ban").fill("5")
    page.get_by_role("button", name="Save Changes").click()
    expect(page.get_by_role("status")).to_have_text("The security settings were saved.")
    expect(page.get_by_label("Allow API authentication with an admin's username and password")).not_to_be_checked()
    expect(page.get_by_label("Failed sign-ins before a ban")).to_have_value("5")


def test_activity_log(page: Page, site):
    site.generate("admin", ["Reader"], "Audited credential")
    page.goto("/admin/activity")
    expect(page.get_by_role("heading", name="Activity Log")).to_be_visible()
    first = page.locator("tbody tr").first
    expect(first).to_be_visible()
    screenshot(page, "activity-log", docs=True)
    page.get_by_label("Search the activity log").fill("credential.generated")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("tbody tr").first).to_contain_text("credential.generated")


def test_not_found_page(page: Page):
    response = page.goto("/admin/no-such-page")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page Not Found")).to_be_visible()
    screenshot(page, "not-found")


def test_phone_pages(chromium, site):
    context = new_context(chromium, site.base_url, PHONE)
    page = sign_in(context.new_page())
    for path, name in [("/admin/", "dashboard-phone"), ("/admin/admins", "administrators-phone"),
                       ("/admin/security", "security-phone"), ("/admin/api-credentials/roles/new", "api-role-editor-phone")]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        screenshot(page, name)
    context.close()
