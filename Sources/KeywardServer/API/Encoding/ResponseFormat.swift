/// The three response formats of the WHMCS API.
public enum ResponseFormat: Sendable, Hashable {
    /// `responsetype=json`.
    case json
    /// `responsetype=xml`.
    case xml
    /// No (or an unknown) `responsetype`: the deprecated `key=value;` format.
    case nvp

    /// The format a `responsetype` parameter asks for; absent or unknown means NVP, as in WHMCS.
    public init(responseType: String?) {
        guard let responseType else {
            self = .nvp
            return
        }
        if responseType.count == 4, responseType.lowercased() == "json" {
            self = .json
        } else if responseType.count == 3, responseType.lowercased() == "xml" {
            self = .xml
        } else {
            self = .nvp
        }
    }

    /// The `Content-Type` header value.
    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .xml: "application/xml"
        case .nvp: "text/plain"
        }
    }
}
