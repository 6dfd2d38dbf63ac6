extension Management {
    /// Checks an admin-area sign-in. Slow by design (Argon2id): call it off latency-critical
    /// threads.
    ///
    /// Returns the admin when the username exists, the password matches and the admin is enabled;
    /// `nil` otherwise (one answer for every failure). Rehashes the password when the cost
    /// parameters changed.
    public func verifySignIn(username: String, password: String) throws -> Admin? {
        let found = try store.read { tx -> (Admin, String)? in
            guard let admin = try tx.admin(username: username.trimmed),
                let hash = try tx.passwordHash(adminID: admin.id)
            else { return nil }
            return (admin, hash)
        }
        guard let (admin, hash) = found else {
            // Same work for an unknown username as for a wrong password.
            _ = passwords.verify(password: password, against: decoy.hash(using: passwords))
            return nil
        }
        guard passwords.verify(password: password, against: hash), !admin.isDisabled else { return nil }
        if passwords.needsRehash(hash) {
            let fresh = try passwords.hash(password: password)
            try write { tx in
                try tx.setPasswordHash(adminID: admin.id, hash: fresh, at: clock.now())
                try tx.appendChange(.admin, id: admin.id)
            }
        }
        return admin
    }

    /// Replaces a legacy-verified admin's hash when the cost parameters changed.
    public func rehashIfNeeded(adminID: Int64, md5Hex: String, currentHash: String) throws {
        guard passwords.needsRehash(currentHash) else { return }
        let fresh = try passwords.hash(md5Hex: md5Hex)
        try write { tx in
            guard try tx.passwordHash(adminID: adminID) == currentHash else { return }
            try tx.setPasswordHash(adminID: adminID, hash: fresh, at: clock.now())
            try tx.appendChange(.admin, id: adminID)
        }
    }

}
