import KeywardCore
import KeywardHTTP

/// The Activity Log page: audit events, newest first, searchable and paged on the server.
struct ActivityController: Sendable {
    let env: AdminEnvironment

    /// Events per page.
    static let pageSize = 50

    func register(on routes: inout AdminRoutes) {
        routes.get("/activity", AdminSection.activity.permission) { request in try show(request) }
    }

    private func show(_ request: AdminRequest) throws -> Response {
        let search = String((request.query["search"] ?? "").trimmed.prefix(200))
        var page = request.query["page"].flatMap(Int.init).map { min(max(1, $0), 1_000_000) } ?? 1
        var result = try env.management.auditEvents(
            matching: AuditQuery(search: search, offset: (page - 1) * Self.pageSize, limit: Self.pageSize),
            context: request.context
        )
        let pageCount = max(1, (result.matching + Self.pageSize - 1) / Self.pageSize)
        if result.events.isEmpty, page > pageCount {
            page = pageCount
            result = try env.management.auditEvents(
                matching: AuditQuery(search: search, offset: (page - 1) * Self.pageSize, limit: Self.pageSize),
                context: request.context
            )
        }
        let view = ActivityView(env: env)
        return env.respond(view.page(result, search: search, page: page, pageCount: pageCount), to: request)
    }
}
