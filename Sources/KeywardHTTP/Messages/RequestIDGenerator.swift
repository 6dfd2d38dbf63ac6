import Synchronization

/// Makes short request ids: 16 lower-case hexadecimal characters, unique within the process.
///
/// Each id is an invertible 64-bit mix of a counter and a random per-process offset, so ids never repeat within
/// a process, differ between processes, and do not reveal the request count at a glance. They are identifiers
/// for logs, not secrets.
final class RequestIDGenerator: Sendable {
    /// The generator shared by every server in the process.
    static let shared = RequestIDGenerator()

    private let counter: Atomic<UInt64>
    private let key: UInt64

    /// Creates a generator with a random offset and key.
    init() {
        var random = SystemRandomNumberGenerator()
        counter = Atomic(random.next())
        key = random.next() | 1
    }

    /// The next id.
    func next() -> String {
        let count = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return RequestIDGenerator.hex(RequestIDGenerator.mix(count &* key))
    }

    /// The SplitMix64 finaliser, a bijection on 64-bit values.
    static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// Sixteen hexadecimal digits.
    static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(index))) & 0xF
                buffer[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }

    /// Whether an id received from a trusted proxy is safe to adopt: 1 to 128 characters from
    /// `A-Z a-z 0-9 - _ . : @ + /` (which keeps log lines parseable and unforgeable).
    static func isAcceptable(_ id: String) -> Bool {
        let count = id.utf8.count
        guard count >= 1, count <= 128 else { return false }
        return id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "@"),
                UInt8(ascii: "+"), UInt8(ascii: "/"):
                true
            default:
                false
            }
        }
    }
}
