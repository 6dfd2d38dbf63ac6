/// A connection pointer that a worker may carry to resume the connection.
struct ConnectionHandle: @unchecked Sendable {
    let connection: OpaquePointer

    init(_ connection: OpaquePointer) {
        self.connection = connection
    }
}
