import CKeywardPQ

extension PostgresConnection {
    /// Streams the rows of constant SQL through `COPY (…) TO STDOUT (FORMAT binary)`, calling `row`
    /// with each one as it arrives.
    ///
    /// Unlike a result, which libpq holds whole in memory, and unlike fetching a cursor batch by
    /// batch, which leaves the server idle while the client reads, COPY keeps the server producing
    /// while the client consumes: a million rows cost little more than the slower of the two.
    /// The stream is read as bytes, so rows may span `CopyData` messages.
    ///
    /// - Parameter query: A `SELECT` of constant SQL (COPY takes no parameters).
    func copyOut(_ query: String, row: (CopyRow) throws -> Void) throws {
        let sql = "COPY (\(query)) TO STDOUT (FORMAT binary)"
        let handle = try openHandle(sql)
        guard let started = PQexec(handle, sql) else {
            isBroken = true
            throw PostgresError.connection(handle, sql: sql)
        }
        guard PQresultStatus(started) == PGRES_COPY_OUT else {
            defer { PQclear(started) }
            let error = PostgresError(result: started, connection: handle, sql: sql)
            if error.isConnectionFailure { isBroken = true }
            throw error
        }
        PQclear(started)

        var reader = CopyReader()
        var failure: (any Error)?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length > 0, let buffer {
                defer { PQfreemem(buffer) }
                // After a failure keep draining, so the connection ends the COPY cleanly.
                guard failure == nil else { continue }
                do {
                    try reader.append(UnsafeRawBufferPointer(start: buffer, count: Int(length)), row: row)
                } catch {
                    failure = error
                }
                continue
            }
            if length == -2 {
                isBroken = true
                throw PostgresError.connection(handle, sql: sql)
            }
            break  // -1: the COPY is done
        }
        // The COPY's own result, then the end of the command.
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if PQresultStatus(result) != PGRES_COMMAND_OK {
                let error = PostgresError(result: result, connection: handle, sql: sql)
                if error.isConnectionFailure { isBroken = true }
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        guard reader.isComplete else {
            throw PostgresError(kind: .server, message: "the COPY stream ended in the middle of a row", sql: sql)
        }
    }
}
