import AWS
import Cloud
import Foundation
import IdentityProviderContract
import LocalCloud
import StratusTesting
import Testing

/// The `IdentityProvider` contract, run on ``CognitoIdentityProvider`` against moto over HTTP (one server for every
/// check, stopped by its pid at the end), and on the local provider, which the contract was read from.
@Suite struct CognitoIdentityProviderContractTests {
    /// Where moto 5 differs from Cognito, by check.
    static let motoGaps = [
        "a revoked refresh token no longer refreshes, and revoking it again is no error":
            "moto does not implement RevokeToken (it answers 500 'not been implemented')",
        "a wrong reset code is refused and leaves the password as it was":
            "moto answers a wrong code with ExpiredCodeException, not CodeMismatchException (and accepts any code without its 'moto-confirmation-code:' prefix)",
        "a deleted account's refresh token is refused":
            "moto keeps a deleted user's refresh tokens and answers 500 to them (it fails reading the user's groups)",
    ]

    @Test func theContractPassesAgainstMoto() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let pool = try await MotoUserPool(moto)
        let subject = IdentityProviderContract.Subject(provider: pool.provider) { email in
            try await pool.resetCode(email)
        }
        await runContract(IdentityProviderContract.checks, name: \.name, gaps: Self.motoGaps) { check in
            try await check.run(subject)
        }
    }

    @Test func theContractPassesOnTheLocalProvider() async throws {
        let directory = try TemporaryDirectory()
        let notifications = NotificationLog(path: directory.path("notifications.log"))
        let provider = LocalIdentityProvider(
            store: try SQLiteItemStore(path: directory.path("directory.sqlite")),
            issuer: try LocalTokenIssuer(directory: directory.path("identity")), notifications: notifications,
            hasher: PasswordHasher(cost: .insecureFast))
        let subject = IdentityProviderContract.Subject(provider: provider) { email in
            let message = try #require(try notifications.entries().last { $0.to == email }).message
            return String(try #require(message.firstMatch(of: /\d{6}/)).output)
        }
        await runContract(IdentityProviderContract.checks, name: \.name, gaps: [:]) { check in
            try await check.run(subject)
        }
    }
}
