import KeywardHTTP
import KeywardSupport

/// Starts a server on an ephemeral loopback port for one test and stops it afterwards.
struct TestServer {
    let server: HTTPServer
    let port: UInt16
    let address: IPAddress

    /// Starts `router` with a test configuration (2 threads, access log into `log` if given).
    init(
        router: Router,
        address: IPAddress = .loopbackV4,
        log: InMemoryLogHandler? = nil,
        configure: (inout HTTPServer.Configuration) -> Void = { _ in }
    ) throws {
        var configuration = HTTPServer.Configuration(address: address, port: 0)
        configuration.threadPoolSize = 2
        let handler = log ?? InMemoryLogHandler()
        configuration.logger = Logger(label: "http", handler: handler)
        configuration.accessLogger = Logger(label: "access", handler: handler)
        configure(&configuration)
        server = HTTPServer(configuration: configuration, router: router)
        try server.start()
        port = server.port ?? 0
        self.address = address
    }

    /// A new connection to the server.
    func client(timeout: Duration = .seconds(5)) throws -> RawHTTPClient {
        try RawHTTPClient(address: address, port: port, timeout: timeout)
    }

    /// Stops the server.
    func stop() {
        server.shutdown(timeout: .seconds(2))
    }
}
