/// One entry of the change feed: "this entity changed", in commit order.
///
/// Every management transaction appends changes; servers follow the feed to keep their in-memory
/// authentication index current (on this node right after the commit, on other processes and
/// nodes by polling or `LISTEN`/`NOTIFY`).
public struct Change: Hashable, Sendable {
    /// What kind of entity changed.
    public enum Entity: String, Hashable, Sendable, CaseIterable {
        case credential, admin, role, group, settings
        /// Everything may have changed (a data import): reload all.
        case all
    }

    /// The feed position. Positions grow in commit order.
    public var seq: Int64
    /// What changed.
    public var entity: Entity
    /// The id of the changed entity (0 for `settings` and `all`).
    public var entityID: Int64

    /// Creates a change.
    public init(seq: Int64, entity: Entity, entityID: Int64) {
        self.seq = seq
        self.entity = entity
        self.entityID = entityID
    }
}
