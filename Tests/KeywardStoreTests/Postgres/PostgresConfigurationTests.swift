import KeywardCore
import Testing

@testable import KeywardPostgres

@Suite("PostgreSQL URLs and configuration")
struct PostgresConfigurationTests {
    @Test("Every part is percent-decoded after splitting, so a password may hold any character")
    func oddPassword() throws {
        let configuration = try PostgresConfiguration(
            url:
                "postgres://key%20ward:p%40ss%3Aw%2Frd%3F%26%25%20%23%27x@db.internal:6543/key%2Fward?sslmode=verify-full"
        )
        #expect(configuration.user == "key ward")
        #expect(configuration.password == "p@ss:w/rd?&% #'x")
        #expect(configuration.host == "db.internal")
        #expect(configuration.port == 6543)
        #expect(configuration.database == "key/ward")
        #expect(configuration.options == ["sslmode": "verify-full"])
        let parameters = Dictionary(uniqueKeysWithValues: configuration.connectionParameters())
        #expect(parameters["password"] == "p@ss:w/rd?&% #'x")
        #expect(parameters["user"] == "key ward")
        #expect(parameters["dbname"] == "key/ward")
        #expect(parameters["sslmode"] == "verify-full")
        #expect(parameters["application_name"] == "keyward")
    }

    @Test("A raw @ or : in the password splits at the last @ and the first :")
    func unencodedSeparators() throws {
        let configuration = try PostgresConfiguration(url: "postgresql://u:a:b@c@host/db")
        #expect(configuration.user == "u")
        #expect(configuration.password == "a:b@c")
        #expect(configuration.host == "host")
    }

    @Test("Hosts: names, IPv6 in brackets, socket directories, and query overrides")
    func hosts() throws {
        let v6 = try PostgresConfiguration(url: "postgres://[::1]:5433/db")
        #expect(v6.host == "::1" && v6.port == 5433)
        let socket = try PostgresConfiguration(url: "postgres://%2Fvar%2Frun%2Fpostgresql/db")
        #expect(socket.host == "/var/run/postgresql" && socket.port == nil)
        let query = try PostgresConfiguration(url: "postgres:///db?host=/tmp/pg&port=7777&user=kw")
        #expect(query.host == "/tmp/pg" && query.port == 7777 && query.user == "kw" && query.database == "db")
        let bare = try PostgresConfiguration(url: "postgres://")
        #expect(bare.host == nil && bare.database == nil && bare.user == nil)
    }

    @Test("Keyward's own parameters: schema, pool size and timeouts")
    func keywardParameters() throws {
        let configuration = try PostgresConfiguration(
            url: "postgres://h/db?schema=keyward_prod&pool_size=3&statement_timeout=250&connect_timeout=2")
        #expect(configuration.schema == "keyward_prod")
        #expect(configuration.poolSize == 3)
        #expect(configuration.statementTimeoutMilliseconds == 250)
        #expect(configuration.connectTimeoutSeconds == 2)
        let defaults = try PostgresConfiguration(url: "postgres://h/db")
        #expect(defaults.schema == "public" && defaults.poolSize == 10)
        #expect(defaults.statementTimeoutMilliseconds == 5_000 && defaults.connectTimeoutSeconds == 5)
    }

    @Test(
        "Malformed URLs are refused without repeating the password",
        arguments: [
            "mysql://u:hunter2@h/db",
            "postgres://u:hunter2@h:99999/db",
            "postgres://u:hunter2@h:port/db",
            "postgres://u:hunter%2@h/db",
            "postgres://u:hunter2@h/db?bogus=1",
            "postgres://u:hunter2@h/db?schema=Bad-Name",
            "postgres://u:hunter2@h/db?pool_size=0",
            "postgres://u:hunter2@[::1/db",
            "postgres://u:hunter2@h1,h2/db",
            "postgres://u:hunter2@h/db?statement_timeout=soon",
        ]
    )
    func malformed(_ url: String) {
        let error = expectKeywardError(.invalidInput) { try PostgresConfiguration(url: url) }
        #expect(error?.message.contains("hunter") == false)
    }

    @Test("Display name, description and dump leave the password out")
    func noPasswordInOutput() throws {
        let configuration = try PostgresConfiguration(
            url: "postgres://kw:s3cr3t-pw@db:5432/keyward?schema=tenant_a&sslmode=require&sslpassword=k3y-pw")
        #expect(configuration.displayName == "postgres://kw@db:5432/keyward?schema=tenant_a")
        #expect("\(configuration)" == configuration.displayName)
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("s3cr3t") && !dumped.contains("k3y-pw"))
        #expect(!String(reflecting: configuration).contains("s3cr3t"))
        let v6 = try PostgresConfiguration(url: "postgres://[::1]/db")
        #expect(v6.displayName == "postgres://[::1]/db")
    }

    @Test("Plain identifiers only for schemas")
    func identifiers() {
        #expect(PostgresConfiguration.isPlainIdentifier("public"))
        #expect(PostgresConfiguration.isPlainIdentifier("_kw_9"))
        #expect(!PostgresConfiguration.isPlainIdentifier(""))
        #expect(!PostgresConfiguration.isPlainIdentifier("9kw"))
        #expect(!PostgresConfiguration.isPlainIdentifier("Kw"))
        #expect(!PostgresConfiguration.isPlainIdentifier("kw\"; DROP TABLE admins; --"))
        #expect(!PostgresConfiguration.isPlainIdentifier(String(repeating: "a", count: 64)))
    }

    @Test("LIKE patterns escape wildcards and lower-case ASCII only")
    func likePattern() {
        #expect("A%b_C\\d".lowercasedLikeContainsPattern == "%a\\%b\\_c\\\\d%")
        #expect("ÄÖ".lowercasedLikeContainsPattern == "%ÄÖ%")
        #expect("".lowercasedLikeContainsPattern == "%%")
    }

    @Test("Advisory lock keys are stable and differ by purpose and schema")
    func lockKeys() {
        #expect(AdvisoryLock.writer(schema: "public") == AdvisoryLock.writer(schema: "public"))
        #expect(AdvisoryLock.writer(schema: "public") != AdvisoryLock.migrations(schema: "public"))
        #expect(AdvisoryLock.writer(schema: "public") != AdvisoryLock.writer(schema: "other"))
        // FNV-1a of "keyward.write:public", fixed forever: nodes of different builds must agree.
        #expect(AdvisoryLock.writer(schema: "public").key == 7_705_858_548_701_876_370)
    }

    @Test("Binary parameters: big-endian integers and one-dimensional arrays")
    func binaryValues() {
        #expect(PostgresValue.int64(258).bytes == [0, 0, 0, 0, 0, 0, 1, 2])
        #expect(PostgresValue.int64(-1).bytes == Array(repeating: 255, count: 8))
        let array = PostgresValue.int64Array([7])
        #expect(array.type == .int8Array)
        #expect(
            array.bytes == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 8] + [
                0, 0, 0, 0, 0, 0, 0, 7,
            ])
        #expect(PostgresValue.textArray([]).bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 25])
        #expect(PostgresValue.text("é").bytes == [0xc3, 0xa9])
        #expect(Optional<String>.none.postgresValue.bytes == nil)
        #expect(Optional<String>.none.postgresValue.type == .text)
    }
}
