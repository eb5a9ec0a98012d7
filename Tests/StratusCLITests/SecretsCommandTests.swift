import Cloud
import LocalCloud
import StratusTesting
import Testing

/// `stratus secrets` as a user runs it: the value comes from standard input, lands in the data folder's store, and
/// is never printed.
@Suite("stratus secrets")
struct SecretsCommandTests {
    @Test func aValueFromStandardInputIsStoredAndNeverPrinted() async throws {
        let data = try TemporaryDirectory()
        let put = try await InvokeCommandTests.stratus(
            ["secrets", "put", "webhook/signing-key", "--data-dir", data.path("data")], input: "s3cr3t-value\n")
        #expect(put.status == 0, "\(put.standardError)")
        #expect(put.standardOutput.hasPrefix("webhook/signing-key version "))
        #expect(!(put.standardOutput + put.standardError).contains("s3cr3t-value"))
        let store = FileSecretStore(path: data.path("data/secrets.json"))
        #expect(try await store.secretValue("webhook/signing-key").payload == .string("s3cr3t-value"))

        let delete = try await InvokeCommandTests.stratus(
            ["secrets", "delete", "webhook/signing-key", "--data-dir", data.path("data")])
        #expect(delete.status == 0)
        await #expect(throws: SecretStoreError.notFound("webhook/signing-key")) {
            _ = try await store.secretValue("webhook/signing-key")
        }
    }

    @Test func badInputIsAClearErrorAndAFailingExit() async throws {
        let data = try TemporaryDirectory()
        let empty = try await InvokeCommandTests.stratus(
            ["secrets", "put", "key", "--data-dir", data.path("data")], input: "")
        #expect(empty.status != 0)
        #expect(empty.standardError.contains("No value on standard input"))
        let badName = try await InvokeCommandTests.stratus(
            ["secrets", "put", "no spaces", "--data-dir", data.path("data")], input: "v")
        #expect(badName.status != 0)
        #expect(badName.standardError.contains("InvalidParameterException"))
        let missing = try await InvokeCommandTests.stratus(
            ["secrets", "delete", "never-set", "--data-dir", data.path("data")])
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("ResourceNotFoundException"))
    }
}
