import FoundationEssentials

/// One entry of the activity log. Every management change writes one in the same transaction.
///
/// Details never hold a secret or a password hash.
public struct AuditEvent: Hashable, Sendable, Codable, Identifiable {
    /// The database id; `0` before the event is stored.
    public var id: Int64
    /// When it happened.
    public var time: Date
    /// Who did it.
    public var actor: AuditActor
    /// What happened, as a dotted name such as `credential.generated`.
    public var event: String
    /// The kind of thing changed (`admin`, `credential`, `role`, `group`, `settings`).
    public var targetType: String
    /// The changed thing's id, as text; empty when not applicable.
    public var targetID: String
    /// A readable name for the target (username, identifier, role name).
    public var targetLabel: String
    /// The client IP of the request, when it came over the network.
    public var clientIP: String?
    /// Extra facts, such as the new description or role names. Never a secret.
    public var details: [String: String]

    /// Creates an event.
    public init(
        id: Int64 = 0,
        time: Date,
        actor: AuditActor,
        event: String,
        targetType: String,
        targetID: String = "",
        targetLabel: String = "",
        clientIP: String? = nil,
        details: [String: String] = [:]
    ) {
        self.id = id
        self.time = time
        self.actor = actor
        self.event = event
        self.targetType = targetType
        self.targetID = targetID
        self.targetLabel = targetLabel
        self.clientIP = clientIP
        self.details = details
    }
}

/// Search and paging over the activity log, newest first.
public struct AuditQuery: Hashable, Sendable {
    /// Case-insensitive text matched against event, actor, target and IP; empty matches all.
    public var search: String
    /// Rows to skip.
    public var offset: Int
    /// Rows to return at most.
    public var limit: Int

    /// Creates a query.
    public init(search: String = "", offset: Int = 0, limit: Int = 50) {
        self.search = search
        self.offset = max(0, offset)
        self.limit = max(0, limit)
    }
}

/// A page of the activity log.
public struct AuditPage: Hashable, Sendable {
    /// The events, newest first.
    public var events: [AuditEvent]
    /// How many events match the search.
    public var matching: Int

    /// Creates a page.
    public init(events: [AuditEvent], matching: Int) {
        self.events = events
        self.matching = matching
    }
}
