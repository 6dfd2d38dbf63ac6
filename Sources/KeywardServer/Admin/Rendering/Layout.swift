import KeywardCore
import KeywardHTTP

/// The admin area's page chrome: the document head, the top bar with the Configuration menu and
/// the account menu, breadcrumbs, the page header, and the shared dialogs the script drives.
struct Layout: Sendable {
    /// Who is signed in, as the chrome shows it.
    struct Viewer: Sendable {
        /// The signed-in admin.
        var admin: Admin
        /// The name of the admin's role group.
        var groupName: String
        /// What the admin may do.
        var permissions: Set<Permission>
        /// The session's CSRF token, for the sign-out form and the script.
        var csrfToken: String
    }

    /// The area's URLs.
    let paths: AdminPaths
    /// The static files.
    let assets: AssetCatalog
    /// Keyward's version, for the footer.
    let version: String

    /// The sprite's versioned URL, for ``Icon/svg(spriteURL:classes:)``.
    var sprite: String { assets.url("icons.svg", paths: paths) }

    /// An icon from the sprite.
    func icon(_ icon: Icon, classes: String = "icon") -> HTML { icon.svg(spriteURL: sprite, classes: classes) }

    /// A complete document for a signed-in admin.
    func document(_ page: Page, viewer: Viewer) -> HTML {
        let crumbs: [HTML] =
            [HTML("<li><a href=\"\(paths.home)\">Dashboard</a></li>")]
            + page.breadcrumbs.enumerated().map { offset, crumb in
                let isLast = offset == page.breadcrumbs.count - 1
                if isLast { return "<li aria-current=\"page\">\(crumb.label)</li>" }
                if let href = crumb.href { return "<li><a href=\"\(href)\">\(crumb.label)</a></li>" }
                return "<li>\(crumb.label)</li>"
            }
        let breadcrumbs: HTML =
            page.breadcrumbs.isEmpty
            ? .empty : "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol>\(crumbs)</ol></nav>"
        let body: HTML = """
            <a class="skip-link" href="#main">Skip to content</a>
            \(topBar(viewer, active: page.section))
            <div class="page">
            \(breadcrumbs)
            <main id="main" tabindex="-1">
            \(header(page))
            \(page.notice?.render(spriteURL: sprite))
            \(page.content)
            </main>
            </div>
            \(footer)
            \(sharedDialogs(csrfToken: viewer.csrfToken))
            """
        return shell(title: page.title, csrfToken: viewer.csrfToken, bodyClass: "signed-in", body: body)
    }

    /// A complete document without the top bar: the sign-in page, the ban page, errors before
    /// sign-in.
    func bareDocument(title: String, content: HTML) -> HTML {
        let body: HTML = """
            <main id="main" class="bare" tabindex="-1">
            <div class="bare-card">
            <div class="bare-brand">\(icon(.key, classes: "icon brand-icon"))<span>Keyward</span></div>
            \(content)
            </div>
            <p class="bare-footer">Keyward \(version)</p>
            </main>
            """
        return shell(title: title, csrfToken: nil, bodyClass: "bare-page", body: body)
    }

    /// Only the content of a page, for the script to put in a dialog: the title travels in
    /// `data-title`.
    func fragment(_ page: Page) -> HTML {
        "<div class=\"fragment\" data-title=\"\(page.title)\">\(page.notice?.render(spriteURL: sprite))\(page.content)</div>"
    }

    // MARK: Parts

    private func shell(title: String, csrfToken: String?, bodyClass: String, body: HTML) -> HTML {
        let csrf: HTML = csrfToken.map { "<meta name=\"csrf-token\" content=\"\($0)\">" } ?? .empty
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="same-origin">
            \(csrf)
            <title>\(title) · Keyward Admin</title>
            <link rel="icon" href="\(assets.url("favicon.svg", paths: paths))" type="image/svg+xml">
            <link rel="stylesheet" href="\(assets.url("admin.css", paths: paths))">
            <script src="\(assets.url("admin.js", paths: paths))" defer></script>
            </head>
            <body class="\(bodyClass)" data-sprite="\(sprite)">
            \(body)
            </body>
            </html>

            """
    }

    private func topBar(_ viewer: Viewer, active: AdminSection?) -> HTML {
        let groups: [HTML] = AdminSection.MenuGroup.allCases.compactMap { group in
            let items: [HTML] = AdminSection.allCases.filter {
                $0.menuGroup == group && viewer.permissions.contains($0.permission)
            }.map { section in
                let current: HTML = section == active ? " aria-current=\"page\"" : ""
                return
                    "<li><a href=\"\(paths.path(section.path))\"\(current)>\(icon(section.icon))<span>\(section.title)</span></a></li>"
            }
            guard !items.isEmpty else { return nil }
            return "<div class=\"menu-group\"><p class=\"menu-heading\">\(group.rawValue)</p><ul>\(items)</ul></div>"
        }
        let configuration: HTML =
            groups.isEmpty
            ? .empty
            : """
            <details class="dropdown" data-dropdown>
            <summary class="nav-button">\(icon(.wrench))<span>Configuration</span>\(icon(.chevronDown, classes: "icon caret"))</summary>
            <div class="dropdown-panel menu-panel">\(groups)</div>
            </details>
            """
        return """
            <header class="topbar">
            <div class="topbar-inner">
            <a class="brand" href="\(paths.home)">\(icon(.key, classes: "icon brand-icon"))<span>Keyward</span></a>
            <nav class="mainnav" aria-label="Main">\(configuration)</nav>
            <details class="dropdown account" data-dropdown>
            <summary class="nav-button">\(icon(.user))<span class="account-name">\(viewer.admin.fullName)</span>\(icon(.chevronDown, classes: "icon caret"))</summary>
            <div class="dropdown-panel dropdown-end">
            <p class="menu-meta">Signed in as <strong>\(viewer.admin.username)</strong><br>\(viewer.groupName)</p>
            <a class="menu-item" href="\(paths.path("/account"))">\(icon(.lock))<span>Change Password</span></a>
            <form method="post" action="\(paths.signOut)">
            <input type="hidden" name="csrf_token" value="\(viewer.csrfToken)">
            <button type="submit" class="menu-item">\(icon(.logout))<span>Sign Out</span></button>
            </form>
            </div>
            </details>
            </div>
            </header>
            """
    }

    private func header(_ page: Page) -> HTML {
        let actions: HTML = page.actions.isEmpty ? .empty : "<div class=\"page-actions\">\(page.actions)</div>"
        return "<div class=\"page-header\"><h1>\(page.title)</h1>\(actions)</div>"
    }

    private var footer: HTML {
        "<footer class=\"footer\"><p>Keyward \(version) · API Authentication Credentials</p></footer>"
    }

    /// The confirmation dialog and the dialog that shows server-rendered fragments; the script
    /// fills them in. Without the script, links lead to equivalent pages instead.
    private func sharedDialogs(csrfToken: String) -> HTML {
        """
        <dialog id="confirm-dialog" class="modal modal-sm" aria-labelledby="confirm-title" aria-describedby="confirm-message">
        <form method="post" class="modal-content" id="confirm-form">
        <input type="hidden" name="csrf_token" value="\(csrfToken)">
        <div class="modal-header"><h2 id="confirm-title">Are you sure?</h2>
        <button type="button" class="modal-close" data-close aria-label="Close">\(icon(.close))</button></div>
        <div class="modal-body"><p id="confirm-message"></p></div>
        <div class="modal-footer">
        <button type="button" class="btn btn-default" data-close>Cancel</button>
        <button type="submit" class="btn btn-danger" id="confirm-submit">Confirm</button>
        </div>
        </form>
        </dialog>
        <dialog id="fragment-dialog" class="modal" aria-labelledby="fragment-title">
        <div class="modal-content">
        <div class="modal-header"><h2 id="fragment-title"></h2>
        <button type="button" class="modal-close" data-close aria-label="Close">\(icon(.close))</button></div>
        <div class="modal-body" id="fragment-body"></div>
        </div>
        </dialog>
        """
    }
}
