import KeywardServer
import Testing

@Suite("Escaping")
struct EscapingTests {
    @Test(
        "JSON strings",
        arguments: [
            ("plain", #""plain""#),
            ("quote \" and \\ backslash", #""quote \" and \\ backslash""#),
            ("line\nbreak\ttab\r", #""line\nbreak\ttab\r""#),
            ("\u{0}\u{1}\u{1f}\u{7f}", #""\u0000\u0001\u001f\u007f""#),
            ("<script>&</script>", #""\u003cscript\u003e\u0026\u003c/script\u003e""#),
            ("ünïcødé ✓", "\"ünïcødé ✓\""),
        ]
    )
    func json(_ input: String, _ expected: String) {
        #expect(Escaping.json(input) == expected)
    }

    @Test("XML text drops characters XML 1.0 forbids and escapes markup")
    func xml() {
        var out: [UInt8] = []
        Escaping.xml("<a href=\"x\">'&'</a>\u{1}\n", into: &out)
        #expect(
            String(decoding: out, as: UTF8.self) == "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\u{FFFD}\n")
    }

    @Test("XML element names are always valid")
    func xmlNames() {
        #expect(Escaping.xmlName("admin_users") == "admin_users")
        #expect(Escaping.xmlName("1abc") == "_1abc")
        #expect(Escaping.xmlName("a b<c>") == "a_b_c_")
        #expect(Escaping.xmlName("") == "_")
    }

    @Test("HTML escaping")
    func html() {
        #expect(Escaping.html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(Escaping.html("\"'&") == "&quot;&#39;&amp;")
    }

    @Test("NVP values cannot break the key=value; framing")
    func nvp() {
        var out: [UInt8] = []
        Escaping.nvp("a;b\nc", into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a b c")
    }
}
