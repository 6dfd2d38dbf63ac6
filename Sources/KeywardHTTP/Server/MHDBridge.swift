import CKeywardMHD
import KeywardSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The C side of the server: libmicrohttpd's callbacks and the calls that need pointers.
///
/// Every callback is a closure literal inside a nonisolated static function of this module, never one formed
/// in `main.swift` or inside `@main`: a C callback formed in a main-actor context carries a main-actor isolation
/// check that traps when libmicrohttpd calls it on its own thread. Context travels through `cls` (the
/// ``ServerCore``, unretained) and the per-request pointer (a ``RequestContext``, retained until the completion
/// callback).
enum MHDBridge {
    /// Starts a daemon; `nil` when libmicrohttpd refuses (its messages went to ``ServerCore/logLibraryMessage(_:)``).
    static func startDaemon(core: ServerCore, flags: UInt32, options: [MHD_OptionItem]) -> OpaquePointer? {
        let configuration = core.configuration
        let cls = Unmanaged.passUnretained(core).toOpaque()
        var options = options
        options.append(MHD_OptionItem(option: .END, value: 0, ptr_value: nil))
        let family: Int32 = configuration.address.family == .v4 ? 4 : 6
        let addressBytes = configuration.address.bytes
        return addressBytes.withUnsafeBufferPointer { address in
            options.withUnsafeMutableBufferPointer { options in
                keyward_mhd_start(
                    flags,
                    family,
                    address.baseAddress,
                    configuration.port,
                    { cls, connection, _, method, _, uploadData, uploadDataSize, requestPointer in
                        MHDBridge.access(cls, connection, method, uploadData, uploadDataSize, requestPointer)
                    },
                    { cls, connection, requestPointer, termination in
                        MHDBridge.completed(cls, connection, requestPointer, termination)
                    },
                    { cls, uri, _ in
                        MHDBridge.uriReceived(cls, uri)
                    },
                    { cls, format, arguments in
                        MHDBridge.log(cls, format, arguments)
                    },
                    cls,
                    options.baseAddress
                )
            }
        }
    }

    /// The port a daemon is bound to.
    static func boundPort(of daemon: OpaquePointer) -> UInt16 {
        keyward_mhd_bound_port(daemon)
    }

    /// `MHD_OPTION_URI_LOG_CALLBACK`: the request line arrived; the result becomes the per-request pointer.
    private static func uriReceived(_ cls: UnsafeMutableRawPointer?, _ uri: UnsafePointer<CChar>?)
        -> UnsafeMutableRawPointer?
    {
        guard let cls else { return nil }
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        let context = core.requestStarted(target: uri.map(requestTarget) ?? "")
        return Unmanaged.passRetained(context).toOpaque()
    }

    /// The request target as text, or "" (which the server answers with 400) when it holds bytes that a request
    /// target may not contain: controls, spaces, and anything outside ASCII (RFC 9112 §3.2).
    private static func requestTarget(_ uri: UnsafePointer<CChar>) -> String {
        let length = strlen(uri)
        let bytes = UnsafeRawBufferPointer(start: uri, count: length)
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The access handler.
    private static func access(
        _ cls: UnsafeMutableRawPointer?,
        _ connection: OpaquePointer?,
        _ method: UnsafePointer<CChar>?,
        _ uploadData: UnsafePointer<CChar>?,
        _ uploadDataSize: UnsafeMutablePointer<Int>?,
        _ requestPointer: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> MHD_Result {
        guard let cls, let connection, let uploadDataSize, let requestPointer else { return .NO }
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        let context: RequestContext
        if let pointer = requestPointer.pointee {
            context = Unmanaged<RequestContext>.fromOpaque(pointer).takeUnretainedValue()
        } else {
            // The URI callback always runs first; this is a defensive fallback.
            context = core.requestStarted(target: "")
            requestPointer.pointee = Unmanaged.passRetained(context).toOpaque()
        }
        return core.handle(
            context,
            connection: connection,
            method: method,
            uploadData: uploadData,
            uploadDataSize: uploadDataSize
        )
    }

    /// `MHD_OPTION_NOTIFY_COMPLETED`: the request is over; releases its context.
    private static func completed(
        _ cls: UnsafeMutableRawPointer?,
        _ connection: OpaquePointer?,
        _ requestPointer: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
        _ termination: MHD_RequestTerminationCode
    ) {
        guard let cls, let requestPointer, let pointer = requestPointer.pointee else { return }
        requestPointer.pointee = nil
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        let context = Unmanaged<RequestContext>.fromOpaque(pointer).takeRetainedValue()
        core.requestCompleted(context, connection: connection, termination: termination)
    }

    /// `MHD_OPTION_EXTERNAL_LOGGER`: formats libmicrohttpd's message and hands it to the core.
    private static func log(
        _ cls: UnsafeMutableRawPointer?,
        _ format: UnsafePointer<CChar>?,
        _ arguments: CVaListPointer?
    ) {
        guard let cls, let format, let arguments else { return }
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        let message = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer -> String in
            guard let base = buffer.baseAddress else { return "" }
            let length = Int(keyward_mhd_format_log(base, buffer.count, format, arguments))
            let bytes = UnsafeRawBufferPointer(start: base, count: max(0, min(length, buffer.count - 1)))
            return String(decoding: bytes, as: UTF8.self)
        }
        var trimmed = Substring(message)
        while let last = trimmed.last, last.isNewline || last == " " { trimmed.removeLast() }
        core.logLibraryMessage(String(trimmed))
    }

    /// Copies the request headers into the context in one pass.
    static func collectHeaders(of connection: OpaquePointer, into context: RequestContext) {
        let cls = Unmanaged.passUnretained(context).toOpaque()
        _ = MHD_get_connection_values_n(
            connection,
            .HEADER_KIND,
            { cls, _, key, keySize, value, valueSize in
                guard let cls, let key else { return .YES }
                let context = Unmanaged<RequestContext>.fromOpaque(cls).takeUnretainedValue()
                let nameBytes = UnsafeRawBufferPointer(start: key, count: keySize)
                if keySize == 0 || !nameBytes.allSatisfy(Cookie.isTokenByte) {
                    context.hasInvalidHeaderName = true
                }
                let name = String(decoding: nameBytes, as: UTF8.self)
                let text =
                    value.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: valueSize), as: UTF8.self) }
                    ?? ""
                context.headers.append(HTTPHeaders.Field(name: name, value: text))
                return .YES
            },
            cls
        )
    }

    /// The socket peer of a connection, IPv4-mapped addresses normalized to IPv4.
    static func peerAddress(of connection: OpaquePointer) -> IPAddress {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer -> IPAddress in
            guard let base = buffer.baseAddress else { return .anyV4 }
            switch keyward_mhd_peer_address(connection, base) {
            case 4:
                return IPAddress(v4: UInt32(bigEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt32.self)))
            case 6:
                let high = UInt64(bigEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
                let low = UInt64(bigEndian: UnsafeRawPointer(base + 8).loadUnaligned(as: UInt64.self))
                return IPAddress(v6: high, low).normalized
            default:
                return .anyV4
            }
        }
    }

    /// Builds a libmicrohttpd response; `nil` when a header is invalid (a name that is not a token, or a value
    /// with CR, LF or NUL), so that no response can be split.
    static func makeResponse(_ response: Response, close: Bool) -> OpaquePointer? {
        let created = response.body.withUnsafeBytes { body in
            MHD_create_response_from_buffer(
                body.count, UnsafeMutableRawPointer(mutating: body.baseAddress), .RESPMEM_MUST_COPY)
        }
        guard let mhdResponse = created else { return nil }
        for field in response.headers {
            // libmicrohttpd writes these itself.
            if HTTPHeaders.namesEqual(field.name, "Content-Length")
                || HTTPHeaders.namesEqual(field.name, "Transfer-Encoding")
            {
                continue
            }
            guard isValidHeader(field) else {
                MHD_destroy_response(mhdResponse)
                return nil
            }
            let added = field.name.withCString { name in
                field.value.withCString { value in MHD_add_response_header(mhdResponse, name, value) }
            }
            guard added == .YES else {
                MHD_destroy_response(mhdResponse)
                return nil
            }
        }
        if close {
            _ = MHD_add_response_header(mhdResponse, "Connection", "close")
        }
        return mhdResponse
    }

    /// Whether a header can be written as is.
    private static func isValidHeader(_ field: HTTPHeaders.Field) -> Bool {
        !field.name.isEmpty && field.name.utf8.allSatisfy(Cookie.isTokenByte)
            && !field.value.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }
}
