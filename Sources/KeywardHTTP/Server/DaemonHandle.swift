/// The daemon pointer, shareable between threads (libmicrohttpd's daemon API is thread-safe).
struct DaemonHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }
}
