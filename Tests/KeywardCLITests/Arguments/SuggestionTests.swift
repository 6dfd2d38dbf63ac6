import Testing

@testable import KeywardCLI

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "abc", 3), ("kitten", "sitting", 3), ("name", "nmae", 1),
        ("description", "dscription", 1), ("abc", "abc", 0), ("ab", "ba", 1),
    ])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(Suggestion.editDistance(Array(a), Array(b)) == expected)
    }

    @Test func closestIsCaseInsensitiveAndBounded() {
        #expect(Suggestion.closest(to: "LIST", in: ["list", "show"]) == "list")
        #expect(Suggestion.closest(to: "lst", in: ["list", "show"]) == "list")
        #expect(Suggestion.closest(to: "xyz", in: ["list", "show"]) == nil)
        // Short words allow one edit only.
        #expect(Suggestion.closest(to: "lx", in: ["list"]) == nil)
        // A unique extension of what was typed.
        #expect(
            Suggestion.closest(to: "--password", in: ["--password-stdin", "--username"])
                == "--password-stdin")
        #expect(Suggestion.closest(to: "--add", in: ["--add-permission", "--add-role"]) == nil)
        #expect(Suggestion.closest(to: "ab", in: ["abcdef"]) == nil)
        // Ties go to the first candidate.
        #expect(Suggestion.closest(to: "bat", in: ["cat", "hat"]) == "cat")
    }
}
