internal import CKeywardSodium

/// 32 bytes of key material in memory of their own.
///
/// The bytes live in a `sodium_malloc` region: guard pages on both sides, locked against swapping
/// where `RLIMIT_MEMLOCK` allows it, left out of core dumps, and made read-only once filled. When
/// the last reference goes, `sodium_free` wipes the bytes before releasing them. This is best
/// effort: copies made by callers (a hex string from the environment) are outside its reach.
///
/// `@unchecked Sendable`: the bytes are written only by ``make(_:)`` before the instance is
/// returned, and are read-only (enforced by page protection) from then on.
final class KeyBytes: @unchecked Sendable {
    /// The number of bytes held.
    static let count = 32

    private let pointer: UnsafeMutableRawPointer

    /// Allocates the region, filled by libsodium with garbage until ``make(_:)`` fills it.
    private init() {
        Sodium.initialize()
        guard let pointer = sodium_malloc(Self.count) else {
            fatalError("sodium_malloc could not allocate memory for a key")
        }
        self.pointer = pointer
    }

    deinit {
        sodium_free(pointer)
    }

    /// Allocates a region, lets `fill` write all ``count`` bytes, and seals it read-only.
    ///
    /// If `fill` throws, the region is wiped and freed before the error propagates.
    static func make(_ fill: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows -> KeyBytes {
        let bytes = KeyBytes()
        try fill(UnsafeMutableRawBufferPointer(start: bytes.pointer, count: count))
        _ = sodium_mprotect_readonly(bytes.pointer)
        return bytes
    }

    /// Calls `body` with the key bytes, which it must not keep.
    @inline(__always)
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: pointer, count: Self.count))
    }
}
