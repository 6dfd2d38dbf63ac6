internal import CKeywardSodium
import KeywardCore

/// A keyed BLAKE2b-256 computation whose state lives on the stack.
///
/// ``hash(key:_:)`` sets up the state, lets its closure stream bytes in with the `update` methods,
/// and returns the result as a ``Digest32`` built straight from the output words: no heap
/// allocation on the way.
struct KeyedBLAKE2b: ~Copyable {
    private let state: OpaquePointer

    /// The keyed BLAKE2b-256 (`crypto_generichash` with a 32-byte key) of the bytes `body` feeds.
    static func hash(key: KeyBytes, _ body: (borrowing KeyedBLAKE2b) -> Void) -> Digest32 {
        _ = stateFits
        // The standard library moves over-aligned temporary allocations to the heap, so take
        // `stateAlignment` spare bytes at the default alignment and align within them.
        return withUnsafeTemporaryAllocation(byteCount: stateCapacity + stateAlignment, alignment: 16) { memory in
            defer { sodium_memzero(memory.baseAddress!, memory.count) }
            let state = OpaquePointer(memory.baseAddress!.alignedUp(toMultipleOf: stateAlignment))
            let status = key.withUnsafeBytes { key in
                crypto_generichash_init(state, key.baseAddress!.assumingMemoryBound(to: UInt8.self), key.count, 32)
            }
            precondition(status == 0, "crypto_generichash_init rejected a 32-byte key and output")
            body(KeyedBLAKE2b(state: state))
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &words) { output in
                _ = crypto_generichash_final(state, output.baseAddress!.assumingMemoryBound(to: UInt8.self), 32)
            }
            return Digest32(
                words: (
                    UInt64(littleEndian: words.0), UInt64(littleEndian: words.1),
                    UInt64(littleEndian: words.2), UInt64(littleEndian: words.3)
                )
            )
        }
    }

    /// Feeds raw bytes.
    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        _ = crypto_generichash_update(state, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    /// Feeds one byte.
    func update(byte: UInt8) {
        var byte = byte
        withUnsafeBytes(of: &byte) { update($0) }
    }

    /// Feeds a string's UTF-8 bytes.
    func update(utf8 string: some StringProtocol) {
        string.withUTF8Chunks { update($0) }
    }

    /// Feeds a string's UTF-8 bytes with ASCII upper-case letters lowered.
    func update(asciiLowercased string: some StringProtocol) {
        string.withASCIILowercasedUTF8Chunks { update($0) }
    }

    /// Stack bytes reserved for `crypto_generichash_state` (384 bytes in libsodium 1.0.18). A
    /// constant under the standard library's 1 KiB limit, so the temporary allocation is always on
    /// the stack.
    private static var stateCapacity: Int { 512 }
    /// libsodium declares the state 64-byte aligned.
    private static var stateAlignment: Int { 64 }

    /// Checked once: a future libsodium with a larger state must fail loudly, not overflow.
    private static let stateFits: Bool = {
        precondition(
            crypto_generichash_statebytes() <= stateCapacity,
            "crypto_generichash_state outgrew its buffer")
        return true
    }()
}
