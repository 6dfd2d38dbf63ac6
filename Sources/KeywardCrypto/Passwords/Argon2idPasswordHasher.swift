internal import CKeywardSodium
import Dispatch
import KeywardCore

/// Admin password hashing with Argon2id (`crypto_pwhash_str_alg`, `crypto_pwhash_ALG_ARGON2ID13`).
///
/// The input to Argon2id is the lower-case hex MD5 of the password, never the password itself, so
/// that a legacy WHMCS API login, which sends only `MD5(password)`, verifies against the same
/// stored hash as a person typing the password. MD5 adds no strength here; Argon2id does the work.
/// A side effect: the cost of a hash does not depend on the password's length.
///
/// Hashes are libsodium's encoded strings (`$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>`), which
/// carry their own salt and cost. Every computation takes ``Cost/memLimit`` bytes of memory (64 MiB
/// at ``Cost/interactive``), so at most `maxConcurrentComputations` run at once; further callers
/// block until one finishes. Call these methods from threads that may block (request worker
/// threads), not from a Swift concurrency executor.
public struct Argon2idPasswordHasher: PasswordHasher {
    /// The cost of new hashes, and the cost that ``needsRehash(_:)`` compares against.
    public let cost: Cost
    /// How many Argon2id computations may run at the same time.
    public let maxConcurrentComputations: Int

    private let slots: DispatchSemaphore

    /// Creates a hasher.
    ///
    /// - Parameters:
    ///   - cost: The cost of new hashes; ``Cost/interactive`` (about 80 ms and 64 MiB) by default,
    ///     ``Cost/minimal`` in tests.
    ///   - maxConcurrentComputations: At least 1; 2 by default. Bounds memory use at
    ///     `maxConcurrentComputations × cost.memLimit`.
    public init(cost: Cost = .interactive, maxConcurrentComputations: Int = 2) {
        precondition(maxConcurrentComputations >= 1, "at least one Argon2id computation must be allowed")
        Sodium.initialize()
        self.cost = cost
        self.maxConcurrentComputations = maxConcurrentComputations
        self.slots = DispatchSemaphore(value: maxConcurrentComputations)
    }

    /// Hashes a password typed by a person.
    ///
    /// - Throws: `KeywardError` (`internal`) if libsodium fails, which means it could not
    ///   allocate ``Cost/memLimit`` bytes.
    public func hash(password: String) throws -> String {
        try MD5.withLowercaseHex(of: password.utf8) { try hash(input: $0) }
    }

    /// Hashes a password already reduced to its hex MD5 (upper or lower case).
    ///
    /// - Throws: `KeywardError` (`invalidInput`) if `md5Hex` is not 32 hex characters;
    ///   (`internal`) if libsodium fails.
    public func hash(md5Hex: String) throws -> String {
        try Self.withNormalizedMD5Hex(md5Hex) { hex in
            guard let hex else {
                throw KeywardError(.invalidInput, "An MD5 password hash must be 32 hexadecimal characters.")
            }
            return try hash(input: hex)
        }
    }

    /// Verifies a password typed by a person.
    ///
    /// `false` for a wrong password and for a hash that is not an Argon2id string.
    public func verify(password: String, against hash: String) -> Bool {
        guard Self.isArgon2idString(hash) else { return false }
        return MD5.withLowercaseHex(of: password.utf8) { verify(input: $0, against: hash) }
    }

    /// Verifies a legacy API login's hex MD5 of the password (upper or lower case).
    ///
    /// `false` for a wrong one, for anything but 32 hex characters (without spending an Argon2id
    /// computation), and for a hash that is not an Argon2id string.
    public func verify(md5Hex: String, against hash: String) -> Bool {
        guard Self.isArgon2idString(hash) else { return false }
        return Self.withNormalizedMD5Hex(md5Hex) { hex in
            guard let hex else { return false }
            return verify(input: hex, against: hash)
        }
    }

    /// Whether `hash` should be replaced after the next successful sign-in: it was made with
    /// another cost than ``cost``, or it is not an Argon2id string at all.
    public func needsRehash(_ hash: String) -> Bool {
        guard Self.isArgon2idString(hash) else { return true }
        // 0: same parameters; 1: different ones; -1: not a valid encoded hash.
        let status = hash.withCString { crypto_pwhash_str_needs_rehash($0, cost.opsLimit, cost.memLimit) }
        return status != 0
    }

    // MARK: Internals

    /// Runs Argon2id over `input` (32 hex bytes) in one of the bounded slots.
    private func hash(input: UnsafeBufferPointer<UInt8>) throws -> String {
        try withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(crypto_pwhash_STRBYTES)) { output in
            let status = withSlot {
                input.withMemoryRebound(to: CChar.self) { input in
                    crypto_pwhash_str_alg(
                        output.baseAddress!, input.baseAddress!, UInt64(input.count),
                        cost.opsLimit, cost.memLimit, crypto_pwhash_ALG_ARGON2ID13
                    )
                }
            }
            guard status == 0 else {
                throw KeywardError(.internal, "Argon2id hashing failed; the system may be out of memory.")
            }
            return String(cString: output.baseAddress!)
        }
    }

    /// Checks `input` (32 hex bytes) against an encoded Argon2id hash in one of the bounded slots.
    private func verify(input: UnsafeBufferPointer<UInt8>, against hash: String) -> Bool {
        let status = withSlot {
            hash.withCString { hash in
                input.withMemoryRebound(to: CChar.self) { input in
                    crypto_pwhash_str_verify(hash, input.baseAddress!, UInt64(input.count))
                }
            }
        }
        return status == 0
    }

    /// Runs `body` once fewer than ``maxConcurrentComputations`` others are running.
    private func withSlot<Result>(_ body: () throws -> Result) rethrows -> Result {
        slots.wait()
        defer { slots.signal() }
        return try body()
    }

    /// Whether `hash` looks like an encoded Argon2id string that libsodium may parse.
    ///
    /// That is: the `$argon2id$` prefix, no NUL byte (which would cut the C string short), and
    /// shorter than `crypto_pwhash_STRBYTES`. libsodium validates the rest.
    private static func isArgon2idString(_ hash: String) -> Bool {
        let utf8 = hash.utf8
        return utf8.count < Int(crypto_pwhash_STRBYTES)
            && utf8.starts(with: crypto_pwhash_STRPREFIX.utf8)
            && !utf8.contains(0)
    }

    /// Calls `body` with `md5Hex` lower-cased on the stack (wiped afterwards), or with `nil` if it
    /// is not exactly 32 hex characters.
    private static func withNormalizedMD5Hex<Result>(
        _ md5Hex: String,
        _ body: (UnsafeBufferPointer<UInt8>?) throws -> Result
    ) rethrows -> Result {
        let length = 2 * MD5.byteCount
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
            defer { sodium_memzero(buffer.baseAddress!, buffer.count) }
            var count = 0
            for byte in md5Hex.utf8 {
                guard count < length, ASCII.isHexDigit(byte) else { return try body(nil) }
                buffer[count] = ASCII.lowercased(byte)
                count += 1
            }
            guard count == length else { return try body(nil) }
            return try body(UnsafeBufferPointer(buffer))
        }
    }
}
