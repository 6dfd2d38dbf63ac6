import KeywardCore
import Testing

/// Expects `body` to throw a ``KeywardError`` with `code`, and returns the error.
@discardableResult
func expectKeywardError<R>(
    _ code: KeywardError.Code,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> R
) -> KeywardError? {
    let error = #expect(throws: KeywardError.self, sourceLocation: sourceLocation) { _ = try body() }
    if let error {
        #expect(error.code == code, "expected \(code), got \(error)", sourceLocation: sourceLocation)
    }
    return error
}
