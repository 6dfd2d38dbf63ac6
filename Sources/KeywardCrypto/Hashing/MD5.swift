internal import CKeywardSodium

/// MD5 (RFC 1321), for WHMCS compatibility only.
///
/// WHMCS clients may send `MD5(secret)` or `MD5(password)` instead of the secret or password, so
/// Keyward stores a keyed hash of that hex MD5 next to the real one. MD5 is broken as a hash
/// function (collisions are cheap) and is **not** a security primitive here: everything it
/// produces is hashed again with a key (BLAKE2b) or a password hash (Argon2id) before it is stored
/// or compared. Do not use it for anything else.
public struct MD5: Sendable {
    /// The digest length in bytes.
    public static let byteCount = 16

    /// The lower-case hex MD5 (32 characters) of `bytes`, such as PHP's `md5()` returns.
    ///
    /// Hash a string's UTF-8 encoding with `MD5.hex(string.utf8)`.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        withLowercaseHex(of: bytes) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the 32 lower-case hex characters of the MD5 of `bytes`, held on the
    /// stack and wiped afterwards (the MD5 of a secret opens the same door as the secret).
    static func withLowercaseHex<Result>(
        of bytes: some Sequence<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        var md5 = MD5()
        md5.update(bytes)
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * byteCount) { buffer in
            defer { sodium_memzero(buffer.baseAddress!, buffer.count) }
            let digest = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[..<byteCount])
            let hex = UnsafeMutableBufferPointer(rebasing: buffer[byteCount...])
            md5.finalize(into: digest)
            for (index, byte) in digest.enumerated() {
                hex[2 * index] = ASCII.hexDigit(byte >> 4)
                hex[2 * index + 1] = ASCII.hexDigit(byte & 0x0f)
            }
            return try body(UnsafeBufferPointer(hex))
        }
    }

    // MARK: Streaming state

    private var a: UInt32 = 0x6745_2301
    private var b: UInt32 = 0xefcd_ab89
    private var c: UInt32 = 0x98ba_dcfe
    private var d: UInt32 = 0x1032_5476
    /// Bytes of the current, incomplete block (64 bytes as eight words).
    private var block: Block = (0, 0, 0, 0, 0, 0, 0, 0)
    private var blockCount = 0
    private var totalCount: UInt64 = 0

    /// 64 bytes of inline storage.
    private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    /// A fresh MD5 computation.
    init() {}

    /// Feeds bytes, using their contiguous storage when they have one.
    mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        guard done == nil else { return }
        for byte in bytes { update(byte: byte) }
    }

    /// Feeds raw bytes: whole blocks straight from `bytes`, the rest through the block buffer.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        totalCount &+= UInt64(bytes.count)
        var offset = 0
        if blockCount > 0 {
            let count = min(64 - blockCount, bytes.count)
            withUnsafeMutableBytes(of: &block) { block in
                block.baseAddress!.advanced(by: blockCount).copyMemory(from: bytes.baseAddress!, byteCount: count)
            }
            blockCount += count
            offset = count
            guard blockCount == 64 else { return }
            compressBufferedBlock()
        }
        while bytes.count - offset >= 64 {
            compress(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 64]))
            offset += 64
        }
        let rest = bytes.count - offset
        if rest > 0 {
            withUnsafeMutableBytes(of: &block) { block in
                block.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: rest)
            }
            blockCount = rest
        }
    }

    /// Feeds one byte.
    private mutating func update(byte: UInt8) {
        var byte = byte
        withUnsafeBytes(of: &byte) { update($0) }
    }

    /// Pads (RFC 1321 §3.1-3.2), writes the 16-byte digest into `output`, and wipes the state.
    mutating func finalize(into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count == Self.byteCount, "an MD5 digest is 16 bytes")
        let bitCount = totalCount &* 8
        var padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0x80, 0, 0, 0, 0, 0, 0, 0, 0)
        // 0x80, then zeros up to 56 bytes mod 64, then the bit count as 64-bit little endian.
        let paddingCount = blockCount < 56 ? 56 - blockCount : 120 - blockCount
        withUnsafeBytes(of: &padding) { update(UnsafeRawBufferPointer(rebasing: $0[..<paddingCount])) }
        var length = bitCount.littleEndian
        withUnsafeBytes(of: &length) { update($0) }
        precondition(blockCount == 0, "MD5 padding must end on a block boundary")
        output.storeBytes(of: a.littleEndian, toByteOffset: 0, as: UInt32.self)
        output.storeBytes(of: b.littleEndian, toByteOffset: 4, as: UInt32.self)
        output.storeBytes(of: c.littleEndian, toByteOffset: 8, as: UInt32.self)
        output.storeBytes(of: d.littleEndian, toByteOffset: 12, as: UInt32.self)
        self = MD5()
    }

    private mutating func compressBufferedBlock() {
        var copy = block
        withUnsafeBytes(of: &copy) { compress($0) }
        blockCount = 0
    }

    /// The MD5 compression function over one 64-byte block (RFC 1321 §3.4).
    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        var a = self.a
        var b = self.b
        var c = self.c
        var d = self.d
        for step in 0..<64 {
            var f: UInt32
            let wordIndex: Int
            switch step {
            case 0..<16:
                f = (b & c) | (~b & d)
                wordIndex = step
            case 16..<32:
                f = (d & b) | (~d & c)
                wordIndex = (5 &* step &+ 1) & 15
            case 32..<48:
                f = b ^ c ^ d
                wordIndex = (3 &* step &+ 5) & 15
            default:
                f = c ^ (b | ~d)
                wordIndex = (7 &* step) & 15
            }
            let word = UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 4 * wordIndex, as: UInt32.self))
            f = f &+ a &+ Self.sines[step] &+ word
            a = d
            d = c
            c = b
            b = b &+ f.rotatedLeft(by: Self.shifts[step])
        }
        self.a &+= a
        self.b &+= b
        self.c &+= c
        self.d &+= d
    }

    /// Per-step left rotations (RFC 1321 §3.4).
    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    /// The table T: `floor(2^32 × abs(sin(i + 1)))` (RFC 1321 §3.4).
    private static let sines: [UInt32] = [
        0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613,
        0xfd46_9501,
        0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e,
        0x49b4_0821,
        0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681,
        0xe7d3_fbc8,
        0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9,
        0x8d2a_4c8a,
        0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60,
        0xbebf_bc70,
        0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8,
        0xc4ac_5665,
        0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d,
        0x8584_5dd1,
        0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb,
        0xeb86_d391,
    ]
}

extension UInt32 {
    /// Rotates left by `count` bits (`0 < count < 32`).
    @inline(__always)
    fileprivate func rotatedLeft(by count: UInt32) -> UInt32 {
        (self << count) | (self >> (32 - count))
    }
}
