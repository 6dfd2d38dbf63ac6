import FoundationEssentials
import KeywardCore
import KeywardCrypto
import KeywardHTTP
import KeywardServer
import KeywardTestSupport

/// A complete admin area over a fresh in-memory store, driven in-process through the router: no
/// sockets. Deferred handlers run on the calling thread.
final class AdminHarness: Sendable {
    let clock: ManualClock
    let store: any Store
    let management: Management
    let index: AuthIndex
    let bans: BanList
    let router: Router
    let hasher: BLAKE2bSecretHasher

    /// The first admin's password.
    static let password = "correct horse battery"

    /// A store with the action catalog, one Full Administrator `admin` and an index that follows
    /// every commit.
    init(configuration: AdminArea.Configuration = AdminArea.Configuration(version: "test")) throws {
        let clock = ManualClock()
        let store = try TestStores.sqlite(clock: clock)
        let hasher = BLAKE2bSecretHasher(key: ServerKey.generate())
        let index = AuthIndex(hasher: hasher)
        let management = Management(
            store: store,
            clock: clock,
            passwords: Argon2idPasswordHasher(cost: .minimal),
            secrets: hasher,
            generator: RandomCredentialGenerator(),
            afterCommit: { try? index.catchUp(from: store) }
        )
        try management.registerActions(ActionRegistry.builtIn.catalog)
        try management.createAdmin(
            AdminInput(username: "admin", firstName: "Ada", lastName: "Lovelace", email: "ada@example.com"),
            password: Self.password,
            context: .system
        )
        try index.catchUp(from: store)
        let bans = BanList()
        let area = AdminArea(
            services: AdminArea.Services(
                management: management,
                index: index,
                bans: bans,
                logger: .init(label: "admin-test", level: .critical)
            ),
            configuration: configuration
        )
        var router = Router()
        area.register(on: &router)
        self.clock = clock
        self.store = store
        self.management = management
        self.index = index
        self.bans = bans
        self.router = router
        self.hasher = hasher
    }

    /// Answers a request, running deferred work here.
    func respond(_ request: Request) -> Response { router.respond(to: request).resolve() }

    /// A new browser with an empty cookie jar.
    func browser(ip: String = "127.0.0.1") -> Browser { Browser(harness: self, ip: ip) }

    /// Creates an admin in a new group with exactly `permissions`.
    @discardableResult
    func admin(_ username: String, permissions: Set<Permission>) throws -> Admin {
        let group = try management.createGroup(name: "\(username) group", permissions: permissions, context: .system)
        return try management.createAdmin(
            AdminInput(
                username: username, firstName: "Test", lastName: username.capitalized, email: "", groupID: group.id),
            password: Self.password,
            context: .system
        )
    }

    /// A role that allows `GetAdminDetails`.
    @discardableResult
    func role(_ name: String = "Read Admin", actions: [String] = ["GetAdminDetails"]) throws -> APIRole {
        try management.createRole(name: name, actions: actions, context: .system)
    }

    /// How many credentials exist.
    func credentialCount() throws -> Int { try management.credentials(matching: CredentialQuery(limit: 0)).total }
}

/// A cookie jar and helpers to fill in forms, like a browser without JavaScript (or with it, when
/// a test sends the script's headers).
struct Browser {
    let harness: AdminHarness
    let ip: String
    var cookies: [String: String] = [:]
    /// Extra headers for every request (a trusted proxy's, for example).
    var headers: [(String, String)] = []

    init(harness: AdminHarness, ip: String) {
        self.harness = harness
        self.ip = ip
    }

    mutating func send(
        _ method: HTTPMethod,
        _ target: String,
        form: [(String, String)] = [],
        headers extra: [(String, String)] = [],
        trustedProxy: Bool = false
    ) -> Response {
        var fields = headers + extra
        if !cookies.isEmpty {
            fields.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")))
        }
        var body: [UInt8] = []
        if method == .post {
            fields.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Array(form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&").utf8)
        }
        guard
            let request = Request(
                method: method,
                target: target,
                headers: HTTPHeaders(fields),
                body: body,
                peerAddress: .init(ip)!,
                trustedProxies: trustedProxy ? [.init(ip)!] : []
            )
        else { fatalError("bad target \(target)") }
        let response = harness.respond(request)
        for value in response.headers.values(for: "Set-Cookie") {
            let pair = value.split(separator: ";")[0]
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let cookieValue = String(pair[pair.index(after: equals)...])
            if value.contains("Max-Age=0") || cookieValue.isEmpty {
                cookies[name] = nil
            } else {
                cookies[name] = cookieValue
            }
        }
        return response
    }

    mutating func get(_ target: String, headers: [(String, String)] = []) -> Response {
        send(.get, target, headers: headers)
    }

    mutating func post(_ target: String, _ form: [(String, String)], headers: [(String, String)] = []) -> Response {
        send(.post, target, form: form, headers: headers)
    }

    /// Opens the sign-in page and submits it.
    @discardableResult
    mutating func signIn(
        _ username: String = "admin", password: String = AdminHarness.password, returnTo: String? = nil
    )
        -> Response
    {
        let page = get("/admin/login")
        let token = Self.hiddenField("csrf_token", in: page.text) ?? ""
        var form = [("csrf_token", token), ("username", username), ("password", password)]
        if let returnTo { form.append(("return", returnTo)) }
        return post("/admin/login", form)
    }

    /// The CSRF token of the signed-in session, read from a page like the script does.
    mutating func csrfToken() -> String {
        let page = get("/admin/")
        return Self.meta("csrf-token", in: page.text) ?? ""
    }

    /// The value of a `<meta name=…>`.
    static func meta(_ name: String, in html: String) -> String? {
        let marker = "<meta name=\"\(name)\" content=\""
        guard let start = html.range(of: marker) else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    /// The value of the first hidden input with this name.
    static func hiddenField(_ name: String, in html: String) -> String? {
        let marker = "name=\"\(name)\" value=\""
        guard let start = html.range(of: marker) else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension Response {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The `Location` header.
    var location: String? { headers["Location"] }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
