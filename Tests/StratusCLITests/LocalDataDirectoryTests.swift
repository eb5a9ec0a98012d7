import Cloud
import LocalCloud
import StratusTesting
import Testing

@testable import stratus

/// The folder `stratus serve` and the other commands keep the local cloud in, and the clock all of it runs on.
@Suite("stratus data directory")
struct LocalDataDirectoryTests {
    @Test func theStoresTheTokensAndTheCodesOfTheFolderRunOnItsClock() async throws {
        let folder = try TemporaryDirectory()
        let clock = ManualClock(nowMilliseconds: 1_795_469_809_007)
        let data = LocalDataDirectory(path: folder.path("data"), clock: clock)

        let store = try data.openStore()
        let key = ItemKey(partition: "SESSION#1", sort: "DETAILS")
        try await store.put(Item(key.attributes.merging(["expiresAt": .int(1_795_469_819)]) { $1 }))
        #expect(try await store.get(key) != nil)

        let issuer = try data.tokenIssuer()
        let token = try issuer.accessToken(subject: "alice")
        let claims = try issuer.authorizer.authorize(
            authorization: "Bearer \(token)", requiredScopes: [], nowSeconds: clock.nowSeconds
        ).claims
        #expect(claims["iat"] == "1795469809")

        let identity = data.identityProvider(
            directory: try data.openIdentityDirectory(), issuer: issuer, hashing: .insecureFast)
        _ = try await identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        try await identity.forgotPassword(email: "ada@example.com", clientAddress: "192.0.2.1")
        #expect(
            try NotificationLog(path: data.notificationLogPath).entries().map(\.time) == ["2026-11-23T21:36:49.007Z"])

        clock.advance(by: .seconds(10))
        #expect(try await store.get(key) == nil, "the store's time to live follows the folder's clock")
    }
}
