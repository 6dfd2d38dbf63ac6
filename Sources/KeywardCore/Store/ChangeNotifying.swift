/// A store that can push change-feed activity instead of waiting to be polled (PostgreSQL's
/// `LISTEN`/`NOTIFY`).
///
/// Servers subscribe once; the handler runs on the store's own thread and must return quickly
/// (it normally just schedules a catch-up).
public protocol ChangeNotifying: Sendable {
    /// Registers a handler for change-feed activity.
    func observeChanges(_ handler: @escaping @Sendable (ChangeNotification) -> Void)
}

/// What a ``ChangeNotifying`` store reports.
public enum ChangeNotification: Sendable, Hashable {
    /// New change-feed entries were committed (by any node): catch up.
    case changed
    /// Notifications may have been missed (the listening connection was lost and is back):
    /// reload everything.
    case resync
}
