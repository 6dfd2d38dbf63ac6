import KeywardSupport

/// What the headers of a trusted reverse proxy say about the original client.
struct ForwardedHeaders: Sendable, Hashable {
    /// The client address: the peer, or the right-most untrusted `X-Forwarded-For` entry.
    var clientAddress: IPAddress
    /// Whether the proxy says the client used HTTPS.
    var isSecure: Bool
    /// An acceptable `X-Request-Id` set by the proxy.
    var requestID: String?

    /// Resolves the headers of a request from `peer`.
    ///
    /// Nothing in the headers is believed unless `peer` is in `trustedProxies`. Then `X-Forwarded-For` is read
    /// from right to left (all such headers, in order), skipping trusted addresses: the first untrusted address is
    /// the client. If every entry is trusted, the left-most one is. An entry that does not parse ends the walk and
    /// the last good address is used, so a client cannot smuggle a value past the proxy that appended the
    /// entries.
    static func resolve(peer: IPAddress, headers: HTTPHeaders, trustedProxies: [IPNetwork]) -> ForwardedHeaders {
        let peer = peer.normalized
        guard !trustedProxies.isEmpty, isTrusted(peer, trustedProxies) else {
            return ForwardedHeaders(clientAddress: peer, isSecure: false, requestID: nil)
        }
        var client = peer
        let forwardedFor = headers.values(for: "X-Forwarded-For")
        walk: for header in forwardedFor.reversed() {
            for entry in header.split(separator: ",", omittingEmptySubsequences: false).reversed() {
                guard let address = parseEntry(entry) else { break walk }
                client = address.normalized
                if !isTrusted(client, trustedProxies) { break walk }
            }
        }
        var isSecure = false
        if let proto = headers.values(for: "X-Forwarded-Proto").last {
            let nearest = proto.split(separator: ",").last?.trimmingSpaces ?? ""
            isSecure = nearest.lowercased() == "https"
        }
        var requestID: String?
        if let id = headers["X-Request-Id"], RequestIDGenerator.isAcceptable(id) {
            requestID = id
        }
        return ForwardedHeaders(clientAddress: client, isSecure: isSecure, requestID: requestID)
    }

    /// Whether `address` is in one of the networks.
    private static func isTrusted(_ address: IPAddress, _ networks: [IPNetwork]) -> Bool {
        networks.contains { $0.contains(address) }
    }

    /// Parses one `X-Forwarded-For` entry: an address, optionally `[v6]`, `[v6]:port` or `v4:port`.
    private static func parseEntry(_ entry: Substring) -> IPAddress? {
        let text = entry.trimmingSpaces
        if let address = IPAddress(String(text)) { return address }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return IPAddress(String(text[text.index(after: text.startIndex)..<close]))
        }
        if let colon = text.firstIndex(of: ":"), text[colon...].dropFirst().allSatisfy(\.isNumber) {
            return IPAddress(String(text[..<colon]))
        }
        return nil
    }
}
