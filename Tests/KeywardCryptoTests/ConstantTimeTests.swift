import KeywardCrypto
import Testing

@Suite("ConstantTime")
struct ConstantTimeTests {
    @Test(
        "equals",
        arguments: [
            ([], [], true),
            ([1], [1], true),
            ([1, 2, 3], [1, 2, 3], true),
            ([1, 2, 3], [1, 2, 4], false),
            ([0, 2, 3], [1, 2, 3], false),
            ([1, 2, 3], [1, 2], false),
            ([], [0], false),
        ] as [([UInt8], [UInt8], Bool)]
    )
    func equals(a: [UInt8], b: [UInt8], expected: Bool) {
        #expect(ConstantTime.equals(a, b) == expected)
        #expect(ConstantTime.equals(b, a) == expected)
    }

    @Test("large equal and unequal buffers")
    func large() {
        let a = [UInt8](repeating: 7, count: 4096)
        var b = a
        #expect(ConstantTime.equals(a, b))
        b[4095] = 8
        #expect(!ConstantTime.equals(a, b))
    }
}
