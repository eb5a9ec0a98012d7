public import Cloud
import Foundation
public import Testing

/// The behaviour every ``IdentityProvider`` adapter must show, written against the port only.
///
/// ```swift
/// for check in IdentityProviderContract.checks {
///     try await check.run(IdentityProviderContract.Subject(provider: provider) { email in try latestCode(email) })
/// }
/// ```
///
/// Checks name their accounts with a fresh random prefix, so they may share one directory (one user pool).
public enum IdentityProviderContract {
    /// The provider under test, and how a test reads the password-reset code it delivered out of band.
    public struct Subject: Sendable {
        /// The provider under test.
        public let provider: any IdentityProvider
        /// The newest reset code the provider sent to an email, read as its user would.
        public let resetCode: @Sendable (_ email: String) async throws -> String

        /// A subject from its parts.
        public init(provider: any IdentityProvider, resetCode: @escaping @Sendable (String) async throws -> String) {
            self.provider = provider
            self.resetCode = resetCode
        }
    }

    /// One named behaviour.
    public struct Check: Sendable, CustomTestStringConvertible {
        /// What the check shows, in a sentence.
        public let name: String
        let body: @Sendable (Subject, _ email: String) async throws -> Void

        init(_ name: String, _ body: @escaping @Sendable (Subject, _ email: String) async throws -> Void) {
            self.name = name
            self.body = body
        }

        /// The check's name, as the test report shows it.
        public var testDescription: String { self.name }

        /// Runs the check against `subject`, with an email no other run uses.
        public func run(_ subject: Subject) async throws {
            try await self.body(subject, "contract-\(UInt32.random(in: 0...UInt32.max))@example.com")
        }
    }

    /// A password the standard policy accepts.
    static let password = "Contract-Passw0rd"
    /// Another one, for resets.
    static let newPassword = "Changed-Passw0rd"

    /// Every check of the contract.
    public static let checks: [Check] = [
        Check("a new account signs in at once, and its email cannot sign up again in another case") { subject, email in
            let account = try await subject.provider.signUp(email: email.uppercased(), password: password, name: "Ada")
            #expect(account.email == email)
            let tokens = try await subject.provider.signIn(email: email, password: password)
            #expect(tokens.refreshToken != nil)
            #expect(tokens.tokenType == "Bearer")
            #expect(tokens.expiresIn > 0)
            let access = try claims(of: tokens.accessToken)
            #expect(access["sub"] as? String == account.userID)
            #expect(access["token_use"] as? String == "access")
            #expect(try claims(of: tokens.idToken)["token_use"] as? String == "id")
            await expectIdentityError(.usernameExists) {
                _ = try await subject.provider.signUp(email: email.uppercased(), password: password, name: "Eve")
            }
        },
        Check("a password that breaks the policy is refused with its reasons") { subject, email in
            let error = await #expect(throws: IdentityError.self) {
                _ = try await subject.provider.signUp(email: email, password: "short", name: "Ada")
            }
            guard case .invalidPassword(let reasons)? = error else {
                Issue.record("expected invalidPassword, got \(String(describing: error))")
                return
            }
            #expect(!reasons.isEmpty)
        },
        Check("a wrong password and an unknown email are refused alike") { subject, email in
            _ = try await subject.provider.signUp(email: email, password: password, name: "Ada")
            await expectIdentityError(.notAuthorized) {
                _ = try await subject.provider.signIn(email: email, password: newPassword)
            }
            await expectIdentityError(.notAuthorized) {
                _ = try await subject.provider.signIn(email: "unknown-\(email)", password: password)
            }
        },
        Check("a refresh token gives new tokens for the same user without a new refresh token") { subject, email in
            let account = try await subject.provider.signUp(email: email, password: password, name: "Ada")
            let tokens = try await subject.provider.signIn(email: email, password: password)
            let refreshed = try await subject.provider.refresh(refreshToken: try #require(tokens.refreshToken))
            #expect(refreshed.refreshToken == nil)
            #expect(try claims(of: refreshed.accessToken)["sub"] as? String == account.userID)
            await expectIdentityError(.notAuthorized) {
                _ = try await subject.provider.refresh(refreshToken: "not-a-refresh-token")
            }
        },
        Check("a revoked refresh token no longer refreshes, and revoking it again is no error") { subject, email in
            _ = try await subject.provider.signUp(email: email, password: password, name: "Ada")
            let refreshToken = try #require(
                try await subject.provider.signIn(email: email, password: password).refreshToken)
            try await subject.provider.revoke(refreshToken: refreshToken)
            await expectIdentityError(.notAuthorized) {
                _ = try await subject.provider.refresh(refreshToken: refreshToken)
            }
            try await subject.provider.revoke(refreshToken: refreshToken)
        },
        Check("the reset code sets a new password and only the new one signs in") { subject, email in
            _ = try await subject.provider.signUp(email: email, password: password, name: "Ada")
            try await subject.provider.forgotPassword(email: "unknown-\(email)", clientAddress: "127.0.0.1")
            try await subject.provider.forgotPassword(email: email, clientAddress: "127.0.0.1")
            let code = try await subject.resetCode(email)
            try await subject.provider.confirmForgotPassword(email: email, code: code, newPassword: newPassword)
            await expectIdentityError(.notAuthorized) {
                _ = try await subject.provider.signIn(email: email, password: password)
            }
            _ = try await subject.provider.signIn(email: email, password: newPassword)
        },
        Check("a wrong reset code is refused and leaves the password as it was") { subject, email in
            _ = try await subject.provider.signUp(email: email, password: password, name: "Ada")
            try await subject.provider.forgotPassword(email: email, clientAddress: "127.0.0.1")
            let code = try await subject.resetCode(email)
            let wrong = String(code.dropLast()) + (code.hasSuffix("0") ? "1" : "0")
            await expectIdentityError(.codeMismatch) {
                try await subject.provider.confirmForgotPassword(email: email, code: wrong, newPassword: newPassword)
            }
            _ = try await subject.provider.signIn(email: email, password: password)
        },
        Check("groups show in the next tokens' cognito:groups and leave them when removed") { subject, email in
            _ = try await subject.provider.signUp(email: email, password: password, name: "Ada")
            try await subject.provider.addUser(email: email, toGroup: "contract-admins")
            let grouped = try await subject.provider.signIn(email: email, password: password)
            #expect(try claims(of: grouped.accessToken)["cognito:groups"] as? [String] == ["contract-admins"])
            try await subject.provider.removeUser(email: email, fromGroup: "contract-admins")
            let ungrouped = try await subject.provider.signIn(email: email, password: password)
            #expect(try claims(of: ungrouped.accessToken)["cognito:groups"] == nil)
        },
        Check("a deleted account signs in no more, and deleting it again is no error") { subject, email in
            let account = try await subject.provider.signUp(email: email, password: password, name: "Ada")
            try await subject.provider.deleteUser(id: account.userID)
            await expectIdentityError(.notAuthorized) {
                _ = try await subject.provider.signIn(email: email, password: password)
            }
            try await subject.provider.deleteUser(id: account.userID)
        },
        Check("a deleted account's refresh token is refused") { subject, email in
            let account = try await subject.provider.signUp(email: email, password: password, name: "Ada")
            let tokens = try await subject.provider.signIn(email: email, password: password)
            try await subject.provider.deleteUser(id: account.userID)
            await expectIdentityError(.notAuthorized) {
                _ = try await subject.provider.refresh(refreshToken: try #require(tokens.refreshToken))
            }
        },
    ]

    /// The claims of a JWT, read without checking its signature (the gateway tests check signatures).
    static func claims(of token: String) throws -> [String: Any] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        try #require(parts.count == 3, "a JWT has three parts")
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let payload = try #require(Data(base64Encoded: base64), "the payload is base64url")
        return try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
    }
}

/// Expects `body` to fail with `expected`.
func expectIdentityError(
    _ expected: IdentityError, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    await #expect(throws: expected, sourceLocation: sourceLocation) { try await body() }
}
