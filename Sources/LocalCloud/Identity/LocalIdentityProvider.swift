public import Cloud
import Foundation
public import LambdaRuntime

/// The local cloud's user directory, with Cognito's behaviour: accounts keyed by email with scrypt password hashes,
/// a password policy, groups, RS256 access and id tokens from ``LocalTokenIssuer``, revocable refresh tokens,
/// password-reset codes delivered through the ``NotificationLog``, and sign-in throttling.
///
/// Everything lives in an ``ItemStore`` of its own (see ``DirectoryKeys``), so accounts survive restarts and crashes
/// like the rest of the local cloud's state.
public struct LocalIdentityProvider: IdentityProvider {
    /// How long access and id tokens are valid.
    public static let tokenLifetime = Duration.seconds(3600)
    /// How long a refresh token is valid.
    public static let refreshTokenLifetimeSeconds: Int64 = 30 * 24 * 3600
    /// How long a password-reset code is valid.
    public static let resetCodeLifetimeSeconds: Int64 = 15 * 60
    /// How many wrong guesses a password-reset code survives.
    public static let resetCodeAttempts = 5

    private let store: any ItemStore
    private let issuer: LocalTokenIssuer
    private let hasher: PasswordHasher
    private let notifications: NotificationLog
    private let policy: PasswordPolicy
    private let throttle: SignInThrottle
    private let now: @Sendable () -> Int64

    /// A directory kept in `store`, signing with `issuer`, sending codes to `notifications`; `now` gives the time in
    /// milliseconds since the epoch.
    public init(
        store: any ItemStore,
        issuer: LocalTokenIssuer,
        notifications: NotificationLog,
        hasher: PasswordHasher = PasswordHasher(),
        policy: PasswordPolicy = .standard,
        now: @escaping @Sendable () -> Int64 = { WallClock.nowMilliseconds() }
    ) {
        self.store = store
        self.issuer = issuer
        self.hasher = hasher
        self.notifications = notifications
        self.policy = policy
        self.throttle = SignInThrottle(store: store)
        self.now = now
    }

    public func signUp(email: String, password: String, name: String) async throws(IdentityError) -> IdentityAccount {
        let email = Self.normalized(email)
        let violations = self.policy.violations(of: password)
        guard violations.isEmpty else { throw .invalidPassword(violations) }
        let userID = RandomUUID.make()
        let passwordHash = try await self.hash(password)
        let account: Item = [
            TableSchema.partitionKey: .string(DirectoryKeys.account(userID).partition),
            TableSchema.sortKey: "ACCOUNT",
            "userId": .string(userID), "email": .string(email), "name": .string(name),
            "passwordHash": .string(passwordHash), "generation": 1,
            "createdAt": .string(WallClock.iso8601(milliseconds: self.now())),
        ]
        let emailClaim = Item(DirectoryKeys.email(email).attributes.merging(["userId": .string(userID)]) { $1 })
        do throws(ItemStoreError) {
            try await self.store.transactWrite([
                .put(emailClaim, condition: .attributeNotExists(AttributePath(TableSchema.partitionKey))),
                .put(account, condition: .attributeNotExists(AttributePath(TableSchema.partitionKey))),
            ])
        } catch {
            if case .transactionCanceled = error { throw .usernameExists }
            throw .unavailable("\(error)")
        }
        return IdentityAccount(userID: userID, email: email)
    }

    public func deleteUser(id: String) async throws(IdentityError) {
        guard let account = try await self.account(id: id), let email = account.string("email") else { return }
        try await self.perform {
            try await self.store.transactWrite([.delete(DirectoryKeys.account(id)), .delete(DirectoryKeys.email(email))])
        }
    }

    public func signIn(email: String, password: String) async throws(IdentityError) -> AuthenticationTokens {
        let email = Self.normalized(email)
        let now = self.now()
        if let seconds = try await self.perform({ try await self.throttle.lockedSeconds(email, nowMilliseconds: now) }) {
            throw .tooManyFailedAttempts(retryAfterSeconds: seconds)
        }
        let account = try await self.account(email: email)
        let isMatch: Bool
        if let account, let passwordHash = account.string("passwordHash") {
            isMatch = await self.hasher.verify(password, against: passwordHash)
        } else {
            await self.hasher.verifyNothing(password)
            isMatch = false
        }
        guard isMatch, let account else {
            try await self.perform { try await self.throttle.recordFailure(email, nowMilliseconds: now) }
            throw .notAuthorized
        }
        try await self.perform { try await self.throttle.clear(email) }
        let refreshToken = Self.randomToken()
        let expiresAt = now / 1000 + Self.refreshTokenLifetimeSeconds
        var record = Item(DirectoryKeys.refreshToken(refreshToken).attributes)
        record["userId"] = account["userId"]
        record["generation"] = account["generation"]
        record[TableSchema.expiresAt] = .int(Int(expiresAt))
        try await self.perform { try await self.store.put(record) }
        return try self.tokens(for: account, refreshToken: refreshToken)
    }

    public func refresh(refreshToken: String) async throws(IdentityError) -> AuthenticationTokens {
        guard refreshToken.utf8.count <= 512,
            let record = try await self.perform({ try await self.store.get(DirectoryKeys.refreshToken(refreshToken)) }),
            let userID = record.string("userId"),
            let account = try await self.account(id: userID),
            account.int("generation") == record.int("generation")
        else { throw .notAuthorized }
        return try self.tokens(for: account, refreshToken: nil)
    }

    public func revoke(refreshToken: String) async throws(IdentityError) {
        guard refreshToken.utf8.count <= 512 else { return }
        try await self.perform { try await self.store.delete(DirectoryKeys.refreshToken(refreshToken)) }
    }

    public func forgotPassword(email: String) async throws(IdentityError) {
        let email = Self.normalized(email)
        guard let account = try await self.account(email: email), let userID = account.string("userId") else { return }
        let code = String(format: "%06d", UInt32.random(in: 0..<1_000_000))
        let validUntil = self.now() / 1000 + Self.resetCodeLifetimeSeconds
        var record = Item(DirectoryKeys.resetCode(userID).attributes)
        record["codeDigest"] = .string(Self.codeDigest(code, userID: userID))
        record["validUntil"] = .int(Int(validUntil))
        record["attempts"] = 0
        // Kept a day past its validity, so that a late attempt is told the code expired rather than that it is wrong.
        record[TableSchema.expiresAt] = .int(Int(validUntil + 24 * 3600))
        try await self.perform { try await self.store.put(record) }
        do {
            try self.notifications.sendEmail(
                to: email,
                subject: "Your password reset code",
                message: "Your code is \(code). It is valid for \(Self.resetCodeLifetimeSeconds / 60) minutes."
            )
        } catch {
            throw .unavailable("the reset code could not be delivered: \(error)")
        }
    }

    public func confirmForgotPassword(email: String, code: String, newPassword: String) async throws(IdentityError) {
        let email = Self.normalized(email)
        let violations = self.policy.violations(of: newPassword)
        guard violations.isEmpty else { throw .invalidPassword(violations) }
        guard let account = try await self.account(email: email), let userID = account.string("userId"),
            let record = try await self.perform({ try await self.store.get(DirectoryKeys.resetCode(userID)) }),
            let digest = record.string("codeDigest"), let validUntil = record.int("validUntil"),
            let attempts = record.int("attempts"), attempts < Self.resetCodeAttempts
        else { throw .codeMismatch }
        guard Int64(validUntil) > self.now() / 1000 else { throw .expiredCode }
        guard ConstantTime.equal(Array(Self.codeDigest(code, userID: userID).utf8), Array(digest.utf8)) else {
            try await self.perform {
                try await self.store.update(DirectoryKeys.resetCode(userID), ItemUpdate().add("attempts", 1))
            }
            throw .codeMismatch
        }
        let passwordHash = try await self.hash(newPassword)
        do throws(ItemStoreError) {
            try await self.store.transactWrite([
                // A new generation revokes every refresh token handed out before.
                .update(DirectoryKeys.account(userID),
                    ItemUpdate().set("passwordHash", to: .string(passwordHash)).add("generation", 1),
                    condition: .attributeExists(AttributePath(TableSchema.partitionKey))),
                .delete(DirectoryKeys.resetCode(userID), condition: .equal("codeDigest", .string(digest))),
            ])
        } catch {
            if case .transactionCanceled = error { throw .codeMismatch }
            throw .unavailable("\(error)")
        }
        try await self.perform { try await self.throttle.clear(email) }
    }

    public func addUser(email: String, toGroup group: String) async throws(IdentityError) {
        try await self.changeGroups(email: email, group: group) { $0.add("groups", .stringSet([group])) }
    }

    public func removeUser(email: String, fromGroup group: String) async throws(IdentityError) {
        try await self.changeGroups(email: email, group: group) { $0.delete("groups", elements: .stringSet([group])) }
    }

    /// Whether `group` is a name Cognito would take: 1–128 letters, digits, `-`, `_` or `.`.
    public static func isValidGroupName(_ group: String) -> Bool {
        (1...128).contains(group.utf8.count) && group.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    private func changeGroups(
        email: String,
        group: String,
        _ change: (ItemUpdate) -> ItemUpdate
    ) async throws(IdentityError) {
        guard Self.isValidGroupName(group) else {
            throw .invalidParameter("A group name is 1 to 128 letters, digits, '-', '_' or '.'")
        }
        guard let account = try await self.account(email: Self.normalized(email)), let userID = account.string("userId") else {
            throw .userNotFound
        }
        let update = change(ItemUpdate())
        try await self.perform {
            try await self.store.update(DirectoryKeys.account(userID), update,
                condition: .attributeExists(AttributePath(TableSchema.partitionKey)))
        }
    }

    /// Access and id tokens for `account`, with its groups as they are now.
    private func tokens(for account: Item, refreshToken: String?) throws(IdentityError) -> AuthenticationTokens {
        guard let userID = account.string("userId"), let email = account.string("email") else {
            throw .unavailable("a malformed account record")
        }
        let groups: [String] = if case .stringSet(let set) = account["groups"] { set.sorted() } else { [] }
        do {
            return AuthenticationTokens(
                accessToken: try self.issuer.accessToken(
                    subject: userID, email: email, groups: groups, lifetime: Self.tokenLifetime),
                idToken: try self.issuer.idToken(
                    subject: userID, email: email, name: account.string("name") ?? "", groups: groups,
                    lifetime: Self.tokenLifetime),
                refreshToken: refreshToken,
                expiresIn: Int(Self.tokenLifetime.components.seconds)
            )
        } catch {
            throw .unavailable("tokens could not be signed: \(error)")
        }
    }

    private func account(id: String) async throws(IdentityError) -> Item? {
        try await self.perform { try await self.store.get(DirectoryKeys.account(id)) }
    }

    private func account(email: String) async throws(IdentityError) -> Item? {
        guard let userID = try await self.perform({ try await self.store.get(DirectoryKeys.email(email)) })?.string("userId") else {
            return nil
        }
        return try await self.account(id: userID)
    }

    private func hash(_ password: String) async throws(IdentityError) -> String {
        do {
            return try await self.hasher.hash(password)
        } catch {
            throw .unavailable("the password could not be hashed: \(error)")
        }
    }

    /// Runs a store operation, reporting a store failure as the directory being unavailable.
    private func perform<T>(_ operation: () async throws -> T) async throws(IdentityError) -> T {
        do {
            return try await operation()
        } catch {
            throw .unavailable("\(error)")
        }
    }

    /// Emails are compared without surrounding spaces and case, as Cognito compares usernames.
    static func normalized(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A reset code is kept as a digest bound to its account.
    private static func codeDigest(_ code: String, userID: String) -> String {
        Cloud.SHA256.hexDigest("\(userID):\(code)")
    }

    /// 32 random bytes, base64url: an opaque refresh token.
    private static func randomToken() -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        return Base64URL.encode(Data(bytes))
    }
}
