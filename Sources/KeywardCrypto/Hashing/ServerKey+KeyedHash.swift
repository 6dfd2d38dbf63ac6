import KeywardCore

extension ServerKey {
    /// The keyed BLAKE2b-256, with this key, of the bytes `body` feeds. Allocation-free.
    func keyedHash(_ body: (borrowing KeyedBLAKE2b) -> Void) -> Digest32 {
        KeyedBLAKE2b.hash(key: bytes, body)
    }
}
