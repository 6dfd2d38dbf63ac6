import FoundationEssentials
import KeywardCore

/// Everything an action handler may use: the caller, the parameters and the services.
public struct APICall: Sendable {
    /// The lower-cased action name.
    public var action: String
    /// The merged request parameters.
    public var parameters: APIParameters
    /// Who the request acts as.
    public var principal: Principal
    /// The client's IP address, as text.
    public var clientIP: String
    /// The in-memory index (admins, groups, roles as of now).
    public var index: AuthIndex
    /// Domain operations, for actions that change things.
    public var management: Management
    /// When the request arrived.
    public var time: Date
    /// Keyward's version.
    public var version: String

    /// The audit context for changes made by this call: the credential (or legacy admin) as actor,
    /// bounded by its admin's permissions.
    public var auditContext: AuditContext {
        AuditContext(actor: principal.auditActor, clientIP: clientIP, actingAdminID: principal.adminID)
    }
}
