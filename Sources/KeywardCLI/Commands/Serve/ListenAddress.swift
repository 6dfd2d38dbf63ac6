import KeywardCore
import KeywardSupport

/// A `--listen` value: `127.0.0.1:8080`, `[::1]:8080`, `localhost:8080`, or a bare port.
struct ListenAddress: Hashable, Sendable, CustomStringConvertible {
    var address: IPAddress
    var port: UInt16

    init(parsing text: String) throws {
        let value = text.trimmed
        if let port = UInt16(value) {
            self.init(address: .loopbackV4, port: port)
            return
        }
        let host: Substring
        let portText: Substring
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]"), value[value.index(after: close)...].hasPrefix(":") else {
                throw KeywardError.invalidInput("Write an IPv6 listen address as [::1]:8080")
            }
            host = value[value.index(after: value.startIndex)..<close]
            portText = value[value.index(close, offsetBy: 2)...]
        } else {
            guard let colon = value.lastIndex(of: ":") else {
                throw KeywardError.invalidInput("The listen address needs a port, such as 127.0.0.1:8080")
            }
            host = value[..<colon]
            portText = value[value.index(after: colon)...]
        }
        guard let port = UInt16(portText) else { throw KeywardError.invalidInput("\"\(portText)\" is not a port") }
        let address: IPAddress
        switch host.lowercased() {
        case "localhost": address = .loopbackV4
        case "", "*": address = .anyV4
        default:
            guard let parsed = IPAddress(String(host)) else {
                throw KeywardError.invalidInput("\"\(host)\" is not an IP address")
            }
            address = parsed
        }
        self.init(address: address, port: port)
    }

    init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// `host:port` with IPv6 in brackets.
    var description: String {
        address.family == .v6 ? "[\(address)]:\(port)" : "\(address):\(port)"
    }

    /// A URL a person can open (the unspecified address shown as loopback).
    func url(port actual: UInt16) -> String {
        let host: IPAddress = address.isUnspecified ? (address.family == .v6 ? .loopbackV6 : .loopbackV4) : address
        return address.family == .v6 ? "http://[\(host)]:\(actual)" : "http://\(host):\(actual)"
    }
}
