public import Cloud
import Foundation
import Hashing
import Identifiers
import LambdaEvents

/// The local cloud's user directory, with Cognito's behaviour: accounts keyed by email with scrypt password hashes,
/// a password policy, groups, RS256 access and id tokens from ``LocalTokenIssuer``, revocable refresh tokens,
/// password-reset codes delivered through the ``NotificationLog``, and sign-in throttling.
///
/// Every guess is reserved before it is checked (a sign-in in the ``SignInThrottle``, a reset code in an
/// ``AttemptLimit`` per account), so guesses sent in parallel get no more tries than guesses sent one by one.
///
/// Everything lives in an ``ItemStore`` of its own (see ``DirectoryKeys``), so accounts survive restarts and crashes
/// like the rest of the local cloud's state.
public struct LocalIdentityProvider: IdentityProvider {
    /// How long access and id tokens are valid unless told otherwise: an hour, as Cognito's default.
    public static let defaultTokenLifetime = Duration.seconds(3600)
    /// How long a refresh token is valid.
    public static let refreshTokenLifetimeSeconds: Int64 = 30 * 24 * 3600
    /// How long a password-reset code is valid.
    public static let resetCodeLifetimeSeconds: Int64 = 15 * 60
    /// How many failed password-reset confirmations an account gets per ``resetFailureWindowSeconds``, whichever
    /// codes they were for.
    public static let resetCodeAttempts = 5
    /// The window of ``resetCodeAttempts``.
    public static let resetFailureWindowSeconds: Int64 = 15 * 60
    /// How many reset codes one email may ask for per hour, whether or not it has an account.
    public static let resetRequestsPerEmail = 5
    /// How many reset codes one client address may ask for per hour, for any emails.
    public static let resetRequestsPerAddress = 20

    /// How long access and id tokens are valid. They stay valid until then, after a sign-out or a change of
    /// groups too, as on AWS: only refresh tokens are revoked.
    public let tokenLifetime: Duration

    private let store: any ItemStore
    private let issuer: LocalTokenIssuer
    private let hasher: PasswordHasher
    private let notifications: NotificationLog
    private let policy: PasswordPolicy
    private let throttle: SignInThrottle
    private let resetFailures: AttemptLimit
    private let resetRequestsPerEmail: AttemptLimit
    private let resetRequestsPerAddress: AttemptLimit
    private let clock: any Clock

    /// A directory kept in `store`, signing with `issuer` tokens valid for `tokenLifetime`, sending codes to
    /// `notifications`, on `clock` (the store's time to live should follow the same clock: the limits' windows end
    /// with it).
    public init(
        store: any ItemStore,
        issuer: LocalTokenIssuer,
        notifications: NotificationLog,
        hasher: PasswordHasher = PasswordHasher(),
        policy: PasswordPolicy = .standard,
        tokenLifetime: Duration = LocalIdentityProvider.defaultTokenLifetime,
        clock: any Clock = SystemClock()
    ) {
        self.store = store
        self.issuer = issuer
        self.hasher = hasher
        self.notifications = notifications
        self.policy = policy
        self.tokenLifetime = tokenLifetime
        self.throttle = SignInThrottle(store: store)
        self.resetFailures = AttemptLimit(
            store: store, limit: Self.resetCodeAttempts, windowSeconds: Self.resetFailureWindowSeconds)
        self.resetRequestsPerEmail = AttemptLimit(store: store, limit: Self.resetRequestsPerEmail, windowSeconds: 3600)
        self.resetRequestsPerAddress = AttemptLimit(
            store: store, limit: Self.resetRequestsPerAddress, windowSeconds: 3600)
        self.clock = clock
    }

    /// Creates an account with a hash of `password`; the email is trimmed and lower-cased first.
    ///
    /// - Throws: ``IdentityError/invalidPassword(_:)`` when the password breaks the policy,
    ///   ``IdentityError/usernameExists`` when the email has an account, ``IdentityError/unavailable(_:)`` when the
    ///   store fails.
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
            "createdAt": .string(self.clock.nowISO8601),
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

    /// Deletes the account with user ID `id`; an unknown ID is not an error.
    ///
    /// - Throws: ``IdentityError/unavailable(_:)`` when the store fails.
    public func deleteUser(id: String) async throws(IdentityError) {
        guard let account = try await self.account(id: id), let email = account.string("email") else { return }
        try await self.perform {
            try await self.store.transactWrite([
                .delete(DirectoryKeys.account(id)), .delete(DirectoryKeys.email(email)),
            ])
        }
    }

    /// Checks the password and issues access, id and refresh tokens; failures count towards the sign-in throttle.
    ///
    /// - Throws: ``IdentityError/notAuthorized`` for a wrong password or unknown email alike,
    ///   ``IdentityError/tooManyFailedAttempts(retryAfterSeconds:)`` while throttled,
    ///   ``IdentityError/busy(retryAfterSeconds:)`` when the hashing queue is full, ``IdentityError/unavailable(_:)``.
    public func signIn(email: String, password: String) async throws(IdentityError) -> AuthenticationTokens {
        let email = Self.normalized(email)
        let now = self.clock.nowMilliseconds
        if let seconds = try await self.perform({ try await self.throttle.reserve(email, nowMilliseconds: now) }) {
            throw .tooManyFailedAttempts(retryAfterSeconds: seconds)
        }
        let account = try await self.account(email: email)
        let isMatch: Bool
        do throws(IdentityError) {
            if let account, let passwordHash = account.string("passwordHash") {
                isMatch = try await self.hashing { try await self.hasher.verify(password, against: passwordHash) }
            } else {
                try await self.hashing { try await self.hasher.verifyNothing(password) }
                isMatch = false
            }
        } catch {
            // The password was not checked: the attempt is given back, so that it counts against nobody.
            try? await self.throttle.release(email)
            throw error
        }
        guard isMatch, let account, let passwordHash = account.string("passwordHash") else { throw .notAuthorized }
        try await self.perform { try await self.throttle.clear(email) }
        await self.rehashIfNeeded(account, password: password, passwordHash: passwordHash)
        let refreshToken = Self.randomToken()
        let expiresAt = now / 1000 + Self.refreshTokenLifetimeSeconds
        var record = Item(DirectoryKeys.refreshToken(refreshToken).attributes)
        record["userId"] = account["userId"]
        record["generation"] = account["generation"]
        record[TableSchema.expiresAt] = .int(Int(expiresAt))
        try await self.perform { try await self.store.put(record) }
        return try self.tokens(for: account, refreshToken: refreshToken)
    }

    /// Replaces a hash made with other parameters than the hasher's (an account created under
    /// `--insecure-fast-password-hashing`, or before a change of cost) with a new one, now that the password is known
    /// to be right, so that a weak hash does not outlive the setting that made it. Best effort: when the queue is full
    /// or another sign-in changed the hash first, the next sign-in tries again.
    private func rehashIfNeeded(_ account: Item, password: String, passwordHash: String) async {
        guard self.hasher.needsRehash(passwordHash), let userID = account.string("userId"),
            let rehashed = try? await self.hasher.hash(password)
        else { return }
        _ = try? await self.store.update(
            DirectoryKeys.account(userID), ItemUpdate().set("passwordHash", to: .string(rehashed)),
            condition: .equal("passwordHash", .string(passwordHash)))
    }

    /// New access and id tokens for a stored refresh token whose account has not since changed its password.
    ///
    /// - Throws: ``IdentityError/notAuthorized`` for a token that is unknown, revoked, over 512 bytes or outdated.
    public func refresh(refreshToken: String) async throws(IdentityError) -> AuthenticationTokens {
        guard refreshToken.utf8.count <= 512,
            let record = try await self.perform({ try await self.store.get(DirectoryKeys.refreshToken(refreshToken)) }),
            let userID = record.string("userId"),
            let account = try await self.account(id: userID),
            account.int("generation") == record.int("generation")
        else { throw .notAuthorized }
        return try self.tokens(for: account, refreshToken: nil)
    }

    /// Deletes the refresh token; an unknown or oversized token is not an error.
    ///
    /// - Throws: ``IdentityError/unavailable(_:)`` when the store fails.
    public func revoke(refreshToken: String) async throws(IdentityError) {
        guard refreshToken.utf8.count <= 512 else { return }
        try await self.perform { try await self.store.delete(DirectoryKeys.refreshToken(refreshToken)) }
    }

    /// Limited per client address and per email (with or without an account), then does the same work whether or
    /// not the email has an account: the same reads, a code record written under the email, and one email sent (for
    /// an unknown address, a note that it has no account), so that neither the answer nor its time tells them apart.
    public func forgotPassword(email: String, clientAddress: String) async throws(IdentityError) {
        let email = Self.normalized(email)
        let nowSeconds = self.clock.nowSeconds
        try await self.reserve(
            self.resetRequestsPerAddress, DirectoryKeys.resetRequests(fromAddress: ClientNetwork.of(clientAddress)),
            nowSeconds)
        try await self.reserve(self.resetRequestsPerEmail, DirectoryKeys.resetRequests(email), nowSeconds)
        // Two reads either way: an unknown email's account is looked up under an id no account has.
        let claimedID = try await self.perform { try await self.store.get(DirectoryKeys.email(email)) }?.string(
            "userId")
        let userID = try await self.account(id: claimedID ?? "")?.string("userId")
        let code = String(format: "%06d", UInt32.random(in: 0..<1_000_000))
        let validUntil = nowSeconds + Self.resetCodeLifetimeSeconds
        var record = Item(DirectoryKeys.resetCode(email).attributes)
        record["codeDigest"] = .string(Self.codeDigest(code, userID: userID ?? ""))
        record["validUntil"] = .int(Int(validUntil))
        // Kept a day past its validity, so that a late attempt is told the code expired rather than that it is wrong.
        record[TableSchema.expiresAt] = .int(Int(validUntil + 24 * 3600))
        try await self.perform { try await self.store.put(record) }
        let message =
            userID == nil
            ? "Someone asked to reset the password of an account with this email, but there is none. If it was you, "
                + "you may have signed up with another email; otherwise you can ignore this message."
            : "Your code is \(code). It is valid for \(Self.resetCodeLifetimeSeconds / 60) minutes."
        do {
            try self.notifications.sendEmail(to: email, subject: "Your password reset code", message: message)
        } catch {
            throw .unavailable("the reset code could not be delivered: \(error)")
        }
    }

    /// Reserves a failed attempt of the account before the code is compared, so that parallel guesses cannot compare
    /// more codes than ``resetCodeAttempts``; a success gives the attempts back.
    public func confirmForgotPassword(email: String, code: String, newPassword: String) async throws(IdentityError) {
        let email = Self.normalized(email)
        let violations = self.policy.violations(of: newPassword)
        guard violations.isEmpty else { throw .invalidPassword(violations) }
        guard let userID = try await self.account(email: email)?.string("userId") else { throw .codeMismatch }
        let nowSeconds = self.clock.nowSeconds
        try await self.reserve(self.resetFailures, DirectoryKeys.resetFailures(userID), nowSeconds)
        guard let record = try await self.perform({ try await self.store.get(DirectoryKeys.resetCode(email)) }),
            let digest = record.string("codeDigest"), let validUntil = record.int("validUntil")
        else { throw .codeMismatch }
        guard ConstantTime.equal(Array(Self.codeDigest(code, userID: userID).utf8), Array(digest.utf8)) else {
            throw .codeMismatch
        }
        guard Int64(validUntil) > nowSeconds else { throw .expiredCode }
        let passwordHash = try await self.hash(newPassword)
        do throws(ItemStoreError) {
            try await self.store.transactWrite([
                // A new generation revokes every refresh token handed out before.
                .update(
                    DirectoryKeys.account(userID),
                    ItemUpdate().set("passwordHash", to: .string(passwordHash)).add("generation", 1),
                    condition: .attributeExists(AttributePath(TableSchema.partitionKey))),
                .delete(DirectoryKeys.resetCode(email), condition: .equal("codeDigest", .string(digest))),
            ])
        } catch {
            if case .transactionCanceled = error { throw .codeMismatch }
            throw .unavailable("\(error)")
        }
        try await self.perform {
            try await self.resetFailures.reset(DirectoryKeys.resetFailures(userID))
            try await self.throttle.clear(email)
        }
    }

    /// Adds the account with `email` to `group`; its next tokens carry the group in `cognito:groups`.
    ///
    /// - Throws: ``IdentityError/invalidParameter(_:)`` for an invalid group name, ``IdentityError/userNotFound`` for
    ///   an
    ///   unknown email, ``IdentityError/unavailable(_:)`` when the store fails.
    public func addUser(email: String, toGroup group: String) async throws(IdentityError) {
        try await self.changeGroups(email: email, group: group) { $0.add("groups", .stringSet([group])) }
    }

    /// Removes the account with `email` from `group`; tokens already issued keep it until they expire.
    ///
    /// - Throws: as ``addUser(email:toGroup:)``.
    public func removeUser(email: String, fromGroup group: String) async throws(IdentityError) {
        try await self.changeGroups(email: email, group: group) { $0.delete("groups", elements: .stringSet([group])) }
    }

    /// Whether `group` is a name Cognito would take: 1–128 letters, digits, `-`, `_` or `.`.
    public static func isValidGroupName(_ group: String) -> Bool {
        (1...128).contains(group.utf8.count)
            && group.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
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
        guard let account = try await self.account(email: Self.normalized(email)), let userID = account.string("userId")
        else {
            throw .userNotFound
        }
        let update = change(ItemUpdate())
        _ = try await self.perform {
            try await self.store.update(
                DirectoryKeys.account(userID), update,
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
                    subject: userID, email: email, groups: groups, lifetime: self.tokenLifetime),
                idToken: try self.issuer.idToken(
                    subject: userID, email: email, name: account.string("name") ?? "", groups: groups,
                    lifetime: self.tokenLifetime),
                refreshToken: refreshToken,
                expiresIn: Int(self.tokenLifetime.components.seconds)
            )
        } catch {
            throw .unavailable("tokens could not be signed: \(error)")
        }
    }

    private func account(id: String) async throws(IdentityError) -> Item? {
        try await self.perform { try await self.store.get(DirectoryKeys.account(id)) }
    }

    private func account(email: String) async throws(IdentityError) -> Item? {
        guard
            let userID = try await self.perform({ try await self.store.get(DirectoryKeys.email(email)) })?.string(
                "userId")
        else {
            return nil
        }
        return try await self.account(id: userID)
    }

    private func hash(_ password: String) async throws(IdentityError) -> String {
        try await self.hashing { try await self.hasher.hash(password) }
    }

    /// Runs a hasher operation, reporting a full queue as the directory being busy.
    private func hashing<T>(_ operation: () async throws -> T) async throws(IdentityError) -> T {
        do {
            return try await operation()
        } catch is HashingQueue.Overloaded {
            throw .busy(retryAfterSeconds: 1)
        } catch {
            throw .unavailable("the password could not be hashed: \(error)")
        }
    }

    /// Reserves an attempt under `key` with `limit`, throwing ``IdentityError/limitExceeded(retryAfterSeconds:)``
    /// when its window is spent.
    private func reserve(_ limit: AttemptLimit, _ key: ItemKey, _ nowSeconds: Int64) async throws(IdentityError) {
        let decision = try await self.perform { try await limit.reserve(key, nowSeconds: nowSeconds) }
        if case .refused(let seconds) = decision { throw .limitExceeded(retryAfterSeconds: seconds) }
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
        Hashing.SHA256.hexDigest("\(userID):\(code)")
    }

    /// 32 random bytes, base64url: an opaque refresh token.
    private static func randomToken() -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        return Base64.encode(bytes, .url)
    }
}
