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
        let environment = AWSEnvironment(moto.environment)
        let client = try AWSJSONClient(
            service: .secretsManager, region: "us-east-1",
            credentials: EnvironmentCredentialProvider(environment: environment), environment: environment,
            httpClient: AWSHTTPClient())
        return SecretsManagerSecretStore(client: client)
    }
}
