import AWS
import Cloud
import SecretStoreContract
import StratusTesting
import Testing

/// The `SecretStore` contract, run on ``SecretsManagerSecretStore`` against moto over HTTP (one server for every
/// check, stopped by its pid at the end), and the store read through ``SecretCache`` as a function reads it.
@Suite struct SecretsManagerSecretStoreContractTests {
    @Test func theContractPassesAgainstMoto() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let store = try Self.store(moto)
        for check in SecretStoreContract.checks {
            do {
                try await check.run(store)
            } catch {
                Issue.record("\(check.name): \(error)")
            }
        }
    }

    /// An app's view of a store it shares with other apps (`STRATUS_SECRET_NAME_PREFIX`): the contract holds through
    /// it, what it writes lies under its prefix in the shared store, and another app's view does not see it.
    @Test func anAppsSecretsLieUnderItsNamePrefixAndNoOtherAppSeesThem() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let shared = try Self.store(moto)
        let orders = AppSecretStore(shared, namePrefix: "orders-platform")
        for check in SecretStoreContract.checks {
            do {
                try await check.run(orders)
            } catch {
                Issue.record("\(check.name): \(error)")
            }
        }
        let version = try await orders.putSecretValue("payments/api-key", .string("k-1"))
        let stored = try await shared.secretValue("orders-platform/payments/api-key")
        #expect(stored.payload == .string("k-1") && stored.versionID == version)
        #expect(try await orders.secretValue("payments/api-key").name == "payments/api-key")
        let unseen = await #expect(throws: SecretStoreError.self) {
            _ = try await AppSecretStore(shared, namePrefix: "billing").secretValue("payments/api-key")
        }
        #expect(unseen?.code == .resourceNotFound)
        // Empty, the name would still be valid once prefixed (`orders-platform/`): the app's name is checked first.
        let empty = await #expect(throws: SecretStoreError.self) { _ = try await orders.secretValue("") }
        #expect(empty?.code == .invalidParameter)
    }

    @Test func theCacheKeepsAValueForItsMaximumAgeAndDecodesJSON() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        struct Credentials: Decodable, Equatable { let user: String }
        let store = try Self.store(moto)
        let clock = ManualClock()
        let cache = SecretCache(store: store, clock: clock)
        let name = "cache-\(UInt32.random(in: 0...UInt32.max))/db"
        try await store.putSecretValue(name, .string(#"{"user": "one"}"#))
        #expect(try await cache.decoded(Credentials.self, from: name) == Credentials(user: "one"))
        try await store.putSecretValue(name, .string(#"{"user": "two"}"#))
        clock.advance(by: .seconds(299))
        #expect(try await cache.decoded(Credentials.self, from: name).user == "one", "kept for five minutes")
        #expect(try await cache.decoded(Credentials.self, from: name, forceFetch: true).user == "two")
        try await store.putSecretValue(name, .string("not json"))
        clock.advance(by: .seconds(300))
        await #expect(
            throws: SecretStoreError(.undecodable, "The secret \(name) is not JSON of the shape of Credentials")
        ) {
            _ = try await cache.decoded(Credentials.self, from: name)
        }
    }

    @Test func aServiceThatCannotBeReachedIsUnavailable() async throws {
        let environment = AWSEnvironment([
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b",
        ])
        let client = try AWSJSONClient(
            service: .secretsManager, region: "us-east-1",
            credentials: EnvironmentCredentialProvider(environment: environment), environment: environment,
            httpClient: AWSHTTPClient(), attemptTimeout: .seconds(2))
        let error = await #expect(throws: SecretStoreError.self) {
            _ = try await SecretsManagerSecretStore(client: client).secretValue("anything")
        }
        #expect(error?.code == .unavailable)
    }

    private static func store(_ moto: MotoServer) throws -> SecretsManagerSecretStore {
        SecretsManagerSecretStore(client: try moto.client(.secretsManager))
    }
}
