import KeywardCore

/// The markup of the Activity Log page.
struct ActivityView: Sendable {
    let env: AdminEnvironment

    private var base: String { env.paths.path(AdminSection.activity.path) }

    /// The page: a search box, the events and the page links.
    func page(_ result: AuditPage, search: String, page: Int, pageCount: Int) -> Page {
        let rows: [HTML] =
            result.events.isEmpty
            ? [
                "<tr class=\"empty-row\"><td colspan=\"6\">\(search.isEmpty ? "No activity yet." : "No matching events found.")</td></tr>"
            ]
            : result.events.map(row)
        let first = result.matching == 0 ? 0 : (page - 1) * ActivityController.pageSize + 1
        let last = (page - 1) * ActivityController.pageSize + result.events.count
        let info =
            "Showing \(CredentialsView.number(first)) to \(CredentialsView.number(last)) of "
            + "\(CredentialsView.number(result.matching)) entries"
        let pagination = Pagination.render(current: page, count: pageCount, label: "Activity log pages") {
            env.paths.path(
                AdminSection.activity.path, query: [("search", search), ("page", $0 == 1 ? "" : String($0))])
        }
        return Page(
            title: AdminSection.activity.title,
            section: .activity,
            breadcrumbs: Page.trail(.activity, paths: env.paths),
            content: """
                <div class="panel">
                <form class="table-toolbar" method="get" action="\(base)" role="search">
                <div class="toolbar-search"><label for="activity-search" class="visually-hidden">Search the activity log</label>
                <span class="search-box">\(env.layout.icon(.search))<input id="activity-search" type="search" name="search" \
                value="\(search)" placeholder="Search events, admins, targets, IPs" maxlength="200"></span>
                <button type="submit" class="btn btn-default">Search</button></div>
                </form>
                <div class="table-wrap">
                <table class="table responsive-table activity-table">
                <caption class="visually-hidden">Activity log, newest first</caption>
                <thead><tr><th scope="col">Date</th><th scope="col">Actor</th><th scope="col">Event</th>\
                <th scope="col">Target</th><th scope="col">IP Address</th><th scope="col">Details</th></tr></thead>
                <tbody>\(rows)</tbody>
                </table>
                </div>
                <div class="table-footer">
                <p class="table-info">\(info)</p>
                \(pageCount > 1 ? pagination : .empty)
                </div>
                </div>
                """
        )
    }

    private func row(_ event: AuditEvent) -> HTML {
        let details: [HTML] = event.details.sorted { $0.key < $1.key }.map { key, value in
            "<div><dt>\(key)</dt><dd>\(value.isEmpty ? "—" : value)</dd></div>"
        }
        let detailsCell: HTML = details.isEmpty ? "<span class=\"muted\">—</span>" : "<dl class=\"kv\">\(details)</dl>"
        let target = event.targetLabel.isEmpty ? event.targetType : "\(event.targetType): \(event.targetLabel)"
        return """
            <tr>
            <td data-label="Date">\(CredentialsView.time(event.time))</td>
            <td data-label="Actor">\(event.actor.label) <span class="muted">(\(event.actor.kind.rawValue))</span></td>
            <td data-label="Event"><code>\(event.event)</code></td>
            <td data-label="Target">\(target)</td>
            <td data-label="IP Address">\(event.clientIP ?? "—")</td>
            <td data-label="Details">\(detailsCell)</td>
            </tr>
            """
    }
}
