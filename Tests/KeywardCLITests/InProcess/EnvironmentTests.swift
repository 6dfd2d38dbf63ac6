import Foundation
import KeywardCLI
import KeywardCore
import Testing

/// The environment builder, the database location and the store opener, through the CLI.
@Suite struct EnvironmentTests {
    @Test func unreachablePostgresExits69AndThePasswordIsNotRepeated() throws {
        let keyward = try InProcessKeyward()
        // Port 1 on loopback: refused at once, no DNS and no waiting.
        let (code, io) = keyward.run([
            "admin", "list", "--database", "postgres://kw:hunter2@127.0.0.1:1/keyward",
        ])
        #expect(code == .unavailable)
        #expect(io.error.contains("postgres://kw:***@127.0.0.1:1/keyward"))
        #expect(!io.error.contains("hunter2"))
        keyward.environment["KEYWARD_DATABASE_URL"] = "postgresql://127.0.0.1:1/keyward"
        #expect(keyward.run(["admin", "list"]).code == .unavailable)
    }

    @Test func unreachableDatabaseExits69() throws {
        let keyward = try InProcessKeyward()
        let (code, io) = keyward.run([
            "admin", "list", "--database", "sqlite:/nonexistent-dir-\(UUID())/k.sqlite",
        ])
        #expect(code == .unavailable)
        #expect(io.error.hasPrefix("keyward: Cannot open the database sqlite:/nonexistent-dir-"))
    }

    @Test func unknownSchemeIsADomainError() throws {
        let keyward = try InProcessKeyward()
        let (code, io) = keyward.run(["admin", "list", "--database", "mysql://db/x"])
        #expect(code == .failure)
        #expect(
            io.error
                == "keyward: Unsupported database URL scheme \"mysql\"; use sqlite:<path> or postgres://…\n"
        )
    }

    @Test func databaseOptionsAndDefaults() throws {
        let keyward = try InProcessKeyward()
        let custom = keyward.directory.path + "/elsewhere.sqlite"
        try keyward.succeed(["role", "create", "--name", "R", "--database", "sqlite:" + custom])
        #expect(FileManager.default.fileExists(atPath: custom))
        #expect(!FileManager.default.fileExists(atPath: keyward.directory.path + "/keyward.sqlite"))
        // A plain path is a SQLite file too.
        #expect(try keyward.succeed(["role", "list", "--database", custom]).contains("R"))
        // --data-dir beats KEYWARD_DATA_DIR.
        let other = keyward.directory.path + "/other"
        try keyward.succeed(["role", "list", "--data-dir", other])
        #expect(FileManager.default.fileExists(atPath: other + "/keyward.sqlite"))
        #expect(FileManager.default.fileExists(atPath: other + "/secret.key"))
    }

    @Test func secretKeyFromTheEnvironment() throws {
        let keyward = try InProcessKeyward()
        keyward.environment["KEYWARD_SECRET_KEY"] = String(repeating: "ab", count: 32)
        try keyward.succeed(["role", "list"])
        #expect(!FileManager.default.fileExists(atPath: keyward.directory.path + "/secret.key"))
        #expect(FileManager.default.fileExists(atPath: keyward.directory.path + "/keyward.sqlite"))

        keyward.environment["KEYWARD_SECRET_KEY"] = "not hex at all but secret-ish"
        let (code, io) = keyward.run(["role", "list"])
        #expect(code == .failure)
        #expect(io.error == "keyward: KEYWARD_SECRET_KEY must be exactly 64 hexadecimal characters\n")
    }

    @Test func passwordCostMustBeKnown() throws {
        let keyward = try InProcessKeyward()
        keyward.environment["KEYWARD_PASSWORD_COST"] = "cheap"
        let (code, io) = keyward.run(["role", "list"])
        #expect(code == .failure)
        #expect(io.error.contains("KEYWARD_PASSWORD_COST must be \"interactive\" or \"minimal\""))
    }

    @Test func configurationResolution() throws {
        let defaults = try KeywardEnvironment.Configuration.resolve(dataDirectory: nil, database: nil, environment: [:])
        #expect(defaults.dataDirectory == "./keyward-data")
        #expect(defaults.database == .sqlite(path: "./keyward-data/keyward.sqlite"))
        let fromEnvironment = try KeywardEnvironment.Configuration.resolve(
            dataDirectory: nil,
            database: nil,
            environment: ["KEYWARD_DATA_DIR": "/srv/kw", "KEYWARD_DATABASE_URL": "sqlite:///var/kw.db"]
        )
        #expect(fromEnvironment.dataDirectory == "/srv/kw")
        #expect(fromEnvironment.database == .sqlite(path: "/var/kw.db"))
        let options = try KeywardEnvironment.Configuration.resolve(
            dataDirectory: "/opt/kw",
            database: "/tmp/x.sqlite",
            environment: [
                "KEYWARD_DATA_DIR": "/srv/kw", "KEYWARD_DATABASE_URL": "",
                "KEYWARD_PASSWORD_COST": "minimal",
            ]
        )
        #expect(options.dataDirectory == "/opt/kw")
        #expect(options.database == .sqlite(path: "/tmp/x.sqlite"))
        #expect(options.actions.contains { $0.name == "GetAdminDetails" })
    }

    @Test(arguments: [
        ("sqlite:/var/lib/k.sqlite", DatabaseLocation.sqlite(path: "/var/lib/k.sqlite")),
        ("sqlite:relative/k.sqlite", .sqlite(path: "relative/k.sqlite")),
        ("sqlite:///abs/k.sqlite", .sqlite(path: "/abs/k.sqlite")),
        ("SQLITE:/x", .sqlite(path: "/x")),
        ("/plain/path.db", .sqlite(path: "/plain/path.db")),
        ("k.sqlite", .sqlite(path: "k.sqlite")),
        ("postgres://u:p@h/db", .postgres(url: "postgres://u:p@h/db")),
        ("postgresql://h/db", .postgres(url: "postgresql://h/db")),
    ])
    func databaseLocations(text: String, expected: DatabaseLocation) throws {
        #expect(try DatabaseLocation(parsing: text) == expected)
    }

    @Test func databaseLocationErrorsAndRedaction() {
        #expect(throws: KeywardError.self) { try DatabaseLocation(parsing: "  ") }
        #expect(throws: KeywardError.self) { try DatabaseLocation(parsing: "sqlite:") }
        #expect(throws: KeywardError.self) { try DatabaseLocation(parsing: "redis://x") }
        #expect(
            DatabaseLocation.postgres(url: "postgres://u:p%40ss@h:5432/db?sslmode=require").description
                == "postgres://u:***@h:5432/db?sslmode=require")
        #expect(DatabaseLocation.postgres(url: "postgres://u@h/db").description == "postgres://u@h/db")
        #expect(
            DatabaseLocation.postgres(url: "postgres://h/db?x=a@b:c").description
                == "postgres://h/db?x=a@b:c")
    }

    @Test func helpAndUsageNeedNoDatabase() throws {
        let keyward = try InProcessKeyward()
        keyward.environment["KEYWARD_DATABASE_URL"] = "sqlite:/nonexistent-\(UUID())/x"
        #expect(keyward.run(["admin", "list", "--help"]).code == .success)
        #expect(keyward.run(["admin", "list", "--bogus"]).code == .usage)
        #expect(keyward.run(["admin"]).code == .success)
    }
}
