import Glibc
import KeywardHTTP
import KeywardSupport

/// A failure of the test client.
struct RawClientError: Error, CustomStringConvertible {
    let description: String
}

/// A response read off the wire.
struct RawResponse {
    /// The status code.
    var status: Int
    /// The header fields.
    var headers: HTTPHeaders
    /// The body.
    var body: [UInt8]

    /// The body as UTF-8 text.
    var text: String {
        String(decoding: body, as: UTF8.self)
    }
}

/// A tiny blocking HTTP/1.1 client on a raw socket, able to send anything, malformed bytes included.
final class RawHTTPClient {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to `address`:`port`, with a receive timeout.
    init(address: IPAddress = .loopbackV4, port: UInt16, timeout: Duration = .seconds(5)) throws {
        let family = address.family == .v4 ? AF_INET : AF_INET6
        descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawClientError(description: "socket() failed: \(errno)") }
        var seconds = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        let bytes = address.bytes
        if address.family == .v4 {
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = port.bigEndian
            withUnsafeMutableBytes(of: &socketAddress.sin_addr) { $0.copyBytes(from: bytes) }
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } else {
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &socketAddress.sin6_addr) { $0.copyBytes(from: bytes) }
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        guard result == 0 else {
            let error = errno
            close(descriptor)
            throw RawClientError(description: "connect() failed: errno \(error)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends raw bytes.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw RawClientError(description: "send() failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Sends text.
    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends a request built from parts, with `Host` and `Content-Length` added.
    func sendRequest(
        _ method: String,
        _ target: String,
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) throws {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try send(Array(head.utf8) + body)
    }

    /// Sends a request and reads its response.
    func request(
        _ method: String,
        _ target: String,
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) throws -> RawResponse {
        try sendRequest(method, target, headers: headers, body: body)
        return try readResponse(isHead: method == "HEAD")
    }

    /// Reads one response.
    func readResponse(isHead: Bool = false) throws -> RawResponse {
        let headEnd = try fill(until: { buffer in Self.find([13, 10, 13, 10], in: buffer) })
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw RawClientError(description: "bad status line: \(head)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(
                name: String(line[..<colon]),
                value: String(line[line.index(after: colon)...].drop { $0 == " " })
            )
        }
        var body: [UInt8] = []
        if isHead || status == 204 || status == 304 {
            body = []
        } else if let length = headers["Content-Length"].flatMap({ Int($0) }) {
            _ = try fill(until: { $0.count >= length ? length : nil })
            body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else {
            body = readUntilClosed()
        }
        return RawResponse(status: status, headers: headers, body: body)
    }

    /// Reads until the peer closes the connection (or the timeout passes).
    func readUntilClosed() -> [UInt8] {
        var collected = buffer
        buffer = []
        while let chunk = receive(), !chunk.isEmpty { collected += chunk }
        return collected
    }

    /// Whether the peer closes the connection, discarding anything still unread (libmicrohttpd 0.9.75 writes the
    /// head of its own error responses twice, so their declared length is not to be trusted).
    func closesAfterDraining() -> Bool {
        buffer = []
        while true {
            guard let chunk = receive() else { return false }
            if chunk.isEmpty { return true }
        }
    }

    /// Whether the peer has closed the connection: a read returns end-of-file (or a reset) before the timeout.
    func isClosedByPeer() -> Bool {
        guard buffer.isEmpty else { return false }
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, 0)
        if count == 0 { return true }
        if count < 0 { return errno == ECONNRESET }
        buffer.append(byte)
        return false
    }

    /// Reads into the buffer until `condition` returns a value.
    private func fill(until condition: ([UInt8]) -> Int?) throws -> Int {
        while true {
            if let value = condition(buffer) { return value }
            guard let chunk = receive() else { throw RawClientError(description: "timed out or failed reading") }
            guard !chunk.isEmpty else {
                throw RawClientError(description: "connection closed after \(buffer.count) bytes")
            }
            buffer += chunk
        }
    }

    /// One `recv`: bytes, an empty array at end-of-file, or `nil` on error or timeout.
    private func receive() -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { return errno == ECONNRESET ? [] : nil }
        return Array(chunk[0..<count])
    }

    /// The offset of `needle` in `haystack`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
