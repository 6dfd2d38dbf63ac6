import KeywardHTTP
import Testing

@Suite("Form parsing")
struct FormParserTests {
    let parser = FormParser()

    func fields(_ form: FormData) -> [String] {
        form.fields.map { "\($0.name)=\($0.value)" }
    }

    @Test(
        "URL-encoded forms decode strictly",
        arguments: [
            ("a=1&b=2", ["a=1", "b=2"]),
            ("a=x+y&b=%2B%26%3D", ["a=x y", "b=+&="]),
            ("a=%C3%A9t%C3%A9", ["a=été"]),
            ("a", ["a="]),
            ("a=", ["a="]),
            ("=x&b=1", ["b=1"]),
            ("a=1&&b=2&", ["a=1", "b=2"]),
            ("", []),
            ("a=1=2", ["a=1=2"]),
            ("a%5B%5D=1&a%5B%5D=2", ["a[]=1", "a[]=2"]),
            ("k=%e2%82%ac", ["k=€"]),
            ("ü=ö", ["ü=ö"]),
        ])
    func urlEncoded(input: String, expected: [String]) throws {
        #expect(fields(try parser.parseURLEncoded(input)) == expected)
    }

    @Test(
        "Invalid URL-encoded forms fail with a code",
        arguments: [
            ("a=%zz", FormError.Code.invalidPercentEncoding),
            ("a=%4", .invalidPercentEncoding),
            ("a=%", .invalidPercentEncoding),
            ("%g1=a", .invalidPercentEncoding),
            ("=%zz", .invalidPercentEncoding),
            ("a=%FF", .invalidUTF8),
            ("a=%C3", .invalidUTF8),
            ("a=%ED%A0%80", .invalidUTF8),
            ("a=%C0%AF", .invalidUTF8),
            ("a=%00", .nulByte),
            ("a%00=1", .nulByte),
        ])
    func invalidURLEncoded(input: String, code: FormError.Code) {
        #expect(throws: FormError(code)) { try parser.parseURLEncoded(input) }
    }

    @Test("Raw invalid UTF-8 and NUL bytes are rejected")
    func rawBytes() {
        #expect(throws: FormError(.invalidUTF8)) { try parser.parseURLEncoded([0x61, 0x3D, 0xC3, 0x28]) }
        #expect(throws: FormError(.nulByte)) { try parser.parseURLEncoded([0x61, 0x3D, 0x00]) }
    }

    @Test("The parameter limit applies to query and body together")
    func parameterLimit() throws {
        let tenThousand = (0..<10_000).map { "p\($0)=v" }.joined(separator: "&")
        #expect(throws: FormError(.tooManyParameters)) { try parser.parseURLEncoded(tenThousand) }
        let limited = FormParser(maxParameters: 3)
        #expect(try limited.parseURLEncoded("a=1&b=2&c=3").count == 3)
        #expect(throws: FormError(.tooManyParameters)) { try limited.parseURLEncoded("a=1&b=2&c=3&d=4") }
        let request = try #require(
            Request(
                method: .post,
                target: "/?a=1&b=2",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Array("c=3&d=4".utf8)
            )
        )
        #expect(throws: FormError(.tooManyParameters)) { try request.form(using: limited) }
    }

    @Test("Query then body, body wins, last value wins")
    func merge() throws {
        let request = try #require(
            Request(
                method: .post,
                target: "/api?action=Query&a=1&a=2",
                headers: ["Content-Type": "Application/X-WWW-Form-URLEncoded; charset=UTF-8"],
                body: Array("action=Body&b=3".utf8)
            )
        )
        let form = try request.form()
        #expect(fields(form) == ["action=Query", "a=1", "a=2", "action=Body", "b=3"])
        #expect(form["action"] == "Body")
        #expect(form["a"] == "2")
        #expect(form.allValues(for: "a") == ["1", "2"])
        #expect(form.values == ["action": "Body", "a": "2", "b": "3"])
        #expect(form["missing"] == nil)
        #expect(try request.queryForm()["action"] == "Query")
    }

    @Test("Large forms look names up the same way")
    func largeForm() throws {
        let text = (0..<50).map { "k\($0 % 20)=\($0)" }.joined(separator: "&")
        let form = try parser.parseURLEncoded(text)
        #expect(form.count == 50)
        #expect(form["k3"] == "43")
        #expect(form["k19"] == "39")
        #expect(form.allValues(for: "k0") == ["0", "20", "40"])
    }

    @Test("Bodies of other types are refused; empty bodies are fine")
    func contentTypes() throws {
        #expect(throws: FormError(.unsupportedContentType)) {
            try parser.parseBody(Array("{}".utf8), contentType: "application/json")
        }
        #expect(throws: FormError(.unsupportedContentType)) { try parser.parseBody([1], contentType: nil) }
        #expect(
            throws: FormError(.unsupportedContentType),
            performing: {
                try parser.parseBody([1], contentType: "application/x-www-form-urlencodedX")
            })
        #expect(try parser.parseBody([], contentType: "application/json").isEmpty)
        #expect(try parser.parseBody(Array("a=1".utf8), contentType: " application/x-www-form-urlencoded ").count == 1)
    }

    static func multipart(_ boundary: String, _ parts: [String], closing: Bool = true) -> [UInt8] {
        var text = ""
        for part in parts { text += "--\(boundary)\r\n\(part)\r\n" }
        if closing { text += "--\(boundary)--\r\n" }
        return Array(text.utf8)
    }

    @Test("Multipart text fields are parsed; file parts are skipped")
    func multipart() throws {
        var body = Array("preamble\r\n".utf8)
        body += Self.multipart(
            "----WebKitFormBoundary7MA4YWxk",
            [
                "Content-Disposition: form-data; name=\"user\"\r\n\r\nalice",
                "Content-Disposition: form-data; name=\"note\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nline 1\r\nline 2",
                "Content-Disposition: form-data; name=\"empty\"\r\n\r\n",
                "Content-Disposition: form-data; name=\"\u{E9}t\u{E9}\"\r\n\r\n\u{20AC}",
            ]
        )
        body.removeLast(2)
        body += Array("\r\nepilogue".utf8)
        let form = try parser.parseBody(
            body,
            contentType: "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk"
        )
        #expect(fields(form) == ["user=alice", "note=line 1\r\nline 2", "empty=", "été=€"])

        var withFile = Array("--b\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"x.bin\"\r\n".utf8)
        withFile += Array("Content-Type: application/octet-stream\r\n\r\n".utf8) + [0xFF, 0x00, 0xFE, 0x0D]
        withFile += Array("\r\n--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--".utf8)
        #expect(fields(try parser.parseBody(withFile, contentType: "multipart/form-data; boundary=\"b\"")) == ["a=1"])
    }

    @Test(
        "Broken multipart bodies fail with a code",
        arguments: [
            ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", FormError.Code.truncatedMultipart),
            ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n", .truncatedMultipart),
            ("no boundary here", .truncatedMultipart),
            ("--b", .truncatedMultipart),
            ("--bX\r\n\r\n--b--", .malformedMultipart),
            ("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", .malformedMultipart),
            ("--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--", .malformedMultipart),
            ("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", .malformedMultipart),
            ("--b\r\nno colon\r\n\r\nx\r\n--b--", .malformedMultipart),
            ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\u{0}\r\n--b--", .nulByte),
        ])
    func brokenMultipart(body: String, code: FormError.Code) {
        #expect(throws: FormError(code)) {
            try parser.parseBody(Array(body.utf8), contentType: "multipart/form-data; boundary=b")
        }
    }

    @Test("Multipart limits: invalid UTF-8, header size, part count, boundary")
    func multipartLimits() {
        let invalid =
            Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n".utf8) + [0xC3, 0x28]
            + Array("\r\n--b--".utf8)
        #expect(throws: FormError(.invalidUTF8)) { try parser.parseMultipart(invalid, boundary: "b") }

        let hugeHeader = "--b\r\nX-Filler: \(String(repeating: "x", count: 10_000))\r\n\r\nx\r\n--b--"
        #expect(throws: FormError(.multipartHeadersTooLarge)) {
            try parser.parseMultipart(Array(hugeHeader.utf8), boundary: "b")
        }

        let parts = (0..<5).map { "Content-Disposition: form-data; name=\"p\($0)\"\r\n\r\nv" }
        #expect(throws: FormError(.tooManyParameters)) {
            try FormParser(maxParameters: 4).parseMultipart(Self.multipart("b", parts), boundary: "b")
        }
        #expect(throws: FormError(.malformedMultipart)) { try parser.parseMultipart([], boundary: "") }
        #expect(throws: FormError(.malformedMultipart)) {
            try parser.parseBody([1], contentType: "multipart/form-data")
        }
        #expect(throws: FormError(.malformedMultipart)) {
            try parser.parseMultipart([1], boundary: String(repeating: "b", count: 71))
        }
    }

    @Test("Error messages are safe and stable")
    func messages() {
        let error = FormError(.invalidUTF8)
        #expect(error.message == "The form contains text that is not valid UTF-8.")
        #expect(error.description == "invalidUTF8: The form contains text that is not valid UTF-8.")
        #expect(FormError.Code.tooManyParameters.description == "tooManyParameters")
    }
}
