import Foundation
import KeywardCore
import KeywardCrypto
import KeywardHTTP
import KeywardServer
import KeywardSupport
import KeywardTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// One Keyward app on an in-memory store, reachable in-process (through the router) and over a
/// real socket on 127.0.0.1, so each test runs both ways.
final class APITestServer: @unchecked Sendable {
    enum Transport: String, CaseIterable, Sendable, CustomStringConvertible {
        case inProcess, socket
        var description: String { rawValue }
    }

    let app: KeywardApp
    let server: HTTPServer
    let port: UInt16
    let identifier: String
    let secret: String

    init() throws {
        let store = try TestStores.sqlite()
        let hasher = BLAKE2bSecretHasher(key: ServerKey.generate())
        let management = Management(
            store: store,
            passwords: Argon2idPasswordHasher(cost: .minimal),
            secrets: hasher,
            generator: RandomCredentialGenerator()
        )
        try management.registerActions(ActionRegistry.builtIn.catalog)
        try management.bootstrapDefaults()
        let admin = try management.createAdmin(
            AdminInput(username: "admin", firstName: "Ada", lastName: "Admin", email: "ada@example.com"),
            password: "admin password",
            context: .system
        )
        let role = try management.createRole(
            name: "details",
            actions: ["GetAdminDetails", "WhmcsDetails"],
            context: .system
        )
        let made = try management.generateCredential(adminID: admin.id, roleIDs: [role.id], context: .system)
        identifier = made.credential.identifier
        secret = made.secret
        var quiet = Logger(label: "test", handler: InMemoryLogHandler())
        quiet.logLevel = .critical
        app = try KeywardApp(management: management, index: AuthIndex(hasher: hasher), logger: quiet)
        var configuration = HTTPServer.Configuration(address: .loopbackV4, port: 0)
        configuration.accessLogger = nil
        configuration.logger = quiet
        server = HTTPServer(configuration: configuration, router: app.router)
        try server.start()
        port = try _requireValue(server.port)
    }

    deinit { _ = server.shutdown(timeout: .seconds(2)) }

    /// Sends a urlencoded POST to /includes/api.php and returns status, content type and body.
    func post(_ form: [(String, String)], via transport: Transport) -> (status: Int, contentType: String, body: String)
    {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        switch transport {
        case .inProcess:
            let request = Request(
                method: .post,
                target: "/includes/api.php",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Array(body.utf8)
            )!
            let response = app.router.respond(to: request).resolve()
            return (
                response.status.code, response.headers["Content-Type"] ?? "",
                String(decoding: response.body, as: UTF8.self)
            )
        case .socket:
            return RawHTTP.post(port: port, path: "/includes/api.php", body: body)
        }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

/// The smallest HTTP/1.1 client: one request per connection, read to the end.
enum RawHTTP {
    static func post(port: UInt16, path: String, body: String) -> (status: Int, contentType: String, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return (0, "", "connect failed") }
        let request =
            "POST \(path) HTTP/1.1\r\nHost: test\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return (0, "", text) }
        let head = text[..<split.lowerBound].split(separator: "\r\n")
        let status = Int(head.first?.split(separator: " ")[1] ?? "0") ?? 0
        let type =
            head.first { $0.lowercased().hasPrefix("content-type:") }
            .map { String($0.dropFirst("content-type:".count)).trimmingCharacters(in: .whitespaces) } ?? ""
        return (status, type, String(text[split.upperBound...]))
    }
}

extension Optional {
    fileprivate func orThrow() throws -> Wrapped {
        guard let self else { throw KeywardError(.internal, "missing value") }
        return self
    }
}

private func _requireValue<T>(_ value: T?) throws -> T { try value.orThrow() }
