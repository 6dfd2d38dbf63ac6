/// Writes API results as JSON, XML or NVP bytes, by hand: one escaper per format, stable key
/// order, no `JSONEncoder` on the hot path.
public struct APIEncoder: Sendable {
    /// The version reported in XML's `<whmcsapi version="…">`.
    public var version: String

    /// Creates an encoder.
    public init(version: String) { self.version = version }

    /// Encodes a result for an action (lower-cased; used by XML's `<action>`).
    public func encode(_ result: APIResult, action: String, format: ResponseFormat) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(256)
        switch format {
        case .json: writeJSON(result, into: &out)
        case .xml: writeXML(result, action: action, into: &out)
        case .nvp: writeNVP(result, into: &out)
        }
        return out
    }

    // MARK: JSON

    func writeJSON(_ result: APIResult, into out: inout [UInt8]) {
        switch result {
        case .success(let fields):
            out.append(contentsOf: #"{"result":"success""#.utf8)
            for (key, value) in fields {
                out.append(UInt8(ascii: ","))
                Escaping.json(key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeJSON(value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .error(let message):
            out.append(contentsOf: #"{"result":"error","message":"#.utf8)
            Escaping.json(message, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    func writeJSON(_ value: APIValue, into out: inout [UInt8]) {
        switch value {
        case .string(let s): Escaping.json(s, into: &out)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (index, (key, item)) in pairs.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Escaping.json(key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeJSON(item, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .list(_, let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeJSON(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    // MARK: XML

    func writeXML(_ result: APIResult, action: String, into out: inout [UInt8]) {
        out.append(contentsOf: #"<?xml version="1.0" encoding="utf-8"?>"#.utf8)
        out.append(contentsOf: "\n<whmcsapi version=\"".utf8)
        Escaping.xml(version, into: &out)
        out.append(contentsOf: "\">\n<action>".utf8)
        Escaping.xml(action, into: &out)
        out.append(contentsOf: "</action>\n".utf8)
        switch result {
        case .success(let fields):
            out.append(contentsOf: "<result>success</result>\n".utf8)
            for (key, value) in fields { writeXMLElement(key, value, into: &out) }
        case .error(let message):
            out.append(contentsOf: "<result>error</result>\n<message>".utf8)
            Escaping.xml(message, into: &out)
            out.append(contentsOf: "</message>\n".utf8)
        }
        out.append(contentsOf: "</whmcsapi>".utf8)
    }

    func writeXMLElement(_ name: String, _ value: APIValue, into out: inout [UInt8]) {
        let tag = Escaping.xmlName(name)
        switch value {
        case .list(let element, let items):
            out.append(contentsOf: "<\(tag)>\n".utf8)
            for item in items { writeXMLElement(element, item, into: &out) }
            out.append(contentsOf: "</\(tag)>\n".utf8)
        case .object(let pairs):
            out.append(contentsOf: "<\(tag)>\n".utf8)
            for (key, item) in pairs { writeXMLElement(key, item, into: &out) }
            out.append(contentsOf: "</\(tag)>\n".utf8)
        case .string(let s):
            out.append(contentsOf: "<\(tag)>".utf8)
            Escaping.xml(s, into: &out)
            out.append(contentsOf: "</\(tag)>\n".utf8)
        case .int(let i):
            out.append(contentsOf: "<\(tag)>\(i)</\(tag)>\n".utf8)
        case .bool(let b):
            out.append(contentsOf: "<\(tag)>\(b ? "true" : "false")</\(tag)>\n".utf8)
        }
    }

    // MARK: NVP

    func writeNVP(_ result: APIResult, into out: inout [UInt8]) {
        switch result {
        case .success(let fields):
            out.append(contentsOf: "result=success;".utf8)
            for (key, value) in fields {
                // Only top-level scalars are representable, as in WHMCS.
                let text: String
                switch value {
                case .string(let s): text = s
                case .int(let i): text = String(i)
                case .bool(let b): text = b ? "true" : "false"
                case .object, .list: continue
                }
                out.append(contentsOf: key.utf8)
                out.append(UInt8(ascii: "="))
                Escaping.nvp(text, into: &out)
                out.append(UInt8(ascii: ";"))
            }
        case .error(let message):
            out.append(contentsOf: "result=error;message=".utf8)
            Escaping.nvp(message, into: &out)
        }
    }
}
