import Cloud
import Foundation
import LocalCloud
import Middleware
import Services

/// The auth and users functions on one SQLite store, with the local identity provider on a directory of its own,
/// all in a temporary folder.
final class AccountsFixture: Sendable {
    let directory: URL
    let store: SQLiteItemStore
    let issuer: LocalTokenIssuer
    let notifications: NotificationLog
    let auth: AuthAPI
    let users: UsersAPI

    init() throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        self.store = try SQLiteItemStore(path: self.directory.appendingPathComponent("store.sqlite").path)
        self.issuer = try LocalTokenIssuer(directory: self.directory.appendingPathComponent("identity").path)
        self.notifications = NotificationLog(path: self.directory.appendingPathComponent("notifications.log").path)
        let identity = LocalIdentityProvider(
            store: try SQLiteItemStore(path: self.directory.appendingPathComponent("directory.sqlite").path),
            issuer: self.issuer, notifications: self.notifications, hasher: PasswordHasher(cost: .insecureFast)
        )
        self.auth = AuthAPI(identity: identity, store: self.store)
        self.users = UsersAPI(store: self.store)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Sends a JSON body to an auth route.
    func auth(_ path: String, _ body: String) async throws -> APIGatewayV2Response {
        try await self.auth.handle(.test("POST", path, body: body), context: .test())
    }

    /// Sends a request to a users route as `userID`.
    func users(
        _ method: String, as userID: String, body: String? = nil, headers: [String: String] = [:]
    ) async throws -> APIGatewayV2Response {
        try await self.users.handle(.test(method, "/users/me", body: body, claims: ["sub": userID], headers: headers), context: .test())
    }

    /// Registers an account and returns its user id.
    func register(_ email: String, password: String = "Correct-Horse-7", name: String = "Ada") async throws -> String {
        let response = try await self.auth("/auth/register", #"{"email":"\#(email)","password":"\#(password)","name":"\#(name)"}"#)
        precondition(response.statusCode == 201, "register failed: \(response.body ?? "")")
        return try response.json()["userId"] as? String ?? ""
    }
}
