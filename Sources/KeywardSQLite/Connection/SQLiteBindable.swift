import CKeywardSQLite

/// A Swift value that can be bound to a statement parameter.
///
/// Conformances bind through ``SQLiteStatement``'s typed binders, so a value never passes through
/// an intermediate representation (and never reaches an error message).
protocol SQLiteBindable {
    /// Binds the value to the 1-based parameter `index`.
    func bind(to statement: SQLiteStatement, at index: Int32) throws
}

extension Int64: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try statement.bindInt64(self, at: index)
    }
}

extension Int: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try statement.bindInt64(Int64(self), at: index)
    }
}

extension Bool: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try statement.bindInt64(self ? 1 : 0, at: index)
    }
}

extension Double: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try statement.bindDouble(self, at: index)
    }
}

extension String: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try statement.bindText(self, at: index)
    }
}

extension Array: SQLiteBindable where Element == UInt8 {
    func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try withUnsafeBytes { try statement.bindBlob($0, at: index) }
    }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) throws {
        switch self {
        case .some(let value): try value.bind(to: statement, at: index)
        case .none: try statement.bindNull(at: index)
        }
    }
}
