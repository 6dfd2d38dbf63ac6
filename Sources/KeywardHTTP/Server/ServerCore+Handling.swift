import CKeywardMHD
import KeywardSupport

extension ServerCore {
    /// A request line arrived: creates its context.
    func requestStarted(target: String) -> RequestContext {
        inFlight.add(1, ordering: .relaxed)
        return RequestContext(target: target, startNanoseconds: MonotonicClock.nanoseconds())
    }

    /// The access handler: called once with the headers, once per body chunk, and once at the end (and once more
    /// after a deferred request is resumed).
    func handle(
        _ context: RequestContext,
        connection: OpaquePointer,
        method: UnsafePointer<CChar>?,
        uploadData: UnsafePointer<CChar>?,
        uploadDataSize: UnsafeMutablePointer<Int>
    ) -> MHD_Result {
        switch context.phase {
        case .awaitingHeaders:
            return headersArrived(context, connection: connection, method: method)
        case .receivingBody:
            let size = uploadDataSize.pointee
            guard size > 0 else {
                guard context.discardedBodyBytes == nil else {
                    return queue(.tooLarge, context: context, connection: connection, close: true)
                }
                return complete(context, connection: connection)
            }
            uploadDataSize.pointee = 0
            if let discarded = context.discardedBodyBytes {
                // A chunked body went over the limit. libmicrohttpd 0.9.75 cannot queue a response in the middle of
                // an upload, so the rest is read and dropped to answer 413 at the end; up to a bound, after which
                // the connection is simply closed.
                context.discardedBodyBytes = discarded + size
                return discarded + size <= maxDiscardedBodyBytes ? .YES : .NO
            }
            guard context.body.count + size <= configuration.maxBodyBytes else {
                context.discardedBodyBytes = size
                context.body = []
                return size <= maxDiscardedBodyBytes ? .YES : .NO
            }
            if let uploadData {
                context.body.append(
                    contentsOf: UnsafeRawBufferPointer(start: UnsafeRawPointer(uploadData), count: size)
                )
            }
            return .YES
        case .deferred:
            let response = context.deferred.withLock { $0.takeResponse() }
            return queue(response ?? .shuttingDown, context: context, connection: connection, close: response == nil)
        case .responded:
            // More body after an early response: discard it.
            uploadDataSize.pointee = 0
            return .YES
        }
    }

    /// How much of a chunked body beyond the limit is read and dropped before giving up on answering 413.
    private var maxDiscardedBodyBytes: Int {
        max(64 * 1024, configuration.maxBodyBytes)
    }

    /// The first call: reads the headers and checks the body size.
    private func headersArrived(
        _ context: RequestContext,
        connection: OpaquePointer,
        method: UnsafePointer<CChar>?
    ) -> MHD_Result {
        context.phase = .receivingBody
        guard keyward_mhd_request_header_size(connection) <= configuration.maxHeaderBytes else {
            return queue(.headersTooLarge, context: context, connection: connection, close: true)
        }
        if let method { context.method = HTTPMethod(rawValue: String(cString: method)) }
        MHDBridge.collectHeaders(of: connection, into: context)
        context.peerAddress = MHDBridge.peerAddress(of: connection)
        guard !context.hasInvalidHeaderName else {
            return queue(.badRequest, context: context, connection: connection, close: true)
        }

        // Framing that proxies and servers could read differently is refused (request smuggling, RFC 9112 §6.3):
        // several Content-Length fields, or Content-Length together with Transfer-Encoding.
        let lengths = context.headers.values(for: "Content-Length")
        guard lengths.count <= 1, lengths.isEmpty || !context.headers.contains("Transfer-Encoding") else {
            return queue(.badRequest, context: context, connection: connection, close: true)
        }
        if let lengthText = lengths.first {
            // libmicrohttpd has already rejected malformed lengths with 400.
            let length = Int(lengthText) ?? Int.max
            guard length <= configuration.maxBodyBytes else {
                return queue(.tooLarge, context: context, connection: connection, close: true)
            }
            // Reserve for small bodies only: a client announcing a large body and then stalling must not make
            // the server hold memory it has not received.
            context.body.reserveCapacity(min(length, 16 * 1024))
        }
        // Even without a body, answer in a later call: libmicrohttpd 0.9.75 closes the connection after a
        // response queued while the request is still in its header phase.
        return .YES
    }

    /// The request is complete: route it and answer or defer.
    private func complete(_ context: RequestContext, connection: OpaquePointer) -> MHD_Result {
        guard let target = RequestTarget(context.target) else {
            return queue(.badRequest, context: context, connection: connection, close: true)
        }
        let forwarded =
            configuration.trustedProxies.isEmpty
            ? ForwardedHeaders(clientAddress: context.peerAddress, isSecure: false, requestID: nil)
            : ForwardedHeaders.resolve(
                peer: context.peerAddress,
                headers: context.headers,
                trustedProxies: configuration.trustedProxies
            )
        let requestID = forwarded.requestID ?? RequestIDGenerator.shared.next()
        context.clientAddress = forwarded.clientAddress
        context.requestID = requestID
        let request = Request(
            method: context.method,
            target: target,
            headers: context.headers,
            body: context.body,
            peerAddress: context.peerAddress,
            forwarded: forwarded,
            requestID: requestID
        )
        context.body = []
        let dispatch = responder(request)
        context.route = dispatch.route
        switch dispatch.result {
        case .response(let response):
            return queue(response, context: context, connection: connection, close: false)
        case .deferred(let work):
            return deferWork(work, context: context, connection: connection)
        }
    }

    /// Suspends the connection and runs `work` on the worker pool.
    private func deferWork(
        _ work: @escaping @Sendable () throws -> Response,
        context: RequestContext,
        connection: OpaquePointer
    ) -> MHD_Result {
        guard pool.reserve() else {
            configuration.logger.warning("deferred work queue is full; answering 503")
            return queue(.overloaded, context: context, connection: connection, close: false)
        }
        // Set before registering: the registry's lock publishes it to a shutdown that may abandon the request.
        context.suspendedConnection = connection
        // Registering and suspending happen under the request's lock, so that a shutdown that finds the request
        // in the registry cannot resume the connection before it is suspended.
        let suspended = context.deferred.withLock { _ in
            guard registerDeferred(context) else { return false }
            MHD_suspend_connection(connection)
            return true
        }
        guard suspended else {
            pool.cancelReservation()
            return queue(.shuttingDown, context: context, connection: connection, close: true)
        }
        context.phase = .deferred
        let handle = ConnectionHandle(connection)
        pool.submit { [self] in
            let skip = context.deferred.withLock { $0.isAbandoned }
            if !skip {
                let response: Response
                do {
                    response = try work()
                } catch {
                    response = .internalError
                }
                context.deferred.withLock { state in
                    if state.finish(response) { MHD_resume_connection(handle.connection) }
                }
            }
            unregisterDeferred(context)
        }
        return .YES
    }

    /// Queues a response and records it for the access log.
    func queue(
        _ response: Response,
        context: RequestContext,
        connection: OpaquePointer,
        close: Bool
    ) -> MHD_Result {
        context.phase = .responded
        let close = close || isDraining.load(ordering: .relaxed)
        var response = response
        var mhdResponse: OpaquePointer?
        if (200...999).contains(response.status.code) {
            mhdResponse = MHDBridge.makeResponse(response, close: close)
        }
        if mhdResponse == nil {
            configuration.logger.error(
                "response rejected: invalid status, header name or header value",
                metadata: ["route": context.route ?? "-", "status": String(response.status.code)]
            )
            response = .internalError
            mhdResponse = MHDBridge.makeResponse(response, close: close)
        }
        guard let mhdResponse else { return .NO }
        let result = MHD_queue_response(connection, UInt32(response.status.code), mhdResponse)
        MHD_destroy_response(mhdResponse)
        if result == .YES {
            context.status = response.status.code
            context.responseBytes = response.body.count
        }
        return result
    }

    /// The completion callback: writes the access log line and releases the request.
    func requestCompleted(
        _ context: RequestContext,
        connection: OpaquePointer?,
        termination: MHD_RequestTerminationCode
    ) {
        defer { inFlight.subtract(1, ordering: .relaxed) }
        guard let accessLogger = configuration.accessLogger, accessLogger.isEnabled(.info) else { return }
        var status = context.status
        if status == 0, let connection {
            status = Int(keyward_mhd_response_status(connection))
        }
        let terminationName = ServerCore.name(of: termination)
        guard status != 0 || terminationName != nil else { return }
        let elapsed = MonotonicClock.nanoseconds() &- context.startNanoseconds
        let seenHeaders = context.phase != .awaitingHeaders
        accessLogger.info(
            AccessLog.message(
                method: seenHeaders ? context.method : nil,
                route: context.route,
                status: status,
                durationMicroseconds: elapsed / 1000,
                client: context.clientAddress ?? (seenHeaders ? context.peerAddress : nil),
                requestID: context.requestID,
                bytes: context.responseBytes,
                termination: terminationName
            )
        )
    }

    /// A short name for an abnormal termination; `nil` for a normal one.
    static func name(of termination: MHD_RequestTerminationCode) -> String? {
        switch termination {
        case .REQUEST_TERMINATED_COMPLETED_OK: nil
        case .REQUEST_TERMINATED_WITH_ERROR: "error"
        case .REQUEST_TERMINATED_TIMEOUT_REACHED: "timeout"
        case .REQUEST_TERMINATED_DAEMON_SHUTDOWN: "shutdown"
        case .REQUEST_TERMINATED_READ_ERROR: "read_error"
        case .REQUEST_TERMINATED_CLIENT_ABORT: "client_abort"
        @unknown default: "unknown"
        }
    }
}
