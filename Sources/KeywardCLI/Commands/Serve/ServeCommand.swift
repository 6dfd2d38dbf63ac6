import FoundationEssentials
import KeywardCore
import KeywardHTTP
import KeywardServer
import KeywardSupport

/// `keyward serve`: the HTTP server with the WHMCS API endpoint and the admin area.
struct ServeCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "serve",
        summary: "Serve the WHMCS-compatible API (/includes/api.php) and the admin area (/admin).",
        discussion: """
            On first start with an empty database it creates the first admin, "admin" in the Full \
            Administrator group, with the password from KEYWARD_ADMIN_PASSWORD or a random one printed \
            once. SIGTERM or SIGINT stops accepting connections, finishes requests in flight, writes \
            pending last-access records and exits 0.
            """,
        options: [
            .value(
                "listen", "address", help: "Address and port to listen on (IPv6 as [::1]:8080; port 0 picks one).",
                environment: "KEYWARD_LISTEN", default: "127.0.0.1:8080"),
            .value(
                "api-prefix", "path", help: "A path prefix in front of /includes/api.php, such as /billing.",
                environment: "KEYWARD_API_PREFIX"),
            .list(
                "trusted-proxy", "cidr",
                help: "A proxy whose X-Forwarded-For/-Proto are believed (repeat or comma-separate)."),
            .value(
                "threads", "count", help: "HTTP worker threads (epoll, one loop each).",
                environment: "KEYWARD_THREADS", default: "CPU count, at least 2"),
            .value("max-body", "bytes", help: "Largest request body.", default: "1048576"),
            .value("max-header", "bytes", help: "Largest request head.", default: "16384"),
            .value("max-connections", "count", help: "Open connections in all.", default: "4096"),
            .value(
                "max-connections-per-ip", "count", help: "Open connections per client IP (0: no limit).", default: "0"),
            .value("idle-timeout", "seconds", help: "Close a connection idle this long.", default: "30"),
            .flag("secure-cookies", help: "Mark admin-area cookies Secure even without a trusted TLS proxy."),
            .flag("no-access-log", help: "Do not write one access-log line per request."),
        ]
    )

    let listen: ListenAddress
    let apiPrefix: String
    let trustedProxies: [IPNetwork]
    let threads: Int?
    let maxBody: Int?
    let maxHeader: Int?
    let maxConnections: Int?
    let maxConnectionsPerIP: Int?
    let idleTimeout: Int?
    let secureCookies: Bool
    let accessLog: Bool

    init(arguments: ParsedArguments) throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            listen = try ListenAddress(
                parsing: arguments.value("listen") ?? environment["KEYWARD_LISTEN"] ?? "127.0.0.1:8080")
        } catch let error as KeywardError {
            throw UsageError("--listen: \(error.message)")
        }
        apiPrefix = arguments.value("api-prefix") ?? environment["KEYWARD_API_PREFIX"] ?? ""
        var proxies: [IPNetwork] = []
        let proxyTexts =
            arguments.values("trusted-proxy")
            + (environment["KEYWARD_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmed }
        for text in proxyTexts where !text.isEmpty {
            guard let network = IPNetwork(text) else {
                throw UsageError("--trusted-proxy: \"\(text)\" is not an IP or CIDR")
            }
            proxies.append(network)
        }
        trustedProxies = proxies
        if let text = environment["KEYWARD_THREADS"], arguments.value("threads") == nil {
            guard let value = Int(text), (1...256).contains(value) else {
                throw UsageError("KEYWARD_THREADS must be 1 to 256")
            }
            threads = value
        } else {
            threads = try arguments.integer("threads", in: 1...256)
        }
        maxBody = try arguments.integer("max-body", in: 1...(1 << 30))
        maxHeader = try arguments.integer("max-header", in: 1024...(1 << 20))
        maxConnections = try arguments.integer("max-connections", in: 1...1_000_000)
        maxConnectionsPerIP = try arguments.integer("max-connections-per-ip", in: 0...1_000_000)
        idleTimeout = try arguments.integer("idle-timeout", in: 1...86_400)
        secureCookies = arguments.flag("secure-cookies")
        accessLog = !arguments.flag("no-access-log") && environment["KEYWARD_ACCESS_LOG"] != "off"
    }

    func run(in context: CommandContext) throws {
        let keyward = try context.keyward()
        let management = keyward.management
        let logger = Logger(label: "keyward")
        let firstAdmin = try createFirstAdmin(management)

        var http = HTTPServer.Configuration(address: listen.address, port: listen.port)
        if let threads { http.threadPoolSize = threads }
        if let maxBody { http.maxBodyBytes = maxBody }
        if let maxHeader { http.maxHeaderBytes = maxHeader }
        if let maxConnections { http.maxConnections = maxConnections }
        if let maxConnectionsPerIP { http.maxConnectionsPerIP = maxConnectionsPerIP }
        if let idleTimeout { http.idleTimeout = .seconds(idleTimeout) }
        http.trustedProxies = trustedProxies
        http.logger = Logger(label: "http")
        http.accessLogger = accessLog ? Logger(label: "access") : nil

        let index = AuthIndex(hasher: management.secrets)
        let app = try KeywardApp(
            management: management,
            index: index,
            configuration: KeywardApp.Configuration(apiPathPrefix: apiPrefix, formParser: http.formParser),
            logger: logger,
            routes: { router, endpoint in
                AdminWiring.register(
                    on: &router,
                    endpoint: endpoint,
                    secureCookies: secureCookies,
                    apiPath: KeywardApp.Configuration(apiPathPrefix: apiPrefix).apiPath,
                    logger: logger
                )
            }
        )
        let server = HTTPServer(configuration: http, router: app.router)
        do {
            try server.start()
        } catch {
            throw KeywardError(.unavailable, "Cannot listen on \(listen): \(error.message)")
        }
        app.start()
        let base = listen.url(port: server.port ?? listen.port)
        context.print("Keyward \(Keyward.version) listening on \(base)")
        context.print("  WHMCS API:  \(base)\(app.configuration.apiPath)")
        context.print("  Admin area: \(base)/admin")
        context.print("  Database:   \(keyward.store.displayName) (\(index.credentialCount) credentials)")
        switch firstAdmin {
        case .existing:
            break
        case .fromEnvironment:
            context.print("First start: created the admin \"admin\" with the password from KEYWARD_ADMIN_PASSWORD.")
            context.print("Sign in at \(base)/admin")
        case .generated(let password):
            context.print(
                """

                First start: created the admin "admin" (Full Administrator).
                  Password: \(password)
                This password is shown only now. Sign in at \(base)/admin as "admin" and change it
                under Administrators, or with: keyward admin set-password admin
                """
            )
        }

        let signal = SignalWaiter.waitForTermination()
        logger.info("shutting down", metadata: ["signal": signal.description])
        let drained = server.shutdown(timeout: .seconds(10))
        app.stop()
        keyward.close()
        if !drained { logger.warning("some requests were still running after 10 seconds") }
    }

    /// What first start did about the first admin.
    enum FirstAdmin {
        case existing
        case fromEnvironment
        case generated(String)
    }

    /// Creates `admin` on an empty database, with KEYWARD_ADMIN_PASSWORD or a random password.
    private func createFirstAdmin(_ management: Management) throws -> FirstAdmin {
        guard try management.admins().isEmpty else { return .existing }
        let provided = ProcessInfo.processInfo.environment["KEYWARD_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let password = provided ?? Self.randomPassword(management.generator)
        do {
            try management.createAdmin(
                AdminInput(username: "admin", firstName: "Keyward", lastName: "Administrator", email: ""),
                password: password,
                context: .system
            )
        } catch let error as KeywardError where error.code == .conflict {
            return .existing  // Another node created it first.
        }
        return provided == nil ? .generated(password) : .fromEnvironment
    }

    /// 20 characters from the CSPRNG in groups of five, without look-alike characters, so a person
    /// can type it.
    static func randomPassword(_ generator: any CredentialGenerator) -> String {
        let alphabet = Set("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var characters: [Character] = []
        while characters.count < 20 {
            // Each token character is uniform over base64url; keeping a subset stays uniform over it.
            characters += generator.newToken().filter(alphabet.contains)
        }
        return stride(from: 0, to: 20, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }
}
