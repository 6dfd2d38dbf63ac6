import Foundation
import Testing

@testable import KeywardCLI

@Suite struct OutputTests {
    @Test func jsonSortsKeysAndEscapes() throws {
        let value = JSONValue.object([
            "b": .array([.integer(1), .bool(true), .null]),
            "a": .string("quote \" backslash \\ newline \n tab \t bell \u{07} é"),
            "c": .object([:]),
            "d": .array([]),
        ])
        let text = value.serialized()
        #expect(
            text == """
                {
                  "a": "quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007 é",
                  "b": [
                    1,
                    true,
                    null
                  ],
                  "c": {},
                  "d": []
                }
                """
        )
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["a"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{07} é")
    }

    @Test func doubles() throws {
        #expect(JSONValue.double(1.5).serialized() == "1.5")
        #expect(JSONValue.double(.infinity).serialized() == "null")
        let tiny = JSONValue.array([.double(1e-7), .double(2)]).serialized()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(tiny.utf8)) as? [Double])
        #expect(parsed == [1e-7, 2])
    }

    @Test func dates() {
        let date = Date(timeIntervalSince1970: 1_714_567_890.75)
        #expect(Display.timestamp(date) == "2024-05-01T12:51:30Z")
        #expect(JSONValue.date(nil) == .null)
        #expect(Display.lastAccess(nil) == "Never")
        #expect(Display.roles([]) == "None")
        #expect(Display.description("") == "None provided")
        #expect(Display.count(1, "credential") == "1 credential")
        #expect(Display.count(2, "credential") == "2 credentials")
    }

    @Test func printableNeutralisesTerminalEscapes() {
        #expect(Display.printable("ok") == "ok")
        #expect(Display.printable("a\u{1B}[2Jb\nc") == "a\\u{1b}[2Jb\\nc")
    }

    @Test func tableAlignsAndTrims() {
        var table = TextTable(headers: ["ID", "NAME", "NOTE"])
        table.append(["1", "alice", ""])
        table.append(["10", "bo", "x"])
        #expect(table.rendered() == "ID  NAME   NOTE\n1   alice\n10  bo     x\n")
        #expect(table.rendered(bold: true).hasPrefix("\u{1B}[1mID  NAME   NOTE\u{1B}[0m\n"))
    }

    @Test func detailListAlignsMultilineValues() {
        var list = DetailList()
        list.append("ID", "1")
        list.append("Permissions", "A\nB")
        #expect(list.rendered() == "ID:           1\nPermissions:  A\n              B\n")
    }

    @Test func helpWrapping() {
        #expect(HelpText.wrap("one two three", width: 7) == ["one two", "three"])
        #expect(HelpText.wrap("averyveryverylongword x", width: 5) == ["averyveryverylongword", "x"])
        #expect(HelpText.wrap("", width: 5) == [""])
    }

    @Test func md5OfTheTests() {
        #expect(TestMD5.hex("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(TestMD5.hex("abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(
            TestMD5.hex("The quick brown fox jumps over the lazy dog")
                == "9e107d9d372bb6826bd81d3542a419d6")
        #expect(TestMD5.hex(String(repeating: "1234567890", count: 8)) == "57edf4a22be3c955ac49da2e2107b67a")
    }

    @Test func errorReportNeverDescribesForeignErrors() {
        struct Leaky: Error, CustomStringConvertible { var description: String { "secret=kwsk_abc" } }
        let (code, message) = ErrorReport.describe(Leaky())
        #expect(code == .internal)
        #expect(!message.contains("kwsk_"))
    }
}
