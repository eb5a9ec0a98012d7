import Cloud
import Foundation
import LocalCloud
import Middleware
import Services
import StratusTesting

/// The auth and users functions on one in-memory store, with the local identity provider on a directory of its own
/// (its signing key, user directory and notification log in a temporary folder). The identity provider's limits run
/// on a manual clock, so a lock lasts until the test moves the clock, however slowly a loaded machine runs the test.
final class AccountsFixture: Sendable {
    let directory: TemporaryDirectory
    let store: InMemoryItemStore
    let issuer: LocalTokenIssuer
    let notifications: NotificationLog
    let clock = ManualClock()
    let auth: AuthAPI
    let users: UsersAPI

    init() throws {
        self.directory = try TemporaryDirectory()
        self.store = InMemoryItemStore()
        self.issuer = try LocalTokenIssuer(directory: self.directory.path("identity"))
        self.notifications = NotificationLog(path: self.directory.path("notifications.log"))
        let identity = LocalIdentityProvider(
            store: InMemoryItemStore(clock: self.clock),
            issuer: self.issuer, notifications: self.notifications, hasher: PasswordHasher(cost: .insecureFast),
            clock: self.clock
        )
        self.auth = AuthAPI(identity: identity, store: self.store)
        self.users = UsersAPI(store: self.store)
    }

    /// Sends a JSON body to an auth route.
    func auth(_ path: String, _ body: String) async throws -> APIGatewayV2Response {
        try await self.auth.handle(.test("POST", path, body: body), context: .test())
    }

    /// Sends a request to a users route as `userID`.
    func users(
        _ method: String, as userID: String, body: String? = nil, headers: [String: String] = [:]
    ) async throws -> APIGatewayV2Response {
        try await self.users.handle(
            .test(method, "/users/me", body: body, claims: ["sub": userID], headers: headers), context: .test())
    }

    /// Registers an account and returns its user id.
    func register(_ email: String, password: String = "Correct-Horse-7", name: String = "Ada") async throws -> String {
        let response = try await self.auth(
            "/auth/register", #"{"email":"\#(email)","password":"\#(password)","name":"\#(name)"}"#)
        precondition(response.statusCode == 201, "register failed: \(response.body ?? "")")
        return try response.json()["userId"] as? String ?? ""
    }
}
