import KeywardHTTP

/// One page of the admin area, before the layout wraps it: title, place in the menu, breadcrumbs,
/// header buttons, an optional notice and the content.
struct Page: Sendable {
    /// A link of the breadcrumb trail; the last one is the current page and has no link.
    struct Breadcrumb: Sendable, Hashable {
        /// The text.
        var label: String
        /// The target, or `nil` for a plain label.
        var href: String?

        /// Creates a breadcrumb.
        init(_ label: String, href: String? = nil) {
            self.label = label
            self.href = href
        }
    }

    /// The `<h1>` and the document title.
    var title: String
    /// The Configuration menu entry the page belongs to, highlighted in the menu.
    var section: AdminSection?
    /// The trail after "Dashboard", current page last.
    var breadcrumbs: [Breadcrumb]
    /// Buttons beside the title.
    var actions: HTML
    /// A message above the content.
    var notice: Notice?
    /// The content.
    var content: HTML
    /// The status to answer with.
    var status: HTTPStatus

    /// Creates a page.
    init(
        title: String,
        section: AdminSection? = nil,
        breadcrumbs: [Breadcrumb] = [],
        actions: HTML = .empty,
        notice: Notice? = nil,
        content: HTML,
        status: HTTPStatus = .ok
    ) {
        self.title = title
        self.section = section
        self.breadcrumbs = breadcrumbs
        self.actions = actions
        self.notice = notice
        self.content = content
        self.status = status
    }

    /// The usual trail of a Configuration page: Configuration › group › page, then `extra`.
    static func trail(_ section: AdminSection, paths: AdminPaths, extra: [Breadcrumb] = []) -> [Breadcrumb] {
        let top = section == .activity ? "Utilities" : "Configuration"
        var crumbs = [Breadcrumb(top)]
        if section.menuGroup != .utilities { crumbs.append(Breadcrumb(section.menuGroup.rawValue)) }
        crumbs.append(Breadcrumb(section.title, href: extra.isEmpty ? nil : paths.path(section.path)))
        return crumbs + extra
    }
}
