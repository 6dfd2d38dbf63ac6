extension StringProtocol {
    /// The string without leading and trailing whitespace and newlines.
    ///
    /// FoundationEssentials has no `CharacterSet`, so the core trims by `Character` properties.
    public var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
