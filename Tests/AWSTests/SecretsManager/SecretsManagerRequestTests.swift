import Cloud
import JSONCoding
import Testing

@testable import AWS

/// What ``SecretsManagerSecretStore`` sends, against a scripted transport: a first value creates the secret, every
/// new value carries an idempotency token, binary values travel as base64, and a deletion asks first.
struct SecretsManagerRequestTests {
    @Test func aFirstValueCreatesTheSecretWithTheSameTokenAndBytesAsBase64() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "ResourceNotFoundException"),
            ScriptedTransport.ok(#"{"Name":"db","VersionId":"v-1"}"#),
        ])
        let store = SecretsManagerSecretStore(client: try scriptedClient(.secretsManager, transport)) {
            String(repeating: "t", count: 32)
        }
        #expect(try await store.putSecretValue("db", .binary([0, 255, 10])) == "v-1")
        #expect(transport.requests.map(\.operation) == ["PutSecretValue", "CreateSecret"])
        let put = try #require(transport.requests[0].input)
        let create = try #require(transport.requests[1].input)
        #expect(put["SecretId"] == "db")
        #expect(create["Name"] == "db")
        for input in [put, create] {
            #expect(input["SecretBinary"] == "AP8K")
            #expect(input["ClientRequestToken"] == .string(String(repeating: "t", count: 32)))
        }
    }

    @Test func theDefaultTokenIsLongEnoughAndNewForEachValue() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.ok(#"{"VersionId":"v-1"}"#), ScriptedTransport.ok(#"{"VersionId":"v-2"}"#),
        ])
        let store = SecretsManagerSecretStore(client: try scriptedClient(.secretsManager, transport))
        try await store.putSecretValue("db", .string("one"))
        try await store.putSecretValue("db", .string("two"))
        let tokens = transport.requests.compactMap { $0.input?["ClientRequestToken"]?.stringValue }
        #expect(tokens.count == 2 && tokens[0] != tokens[1])
        #expect(tokens.allSatisfy { (32...64).contains($0.count) })
    }

    @Test func aBadNameOrValueIsRefusedWithoutACallAndAMissingSecretIsNotDeleted() async throws {
        let transport = ScriptedTransport([ScriptedTransport.error(400, "ResourceNotFoundException")])
        let store = SecretsManagerSecretStore(client: try scriptedClient(.secretsManager, transport))
        let name = await #expect(throws: SecretStoreError.self) { try await store.putSecretValue("a b", .string("x")) }
        #expect(name?.code == .invalidParameter)
        let missing = await #expect(throws: SecretStoreError.self) { try await store.deleteSecret("gone") }
        #expect(missing?.code == .resourceNotFound)
        #expect(transport.requests.map(\.operation) == ["DescribeSecret"])
    }
}
