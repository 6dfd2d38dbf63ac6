import KeywardServer
import Testing

@Suite("API encoder")
struct APIEncoderTests {
    let encoder = APIEncoder(version: "9.9.9")
    let result = APIResult.success([
        ("adminid", .string("1")),
        ("count", .int(2)),
        ("ok", .bool(true)),
        ("whmcs", .object([("version", .string("9.9.9"))])),
        ("users", .list(element: "user", [.object([("id", .int(1))]), .object([("id", .int(2))])])),
    ])

    @Test("JSON keeps key order and WHMCS's string scalars")
    func json() {
        let text = String(decoding: encoder.encode(result, action: "x", format: .json), as: UTF8.self)
        #expect(
            text
                == #"{"result":"success","adminid":"1","count":2,"ok":true,"whmcs":{"version":"9.9.9"},"users":[{"id":1},{"id":2}]}"#
        )
    }

    @Test("XML wraps lists in repeated elements and echoes the action")
    func xml() {
        let text = String(decoding: encoder.encode(result, action: "getadminusers", format: .xml), as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<whmcsapi version=\"9.9.9\">\n"))
        #expect(text.contains("<action>getadminusers</action>\n<result>success</result>\n<adminid>1</adminid>"))
        #expect(text.contains("<users>\n<user>\n<id>1</id>\n</user>\n<user>\n<id>2</id>\n</user>\n</users>"))
        #expect(text.hasSuffix("</whmcsapi>"))
    }

    @Test("NVP prints only top-level scalars")
    func nvp() {
        let text = String(decoding: encoder.encode(result, action: "x", format: .nvp), as: UTF8.self)
        #expect(text == "result=success;adminid=1;count=2;ok=true;")
        let error = String(
            decoding: encoder.encode(.error("Authentication Failed"), action: "", format: .nvp), as: UTF8.self)
        #expect(error == "result=error;message=Authentication Failed")
    }

    @Test("Errors in every format", arguments: [ResponseFormat.json, .xml, .nvp])
    func errors(_ format: ResponseFormat) {
        let text = String(
            decoding: encoder.encode(.error("Empty action request"), action: "", format: format), as: UTF8.self)
        #expect(text.contains("Empty action request"))
        #expect(text.contains("error"))
    }

    @Test(
        "responsetype parsing",
        arguments: [("json", ResponseFormat.json), ("JSON", .json), ("xml", .xml), ("", .nvp), ("yaml", .nvp)])
    func responseType(_ text: String, _ format: ResponseFormat) {
        #expect(ResponseFormat(responseType: text) == format)
        #expect(ResponseFormat(responseType: nil) == .nvp)
    }
}
