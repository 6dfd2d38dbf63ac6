extension StringProtocol {
    /// Calls `body` with the string's UTF-8 bytes in contiguous memory, without allocating.
    ///
    /// Native strings expose their storage directly, so `body` runs once over all bytes. Other
    /// strings (bridged ones, on Apple platforms) are copied through a small stack buffer, and
    /// `body` then runs once per chunk; it is never called for an empty string.
    func withUTF8Chunks(_ body: (UnsafeRawBufferPointer) -> Void) {
        let handled: Bool? = utf8.withContiguousStorageIfAvailable { bytes in
            if !bytes.isEmpty { body(UnsafeRawBufferPointer(bytes)) }
            return true
        }
        if handled != nil { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8ChunkCapacity) { buffer in
            var count = 0
            for byte in utf8 {
                buffer[count] = byte
                count += 1
                if count == buffer.count {
                    body(UnsafeRawBufferPointer(buffer))
                    count = 0
                }
            }
            if count > 0 { body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)) }
        }
    }

    /// Calls `body` with the string's UTF-8 bytes, ASCII upper-case letters lowered, chunk by chunk
    /// through a stack buffer (never allocating). Other bytes, including non-ASCII, pass unchanged.
    func withASCIILowercasedUTF8Chunks(_ body: (UnsafeRawBufferPointer) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8ChunkCapacity) { buffer in
            withUTF8Chunks { chunk in
                var offset = 0
                while offset < chunk.count {
                    let count = Swift.min(buffer.count, chunk.count - offset)
                    for index in 0..<count {
                        buffer[index] = ASCII.lowercased(chunk[offset + index])
                    }
                    body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
                    offset += count
                }
            }
        }
    }
}

/// Bytes per stack chunk when a string must be copied: small enough to stay on the stack.
private let utf8ChunkCapacity = 256
