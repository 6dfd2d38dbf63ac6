import Dispatch
import KeywardCore
import KeywardCrypto
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The key `00 01 02 … 1f`, whose hashes were computed independently with Python's `hashlib`.
let referenceKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

@Suite("ServerKey")
struct ServerKeyTests {
    @Test("keyID is the first 8 hex characters of the keyed BLAKE2b-256 of keyward-key-id")
    func keyIDMatchesReference() throws {
        let key = try ServerKey(hex: referenceKeyHex)
        #expect(key.keyID == "4615bfac")
        #expect(try ServerKey(hex: referenceKeyHex).keyID == key.keyID)
    }

    @Test(
        "hex input accepts either case and surrounding whitespace",
        arguments: [
            referenceKeyHex,
            referenceKeyHex.uppercased(),
            "  \(referenceKeyHex)\n",
            "\t\(referenceKeyHex)\r\n",
        ]
    )
    func hexVariants(hex: String) throws {
        #expect(try ServerKey(hex: hex).keyID == "4615bfac")
    }

    @Test(
        "malformed hex is refused without echoing it",
        arguments: [
            "",
            String(referenceKeyHex.dropLast()),
            referenceKeyHex + "0",
            String(referenceKeyHex.dropLast()) + "g",
            "0001020304050607 08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            String(repeating: "00", count: 16),
        ]
    )
    func malformedHex(hex: String) {
        let error = #expect(throws: KeywardError.self) { try ServerKey(hex: hex) }
        #expect(error?.code == .invalidInput)
        if !hex.isEmpty { #expect(error?.message.contains(hex) == false) }
    }

    @Test("generated keys differ")
    func generatedKeysDiffer() {
        let first = BLAKE2bSecretHasher(key: .generate())
        let second = BLAKE2bSecretHasher(key: .generate())
        #expect(first.hash(secret: "x") != second.hash(secret: "x"))
    }

    @Test("description and dump show the key id only")
    func descriptionHidesKey() throws {
        let key = try ServerKey(hex: referenceKeyHex)
        #expect(key.description == "ServerKey(keyID: 4615bfac)")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains("0001020304"))
        #expect(dumped.contains("4615bfac"))
    }

    @Test("first use creates the directory (0700) and the key file (0600) holding one hex line")
    func createsFiles() throws {
        try withTemporaryDirectory { root in
            let directory = root + "/data/nested"
            let key = try ServerKey.loadOrCreate(dataDirectory: directory)
            let path = directory + "/secret.key"
            #expect(permissions(of: directory) == 0o700)
            #expect(permissions(of: root + "/data") == 0o700)
            #expect(permissions(of: path) == 0o600)
            let contents = try #require(readFile(path))
            #expect(contents.utf8.count == 65)
            #expect(contents.hasSuffix("\n"))
            #expect(contents.dropLast().allSatisfy { "0123456789abcdef".contains($0) })
            // The file holds the key itself: reading it as hex gives the same key.
            #expect(try ServerKey(hex: contents).keyID == key.keyID)
            // No temporary file is left behind.
            #expect(entries(of: directory) == ["secret.key"])
        }
    }

    @Test("a second load returns the same key")
    func secondLoadReturnsSameKey() throws {
        try withTemporaryDirectory { directory in
            let first = try ServerKey.loadOrCreate(dataDirectory: directory)
            let second = try ServerKey.loadOrCreate(dataDirectory: directory + "/")
            #expect(first.keyID == second.keyID)
            #expect(
                BLAKE2bSecretHasher(key: first).hash(secret: "s")
                    == BLAKE2bSecretHasher(key: second).hash(secret: "s"))
        }
    }

    @Test("an existing directory keeps its mode")
    func existingDirectoryKeepsMode() throws {
        try withTemporaryDirectory { directory in
            #expect(chmod(directory, 0o750) == 0)
            _ = try ServerKey.loadOrCreate(dataDirectory: directory)
            #expect(permissions(of: directory) == 0o750)
        }
    }

    @Test("an operator-written key file is read", arguments: ["\n", ""])
    func readsWrittenFile(lineEnd: String) throws {
        try withTemporaryDirectory { directory in
            writeFile(directory + "/secret.key", referenceKeyHex + lineEnd, mode: 0o600)
            let readWrite = try ServerKey.loadOrCreate(dataDirectory: directory)
            #expect(readWrite.keyID == "4615bfac")
            writeFile(directory + "/secret.key", referenceKeyHex + lineEnd, mode: 0o400)
            let readOnly = try ServerKey.loadOrCreate(dataDirectory: directory)
            #expect(readOnly.keyID == "4615bfac")
        }
    }

    @Test(
        "a key file readable or writable by group or others is refused",
        arguments: [0o644, 0o640, 0o604, 0o620] as [mode_t])
    func refusesOpenPermissions(mode: mode_t) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/secret.key"
            _ = try ServerKey.loadOrCreate(dataDirectory: directory)
            let contents = try #require(readFile(path))
            #expect(chmod(path, mode) == 0)
            let error = #expect(throws: KeywardError.self) {
                try ServerKey.loadOrCreate(dataDirectory: directory)
            }
            #expect(error?.code == .invalidInput)
            #expect(error?.message.contains("group or others") == true)
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains(String(contents.prefix(16))) == false)
            // The file is left alone for the operator to fix.
            #expect(readFile(path) == contents)
        }
    }

    @Test(
        "a malformed key file is refused without echoing it",
        arguments: [
            "",
            "\n",
            referenceKeyHex.uppercased() + "\n",
            String(referenceKeyHex.dropLast()) + "\n",
            referenceKeyHex + "00\n",
            referenceKeyHex + "\r\n",
            referenceKeyHex + "\n\n",
            " " + referenceKeyHex,
            String(referenceKeyHex.dropLast()) + "x\n",
        ]
    )
    func refusesMalformedFile(contents: String) throws {
        try withTemporaryDirectory { directory in
            writeFile(directory + "/secret.key", contents, mode: 0o600)
            let error = #expect(throws: KeywardError.self) {
                try ServerKey.loadOrCreate(dataDirectory: directory)
            }
            #expect(error?.code == .invalidInput)
            #expect(error?.message.contains("malformed") == true)
            #expect(error?.message.contains("0001020304") == false)
            #expect(error?.message.contains("0001020304".uppercased()) == false)
        }
    }

    @Test("a key path that is a directory is refused")
    func refusesDirectoryAsKeyFile() throws {
        try withTemporaryDirectory { directory in
            #expect(mkdir(directory + "/secret.key", 0o700) == 0)
            let error = #expect(throws: KeywardError.self) {
                try ServerKey.loadOrCreate(dataDirectory: directory)
            }
            #expect(error?.code == .invalidInput)
        }
    }

    @Test("a data directory that is a file is refused")
    func refusesFileAsDirectory() throws {
        try withTemporaryDirectory { directory in
            writeFile(directory + "/file", "x", mode: 0o600)
            #expect(throws: KeywardError.self) {
                try ServerKey.loadOrCreate(dataDirectory: directory + "/file")
            }
        }
    }

    @Test("an empty data directory path is refused")
    func refusesEmptyPath() {
        let error = #expect(throws: KeywardError.self) { try ServerKey.loadOrCreate(dataDirectory: "") }
        #expect(error?.code == .invalidInput)
    }

    @Test("concurrent first uses agree on one key")
    func concurrentCreatorsAgree() throws {
        try withTemporaryDirectory { root in
            for round in 0..<10 {
                let directory = root + "/round\(round)"
                let keyIDs = Mutex<[String]>([])
                let failures = Mutex(0)
                DispatchQueue.concurrentPerform(iterations: 8) { _ in
                    do {
                        let key = try ServerKey.loadOrCreate(dataDirectory: directory)
                        keyIDs.withLock { $0.append(key.keyID) }
                    } catch {
                        failures.withLock { $0 += 1 }
                    }
                }
                #expect(failures.withLock { $0 } == 0)
                let ids = keyIDs.withLock { $0 }
                #expect(ids.count == 8)
                #expect(Set(ids).count == 1)
                let onDisk = try ServerKey(hex: try #require(readFile(directory + "/secret.key")))
                #expect(ids.first == onDisk.keyID)
                #expect(entries(of: directory) == ["secret.key"])
            }
        }
    }
}
