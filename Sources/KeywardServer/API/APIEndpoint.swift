import FoundationEssentials
import KeywardCore
import KeywardSupport

/// `/includes/api.php`: the WHMCS API protocol, exactly as `whmcs-api-protocol.md` describes.
///
/// Checks run in WHMCS's order: ban, IP allowlist (skipped when `accesskey` matches), rate limit,
/// authentication, empty action, unknown action, role permission, then the action. The common
/// path (an identifier + secret and an action that only reads memory) does no disk I/O and no slow
/// hashing, and answers on the calling thread.
public final class APIEndpoint: Sendable {
    /// The services the endpoint uses.
    public struct Services: Sendable {
        /// The in-memory authentication index.
        public var index: AuthIndex
        /// Domain operations (for management actions and legacy rehash).
        public var management: Management
        /// The actions.
        public var registry: ActionRegistry
        /// Keyward's version.
        public var version: String
        /// Failed-authentication bans.
        public var bans: BanList
        /// Per-IP rate limits.
        public var limiter: RateLimiter
        /// Coalesced last-access records.
        public var lastAccess: LastAccessRecorder
        /// Verified legacy logins and their use counts.
        public var legacyLogins: LegacyLoginCache
        /// Diagnostics (never a secret).
        public var logger: Logger

        /// Bundles the services.
        public init(
            index: AuthIndex,
            management: Management,
            registry: ActionRegistry,
            version: String,
            bans: BanList = BanList(),
            limiter: RateLimiter = RateLimiter(),
            lastAccess: LastAccessRecorder = LastAccessRecorder(),
            legacyLogins: LegacyLoginCache,
            logger: Logger
        ) {
            self.index = index
            self.management = management
            self.registry = registry
            self.version = version
            self.bans = bans
            self.limiter = limiter
            self.lastAccess = lastAccess
            self.legacyLogins = legacyLogins
            self.logger = logger
        }
    }

    /// The services.
    public let services: Services
    private let encoder: APIEncoder
    private let cache = ResponseCache()

    /// Creates the endpoint.
    public init(services: Services) {
        self.services = services
        self.encoder = APIEncoder(version: services.version)
    }

    /// Handles one API request with its merged parameters and the client's address.
    public func handle(_ parameters: APIParameters, client: IPAddress) -> APIOutcome {
        let index = services.index
        let now = services.management.clock.now()
        let seconds = now.timeIntervalSince1970
        let format = ResponseFormat(responseType: parameters["responsetype"])
        let action = parameters["action"]?.lowercased() ?? ""

        if services.bans.banRemaining(client, now: seconds) != nil {
            return .now(error(403, "IP Banned", action, format))
        }
        let settings = index.settings
        if !index.isAllowlisted(client) {
            guard let key = parameters["accesskey"], index.accessKeyMatches(key) else {
                // A wrong access key is a guess at a secret: it counts towards the IP's ban.
                if parameters["accesskey"] != nil { recordFailure(client, settings) }
                return .now(error(403, "Invalid IP \(client)", action, format))
            }
        }
        if let wait = services.limiter.acquire(
            client,
            now: seconds,
            rate: settings.rateLimitPerSecond,
            burst: settings.rateLimitBurst
        ) {
            var response = error(429, "Too Many Requests", action, format)
            response.retryAfter = wait
            return .now(response)
        }

        let actionKey: String? = action.isEmpty ? nil : action
        if let identifier = parameters["identifier"], let secret = parameters["secret"] {
            let check = index.check(identifier: identifier, presented: .secret(Substring(secret)), action: actionKey)
            return authorized(check, parameters, action, format, client, now)
        }
        guard let username = parameters["username"], let password = parameters["password"] else {
            return .now(authenticationFailed(client, action, format, settings))
        }
        if index.isCredentialIdentifier(username) {
            let presented: AuthIndex.Presented =
                Self.isMD5Hex(password) ? .md5Hex(Substring(password)) : .secret(Substring(password))
            let check = index.check(identifier: username, presented: presented, action: actionKey)
            return authorized(check, parameters, action, format, client, now)
        }
        return legacyLogin(username: username, md5Hex: password, parameters, action, format, client, now, settings)
    }

    // MARK: Steps after authentication

    private func authorized(
        _ check: AuthIndex.Check,
        _ parameters: APIParameters,
        _ action: String,
        _ format: ResponseFormat,
        _ client: IPAddress,
        _ now: Date
    ) -> APIOutcome {
        guard let principal = check.principal else {
            return .now(authenticationFailed(client, action, format, services.index.settings))
        }
        if let credentialID = principal.credentialID {
            services.lastAccess.record(credentialID: credentialID, time: now, address: client)
        }
        guard !action.isEmpty else { return .now(error(400, "Empty action request", action, format)) }
        guard let handler = services.registry.action(forKey: action) else {
            return .now(error(400, "Invalid API Action: \"\(action)\" is not a valid API action", action, format))
        }
        guard check.allowed || principal.isLegacyLogin else {
            return .now(error(403, "Invalid Permissions: API action \"\(action)\" is not allowed", action, format))
        }
        let call = APICall(
            action: action,
            parameters: parameters,
            principal: principal,
            clientIP: client.description,
            index: services.index,
            management: services.management,
            time: now,
            version: services.version
        )
        if handler.isCacheable {
            let key = ResponseCache.Key(action: action, adminID: principal.adminID, format: format)
            let second = Int64(now.timeIntervalSince1970.rounded(.down))
            if let body = cache.lookup(key, second: second, generation: check.generation) {
                return .now(APIResponse(status: 200, contentType: format.contentType, body: body))
            }
            let response = answer(handler.run(call), action, format)
            cache.store(response.body, for: key, second: second, generation: check.generation)
            return .now(response)
        }
        guard handler.isSlow else { return .now(answer(handler.run(call), action, format)) }
        return .later { [self] in
            // The request may have waited for a worker: the credential must still be valid now.
            if let credentialID = principal.credentialID,
                !services.index.stillAllows(credentialID: credentialID, action: action)
            {
                return error(403, "Authentication Failed", action, format)
            }
            return answer(handler.run(call), action, format)
        }
    }

    /// A deprecated admin `username` + MD5(password) login. Argon2id runs off the HTTP thread, once
    /// per pair and password hash; later requests hit the cache.
    private func legacyLogin(
        username: String,
        md5Hex: String,
        _ parameters: APIParameters,
        _ action: String,
        _ format: ResponseFormat,
        _ client: IPAddress,
        _ now: Date,
        _ settings: SecuritySettings
    ) -> APIOutcome {
        let index = services.index
        guard settings.legacyLoginEnabled, Self.isMD5Hex(md5Hex) else {
            return .now(authenticationFailed(client, action, format, settings))
        }
        let seconds = now.timeIntervalSince1970
        if let adminID = services.legacyLogins.lookup(
            username: username,
            md5Hex: md5Hex,
            now: seconds,
            isCurrent: index.isLegacyLoginCurrent
        ), let admin = index.admin(id: adminID) {
            services.legacyLogins.countUse(adminID: adminID, username: admin.username, ip: client.description)
            return authorized(legacyCheck(adminID, admin.username), parameters, action, format, client, now)
        }
        let candidate = index.legacyLoginCandidate(username: username)
        return .later { [self] in
            // Failures of earlier queued guesses may have banned the IP meanwhile: no Argon2 for it.
            if services.bans.banRemaining(client, now: services.management.clock.now().timeIntervalSince1970) != nil {
                return error(403, "IP Banned", action, format)
            }
            let passwords = services.management.passwords
            guard let candidate, passwords.verify(md5Hex: md5Hex, against: candidate.passwordHash),
                services.index.isLegacyLoginCurrent(adminID: candidate.id, passwordHash: candidate.passwordHash)
            else {
                if candidate == nil { _ = passwords.verify(md5Hex: md5Hex, against: Self.decoy(passwords)) }
                return authenticationFailed(client, action, format, settings)
            }
            services.legacyLogins.remember(
                username: username,
                md5Hex: md5Hex,
                adminID: candidate.id,
                passwordHash: candidate.passwordHash,
                now: seconds
            )
            services.legacyLogins.countUse(adminID: candidate.id, username: candidate.username, ip: client.description)
            do {
                try services.management.rehashIfNeeded(
                    adminID: candidate.id,
                    md5Hex: md5Hex,
                    currentHash: candidate.passwordHash
                )
            } catch {
                services.logger.warning("legacy login rehash failed", metadata: ["error": "\(error)"])
            }
            return authorized(
                legacyCheck(candidate.id, candidate.username), parameters, action, format, client, now
            )
            .resolve()
        }
    }

    /// Legacy logins are not limited by API roles, only by the admin's permissions (`API Access`
    /// was checked by the index).
    private func legacyCheck(_ adminID: Int64, _ username: String) -> AuthIndex.Check {
        AuthIndex.Check(
            principal: Principal(credentialID: nil, identifier: nil, adminID: adminID, adminUsername: username),
            allowed: true,
            generation: services.index.generation
        )
    }

    // MARK: Answers

    private func authenticationFailed(
        _ client: IPAddress,
        _ action: String,
        _ format: ResponseFormat,
        _ settings: SecuritySettings
    ) -> APIResponse {
        recordFailure(client, settings)
        return error(403, "Authentication Failed", action, format)
    }

    /// Counts a failed authentication (or access-key guess) towards the client's ban.
    private func recordFailure(_ client: IPAddress, _ settings: SecuritySettings) {
        guard !services.index.isBanExempt(client) else { return }
        let now = services.management.clock.now().timeIntervalSince1970
        if services.bans.recordFailure(
            client,
            now: now,
            threshold: settings.apiBanThreshold,
            seconds: Double(settings.banSeconds)
        ) {
            services.logger.warning("API client banned", metadata: ["ip": client.description])
        }
    }

    private func answer(_ result: APIResult, _ action: String, _ format: ResponseFormat) -> APIResponse {
        APIResponse(
            status: 200, contentType: format.contentType, body: encoder.encode(result, action: action, format: format))
    }

    private func error(_ status: Int, _ message: String, _ action: String, _ format: ResponseFormat) -> APIResponse {
        APIResponse(
            status: status,
            contentType: format.contentType,
            body: encoder.encode(.error(message), action: action, format: format)
        )
    }

    /// Whether text is 32 hexadecimal digits (an MD5).
    static func isMD5Hex(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { $0.isHexDigit }
    }

    private static let decoyHash = DecoyPasswordHash()

    static func decoy(_ passwords: any PasswordHasher) -> String { decoyHash.hash(using: passwords) }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
