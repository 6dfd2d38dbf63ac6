/// A piece of HTML that is safe to send: markup written in the source code, with every interpolated
/// `String` escaped by ``Escaping/html(_:)``.
///
/// The type makes escaping the default rather than a habit: `"<td>\(credential.description)</td>"` as
/// `HTML` escapes the description, and only other `HTML` values are inserted verbatim. There is no
/// initializer that takes arbitrary text as markup except ``init(trusted:)``, which is kept for
/// markup that Keyward itself produced.
struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    private(set) var rendered: String

    /// Empty markup.
    static let empty = HTML(trusted: "")

    /// Markup that Keyward produced itself (never text that came from a request or the database).
    init(trusted markup: String) { rendered = markup }

    /// A literal written in the source code.
    init(stringLiteral value: String) { rendered = value }

    /// Literal markup with escaped interpolations.
    init(stringInterpolation: StringInterpolation) { rendered = stringInterpolation.rendered }

    /// The markup.
    var description: String { rendered }

    /// Whether there is no markup at all.
    var isEmpty: Bool { rendered.isEmpty }

    /// Text escaped for HTML.
    static func text(_ text: String) -> HTML { HTML(trusted: Escaping.html(text)) }

    /// Appends markup.
    mutating func append(_ other: HTML) { rendered += other.rendered }

    /// Two pieces of markup, one after the other.
    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.rendered + rhs.rendered) }

    /// Builds the string for `HTML` literals: literals verbatim, values escaped.
    struct StringInterpolation: StringInterpolationProtocol {
        var rendered = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            rendered.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// Markup written in the source code.
        mutating func appendLiteral(_ literal: String) { rendered += literal }

        /// Text, escaped.
        mutating func appendInterpolation(_ text: String) { rendered += Escaping.html(text) }

        /// Text, escaped; nothing for `nil`.
        mutating func appendInterpolation(_ text: String?) {
            if let text { rendered += Escaping.html(text) }
        }

        /// Markup, verbatim.
        mutating func appendInterpolation(_ html: HTML) { rendered += html.rendered }

        /// Markup, verbatim; nothing for `nil`.
        mutating func appendInterpolation(_ html: HTML?) {
            if let html { rendered += html.rendered }
        }

        /// Several pieces of markup, one after the other.
        mutating func appendInterpolation(_ list: [HTML]) {
            for html in list { rendered += html.rendered }
        }

        /// A number.
        mutating func appendInterpolation(_ number: Int) { rendered += String(number) }

        /// A number.
        mutating func appendInterpolation(_ number: Int64) { rendered += String(number) }
    }
}

extension Array where Element == HTML {
    /// The pieces one after the other, optionally with markup between them.
    func joined(separator: HTML = .empty) -> HTML {
        var out = HTML.empty
        for (offset, html) in enumerated() {
            if offset > 0 { out.append(separator) }
            out.append(html)
        }
        return out
    }
}
