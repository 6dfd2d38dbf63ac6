internal import CKeywardSodium

/// One-time initialisation of libsodium.
///
/// Every type in this module calls ``initialize()`` before it first uses libsodium, so callers
/// never have to. Calling it at process start is still worthwhile: a broken libsodium installation
/// then stops the process before it serves anything, rather than on the first request.
public enum Sodium {
    /// Initialises libsodium once per process; later calls only check a flag.
    ///
    /// Safe to call from any thread at any time. Stops the process if libsodium cannot initialise
    /// (for example when no entropy source is available), because nothing in Keyward is safe
    /// without it.
    public static func initialize() {
        _ = isInitialized
    }

    /// Runs `sodium_init` exactly once.
    ///
    /// Swift initialises static properties lazily, once, under a lock. `sodium_init` returns 0 on
    /// success, 1 if already initialised, -1 on failure.
    private static let isInitialized: Bool = {
        guard sodium_init() >= 0 else {
            fatalError("libsodium could not be initialised (sodium_init failed)")
        }
        return true
    }()
}
