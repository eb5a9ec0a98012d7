import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// The local identity provider on a SQLite directory in a temporary folder, with a clock the test moves (the store's
/// time to live follows it too).
final class IdentityFixture: Sendable {
    let directory: TemporaryDirectory
    let store: SQLiteItemStore
    let issuer: LocalTokenIssuer
    let notifications: NotificationLog
    let identity: LocalIdentityProvider
    let clock: ManualClock

    init(hasher: PasswordHasher = PasswordHasher(cost: .insecureFast), tokenLifetime: Duration = .seconds(3600)) throws
    {
        let clock = ManualClock()
        self.clock = clock
        self.directory = try TemporaryDirectory()
        self.store = try SQLiteItemStore(path: self.directory.path("directory.sqlite"), clock: clock)
        self.issuer = try LocalTokenIssuer(directory: self.directory.path("identity"), clock: clock)
        self.notifications = NotificationLog(path: self.directory.path("notifications.log"), clock: clock)
        self.identity = LocalIdentityProvider(
            store: self.store, issuer: self.issuer, notifications: self.notifications,
            hasher: hasher, tokenLifetime: tokenLifetime, clock: clock
        )
    }

    /// The same directory seen through a provider with another hasher (e.g. a server restarted with another cost).
    func identity(hasher: PasswordHasher) -> LocalIdentityProvider {
        LocalIdentityProvider(
            store: self.store, issuer: self.issuer, notifications: self.notifications, hasher: hasher, clock: self.clock
        )
    }

    func advance(seconds: Int64) {
        self.clock.advance(by: .seconds(seconds))
    }

    /// The claims the gateway's authorizer finds in an access token.
    func claims(_ accessToken: String) throws -> [String: String] {
        try self.issuer.authorizer.authorize(
            authorization: "Bearer \(accessToken)", requiredScopes: [], nowSeconds: self.clock.nowSeconds
        ).claims
    }

    /// The reset code in the newest email to `address`.
    func latestCode(to address: String) throws -> String {
        let message = try #require(try self.notifications.entries().last { $0.to == address }).message
        return String(try #require(message.firstMatch(of: /\d{6}/)).output)
    }

    /// The directory's files as text: whatever it stores, committed or still in the write-ahead log.
    func storedText() throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: self.directory.path("directory.sqlite")))
        var text = String(decoding: data, as: UTF8.self)
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: self.directory.path("directory.sqlite-wal"))) {
            text += String(decoding: wal, as: UTF8.self)
        }
        return text
    }
}

@Suite struct LocalIdentityProviderTests {
    @Test func signUpKeepsOnlyASaltedHashAndRefusesADuplicateEmailInAnyCase() async throws {
        let fixture = try IdentityFixture()
        let account = try await fixture.identity.signUp(
            email: " Ada@Example.COM ", password: "Correct-Horse-7", name: "Ada")
        #expect(account.email == "ada@example.com")
        #expect(UUID(uuidString: account.userID) != nil)
        await #expect(throws: IdentityError.usernameExists) {
            try await fixture.identity.signUp(email: "ada@example.com", password: "Another-Pass-8", name: "Imposter")
        }
        await #expect(
            throws: IdentityError.invalidPassword(["must contain an upper-case letter", "must contain a digit"])
        ) {
            try await fixture.identity.signUp(email: "bob@example.com", password: "lowercase-only", name: "Bob")
        }
        let stored = try fixture.storedText()
        #expect(!stored.contains("Correct-Horse-7"), "the password is never stored in clear")
        #expect(stored.contains("$scrypt$ln=10,r=8,p=1$"))
    }

    @Test func aWrongPasswordAndAnUnknownEmailAreRefusedAlikeAndAccessTokensCarryCognitosClaims() async throws {
        let fixture = try IdentityFixture()
        let account = try await fixture.identity.signUp(
            email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        await #expect(throws: IdentityError.notAuthorized) {
            try await fixture.identity.signIn(email: "ada@example.com", password: "Wrong-Horse-7")
        }
        await #expect(throws: IdentityError.notAuthorized) {
            try await fixture.identity.signIn(email: "nobody@example.com", password: "Correct-Horse-7")
        }
        let tokens = try await fixture.identity.signIn(email: "ADA@example.com", password: "Correct-Horse-7")
        #expect(tokens.tokenType == "Bearer")
        #expect(tokens.expiresIn == 3600)
        #expect(tokens.refreshToken != nil)
        let claims = try fixture.claims(tokens.accessToken)
        #expect(claims["sub"] == account.userID)
        #expect(claims["email"] == "ada@example.com")
        #expect(claims["token_use"] == "access")
        #expect(claims["client_id"] == LocalTokenIssuer.clientID)
        #expect(claims["iss"] == LocalTokenIssuer.issuer)
        #expect(claims["cognito:groups"] == nil)
        #expect(throws: JWTValidationError.self, "an id token is not an access token") {
            try fixture.claims(tokens.idToken)
        }
    }

    @Test func repeatedFailuresLockTheEmailForAGrowingTimeWhetherOrNotItHasAnAccount() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        for email in ["ada@example.com", "nobody@example.com"] {
            for _ in 0..<5 {
                await #expect(throws: IdentityError.notAuthorized) {
                    try await fixture.identity.signIn(email: email, password: "Wrong-Horse-7")
                }
            }
            await #expect(
                throws: IdentityError.tooManyFailedAttempts(retryAfterSeconds: 1),
                "locked, even with the right password"
            ) {
                try await fixture.identity.signIn(email: email, password: "Correct-Horse-7")
            }
        }
        fixture.advance(seconds: 1)
        await #expect(throws: IdentityError.notAuthorized) {
            try await fixture.identity.signIn(email: "ada@example.com", password: "Wrong-Horse-7")
        }
        await #expect(
            throws: IdentityError.tooManyFailedAttempts(retryAfterSeconds: 2), "each failure doubles the lock"
        ) {
            try await fixture.identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")
        }
        fixture.advance(seconds: 2)
        _ = try await fixture.identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")
        await #expect(throws: IdentityError.notAuthorized, "a success clears the count") {
            try await fixture.identity.signIn(email: "ada@example.com", password: "Wrong-Horse-7")
        }
    }

    @Test func refreshTokensGiveNewTokensWithCurrentGroupsUntilRevoked() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "sam@example.com", password: "Correct-Horse-7", name: "Sam")
        let first = try await fixture.identity.signIn(email: "sam@example.com", password: "Correct-Horse-7")
        let refreshToken = try #require(first.refreshToken)
        try await fixture.identity.addUser(email: "sam@example.com", toGroup: "staff")
        let refreshed = try await fixture.identity.refresh(refreshToken: refreshToken)
        #expect(refreshed.refreshToken == nil)
        #expect(try fixture.claims(refreshed.accessToken)["cognito:groups"] == "[staff]")
        try await fixture.identity.removeUser(email: "sam@example.com", fromGroup: "staff")
        #expect(
            try fixture.claims(try await fixture.identity.refresh(refreshToken: refreshToken).accessToken)[
                "cognito:groups"] == nil)
        await #expect(throws: IdentityError.userNotFound) {
            try await fixture.identity.addUser(email: "nobody@example.com", toGroup: "staff")
        }
        await #expect(
            throws: IdentityError.invalidParameter("A group name is 1 to 128 letters, digits, '-', '_' or '.'")
        ) {
            try await fixture.identity.addUser(email: "sam@example.com", toGroup: "staff; drop table")
        }

        try await fixture.identity.revoke(refreshToken: refreshToken)
        await #expect(throws: IdentityError.notAuthorized) {
            try await fixture.identity.refresh(refreshToken: refreshToken)
        }
        await #expect(throws: IdentityError.notAuthorized) {
            try await fixture.identity.refresh(refreshToken: "made-up")
        }
        #expect(!(try fixture.storedText()).contains(refreshToken), "refresh tokens are stored by their digest")
    }

    @Test func aResetCodeSetsANewPasswordOnceAndRevokesEveryRefreshToken() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        let session = try await fixture.identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")

        try await fixture.identity.forgotPassword(email: "nobody@example.com", clientAddress: "192.0.2.1")
        let note = try #require(
            try fixture.notifications.entries().last, "no account, no error either: a note instead of a code")
        #expect(note.to == "nobody@example.com")
        #expect(note.message.firstMatch(of: /\d{6}/) == nil)
        try await fixture.identity.forgotPassword(email: "Ada@example.com", clientAddress: "192.0.2.1")
        let code = try fixture.latestCode(to: "ada@example.com")
        let wrong = code == "000000" ? "111111" : "000000"

        await #expect(throws: IdentityError.invalidPassword(["must contain a digit"])) {
            try await fixture.identity.confirmForgotPassword(
                email: "ada@example.com", code: code, newPassword: "No-Digits-Here")
        }
        await #expect(throws: IdentityError.codeMismatch) {
            try await fixture.identity.confirmForgotPassword(
                email: "ada@example.com", code: wrong, newPassword: "New-Horse-8")
        }
        await #expect(throws: IdentityError.codeMismatch) {
            try await fixture.identity.confirmForgotPassword(
                email: "nobody@example.com", code: code, newPassword: "New-Horse-8")
        }
        try await fixture.identity.confirmForgotPassword(
            email: "ada@example.com", code: code, newPassword: "New-Horse-8")
        await #expect(throws: IdentityError.codeMismatch, "a code works once") {
            try await fixture.identity.confirmForgotPassword(
                email: "ada@example.com", code: code, newPassword: "Other-Horse-9")
        }
        await #expect(throws: IdentityError.notAuthorized) {
            try await fixture.identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")
        }
        _ = try await fixture.identity.signIn(email: "ada@example.com", password: "New-Horse-8")
        await #expect(throws: IdentityError.notAuthorized, "a reset revokes the sessions opened before it") {
            try await fixture.identity.refresh(refreshToken: try #require(session.refreshToken))
        }
        #expect(!(try fixture.storedText()).contains(code), "codes are stored by their digest")
    }

    /// Tokens are issued at the directory's clock and expire with it: the access token after its lifetime, the
    /// refresh token after thirty days (its record's time to live in the store, on the same clock).
    @Test func tokensAreIssuedOnTheClockAndExpireWithIt() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        let tokens = try await fixture.identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")
        let refreshToken = try #require(tokens.refreshToken)
        #expect(try fixture.claims(tokens.accessToken)["iat"] == String(fixture.clock.nowSeconds))
        fixture.advance(seconds: 3599)
        #expect(try fixture.claims(tokens.accessToken)["sub"] != nil, "valid to its last second")
        fixture.advance(seconds: 1)
        #expect(throws: JWTValidationError.invalidToken("the token has expired")) {
            try fixture.claims(tokens.accessToken)
        }
        fixture.advance(seconds: LocalIdentityProvider.refreshTokenLifetimeSeconds - 3600 - 1)
        _ = try await fixture.identity.refresh(refreshToken: refreshToken)
        fixture.advance(seconds: 1)
        await #expect(throws: IdentityError.notAuthorized) {
            try await fixture.identity.refresh(refreshToken: refreshToken)
        }
    }

    @Test func aCodeExpires() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        try await fixture.identity.forgotPassword(email: "ada@example.com", clientAddress: "192.0.2.1")
        let code = try fixture.latestCode(to: "ada@example.com")
        fixture.advance(seconds: LocalIdentityProvider.resetCodeLifetimeSeconds + 1)
        await #expect(throws: IdentityError.expiredCode) {
            try await fixture.identity.confirmForgotPassword(
                email: "ada@example.com", code: code, newPassword: "New-Horse-8")
        }
    }

    @Test func deletingAnAccountFreesItsEmail() async throws {
        let fixture = try IdentityFixture()
        let account = try await fixture.identity.signUp(
            email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        try await fixture.identity.deleteUser(id: account.userID)
        await #expect(throws: IdentityError.notAuthorized) {
            try await fixture.identity.signIn(email: "ada@example.com", password: "Correct-Horse-7")
        }
        let again = try await fixture.identity.signUp(
            email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        #expect(again.userID != account.userID)
    }
}

@Suite struct PasswordHasherTests {
    @Test func hashesAreSaltedAndVerifyOnlyTheirPassword() async throws {
        let hasher = PasswordHasher(cost: .insecureFast)
        let first = try await hasher.hash("Correct-Horse-7")
        let second = try await hasher.hash("Correct-Horse-7")
        #expect(first != second, "a fresh salt every time")
        #expect(first.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(try await hasher.verify("Correct-Horse-7", against: first))
        #expect(try await hasher.verify("Correct-Horse-7", against: second))
        #expect(!(try await hasher.verify("Correct-Horse-8", against: first)))
        #expect(!(try await hasher.verify("", against: first)))
    }

    @Test func aHashMadeAtAnotherCostStillVerifiesAndAMalformedOneVerifiesNothing() async throws {
        let stronger = try await PasswordHasher(cost: PasswordHasher.Cost(logRounds: 11, blockSize: 8, parallelism: 1))
            .hash("pw")
        #expect(try await PasswordHasher(cost: .insecureFast).verify("pw", against: stronger))
        let hasher = PasswordHasher(cost: .insecureFast)
        for malformed in [
            "", "pw", "$scrypt$ln=10,r=8,p=1$", "$scrypt$ln=40,r=8,p=1$AAAA$AAAA", "$bcrypt$ln=10,r=8,p=1$AAAA$AAAA",
            stronger.replacingOccurrences(of: "ln=11", with: "ln=31"),
        ] {
            #expect(!(try await hasher.verify("pw", against: malformed)), "\(malformed)")
        }
    }
}
