extension AdminArea {
    /// How the admin area behaves: session lifetimes, the cookie, and what the pages show.
    public struct Configuration: Sendable {
        /// Seconds without a request before a session ends (30 minutes by default).
        public var idleTimeout: Double
        /// Seconds after sign-in when a session ends however active it is (12 hours by default).
        public var absoluteTimeout: Double
        /// The session cookie's name.
        public var cookieName: String
        /// Whether cookies are always marked `Secure`. When false they still are for requests that
        /// a trusted proxy reports as HTTPS.
        public var secureCookies: Bool
        /// The API endpoint's path, for the example on the credentials page.
        public var apiPath: String
        /// Keyward's version, for the footer.
        public var version: String
        /// A directory to serve the admin assets from instead of the bundled ones (packagers).
        public var assetsDirectory: String?

        /// Creates a configuration.
        public init(
            idleTimeout: Double = 30 * 60,
            absoluteTimeout: Double = 12 * 60 * 60,
            cookieName: String = "keyward_admin",
            secureCookies: Bool = false,
            apiPath: String = "/includes/api.php",
            version: String = "dev",
            assetsDirectory: String? = nil
        ) {
            self.idleTimeout = idleTimeout
            self.absoluteTimeout = absoluteTimeout
            self.cookieName = cookieName
            self.secureCookies = secureCookies
            self.apiPath = apiPath
            self.version = version
            self.assetsDirectory = assetsDirectory
        }
    }
}
