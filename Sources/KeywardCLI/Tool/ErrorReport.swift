import KeywardCore

/// Turns an error into the exit code and the one line `keyward:` prints.
///
/// Messages come from `KeywardError.message`, which by contract never holds a secret, a password
/// or a hash; errors of other types are not described at all (their text could hold anything).
public enum ErrorReport {
    /// The exit code and message for an error a command threw.
    public static func describe(_ error: any Error) -> (code: ExitCode, message: String) {
        switch error {
        case let error as KeywardError:
            switch error.code {
            case .unavailable, .storage: return (.unavailable, error.message)
            case .internal: return (.internal, "internal error: \(error.message)")
            default: return (.failure, error.message)
            }
        case let error as UsageError:
            return (.usage, error.message)
        case is PromptCancelled:
            return (.cancelled, "cancelled")
        case is OperatorDeclined:
            return (.failure, "cancelled; nothing was changed")
        default:
            return (.internal, "internal error (\(String(describing: type(of: error))))")
        }
    }
}
