internal import CKeywardSodium
import KeywardCore

extension Argon2idPasswordHasher {
    /// The cost of an Argon2id hash: passes over memory and memory size.
    public struct Cost: Hashable, Sendable, CustomStringConvertible {
        /// The number of passes (libsodium's `opslimit`, Argon2's `t`).
        public let opsLimit: UInt64
        /// The memory used, in bytes (libsodium's `memlimit`; Argon2's `m` is this in KiB).
        public let memLimit: Int

        /// Creates a cost within libsodium's bounds for Argon2id.
        ///
        /// - Throws: `KeywardError` (`invalidInput`) if `opsLimit` or `memLimit` is outside the
        ///   range libsodium accepts (at least 1 pass and 8 KiB).
        public init(opsLimit: UInt64, memLimit: Int) throws {
            let passes = UInt64(crypto_pwhash_argon2id_opslimit_min())...UInt64(crypto_pwhash_argon2id_opslimit_max())
            guard passes.contains(opsLimit) else {
                throw KeywardError(.invalidInput, "The Argon2id pass count must be within \(passes).")
            }
            let memory = crypto_pwhash_argon2id_memlimit_min()...crypto_pwhash_argon2id_memlimit_max()
            guard memory.contains(memLimit) else {
                throw KeywardError(.invalidInput, "The Argon2id memory size must be within \(memory) bytes.")
            }
            self.init(unchecked: opsLimit, memLimit)
        }

        private init(unchecked opsLimit: UInt64, _ memLimit: Int) {
            self.opsLimit = opsLimit
            self.memLimit = memLimit
        }

        /// libsodium's interactive cost: 2 passes over 64 MiB, about 80 ms on a server core.
        public static let interactive = Cost(
            unchecked: UInt64(crypto_pwhash_argon2id_opslimit_interactive()),
            crypto_pwhash_argon2id_memlimit_interactive()
        )

        /// libsodium's minimum, 1 pass over 8 KiB: fast and weak, for tests only.
        public static let minimal = Cost(
            unchecked: UInt64(crypto_pwhash_argon2id_opslimit_min()),
            crypto_pwhash_argon2id_memlimit_min()
        )

        /// `t=<passes>, m=<KiB> KiB`.
        public var description: String { "t=\(opsLimit), m=\(memLimit / 1024) KiB" }
    }
}
