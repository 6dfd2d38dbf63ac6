// swift-tools-version: 6.2
import PackageDescription

// Every Swift target builds in Swift 6 language mode with warnings as errors.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Keyward",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "keyward", targets: ["keyward"])
    ],
    targets: [
        // C libraries from Debian's -dev packages. Prefixed names: generic ones (CSQLite) clash.
        .systemLibrary(
            name: "CKeywardSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CKeywardSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .systemLibrary(
            name: "CKeywardMHD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .systemLibrary(
            name: "CKeywardPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),

        // Dependency-free pieces that both the domain and the HTTP layer need: IP addresses and
        // networks (allowlists, trusted proxies) and a small structured logger.
        .target(name: "KeywardSupport", swiftSettings: strict),
        // Domain: types, rules, errors, and the protocols at the real seams. No C library.
        .target(name: "KeywardCore", dependencies: ["KeywardSupport"], swiftSettings: strict),
        // libsodium: CSPRNG, keyed BLAKE2b, Argon2id, constant-time compare.
        .target(name: "KeywardCrypto", dependencies: ["KeywardCore", "CKeywardSodium"], swiftSettings: strict),
        // Stores.
        .target(name: "KeywardSQLite", dependencies: ["KeywardCore", "CKeywardSQLite"], swiftSettings: strict),
        .target(name: "KeywardPostgres", dependencies: ["KeywardCore", "CKeywardPQ"], swiftSettings: strict),
        // HTTP on libmicrohttpd: request/response values, limits, router. No domain.
        .target(name: "KeywardHTTP", dependencies: ["KeywardSupport", "CKeywardMHD"], swiftSettings: strict),
        // The WHMCS endpoint, the admin web area, the auth index.
        .target(
            name: "KeywardServer",
            dependencies: ["KeywardCore", "KeywardHTTP"],
            resources: [.copy("Assets")],
            swiftSettings: strict
        ),
        // Commands and the argument parser, as a library so tests can call them in-process too.
        .target(
            name: "KeywardCLI",
            dependencies: [
                "KeywardCore", "KeywardCrypto", "KeywardSQLite", "KeywardPostgres", "KeywardServer", "KeywardHTTP",
                "KeywardSupport",
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "keyward", dependencies: ["KeywardCLI"], swiftSettings: strict),

        // Tests.
        .target(
            name: "KeywardTestSupport",
            dependencies: ["KeywardCore", "KeywardCrypto", "KeywardSQLite"],
            path: "Tests/KeywardTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "KeywardCoreTests",
            dependencies: ["KeywardCore", "KeywardCrypto", "KeywardSupport", "KeywardTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "KeywardCryptoTests", dependencies: ["KeywardCrypto", "KeywardCore"], swiftSettings: strict),
        .testTarget(
            name: "KeywardStoreTests",
            dependencies: ["KeywardCore", "KeywardSQLite", "KeywardPostgres", "KeywardTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "KeywardSupportTests", dependencies: ["KeywardSupport"], swiftSettings: strict),
        .testTarget(name: "KeywardHTTPTests", dependencies: ["KeywardHTTP", "KeywardSupport"], swiftSettings: strict),
        .testTarget(
            name: "KeywardServerTests",
            dependencies: [
                "KeywardServer", "KeywardCore", "KeywardHTTP", "KeywardSupport", "KeywardTestSupport", "KeywardCrypto",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KeywardCLITests",
            dependencies: ["KeywardCLI", "KeywardCore", "KeywardTestSupport"],
            swiftSettings: strict
        ),
    ]
)
