public import Cloud
public import Testing

/// The behaviour every ``SecretStore`` adapter must show, written against the port only.
///
/// ```swift
/// @Test(arguments: SecretStoreContract.checks)
/// func contract(_ check: SecretStoreContract.Check) async throws {
///     try await check.run(makeStore())
/// }
/// ```
///
/// Checks name their secrets with a fresh random prefix, so they may share one store (one AWS account).
public enum SecretStoreContract {
    /// One named behaviour.
    public struct Check: Sendable, CustomTestStringConvertible {
        /// What the check shows, in a sentence.
        public let name: String
        let body: @Sendable (any SecretStore, String) async throws -> Void

        init(_ name: String, _ body: @escaping @Sendable (any SecretStore, _ prefix: String) async throws -> Void) {
            self.name = name
            self.body = body
        }

        /// The check's name, as the test report shows it.
        public var testDescription: String { self.name }

        /// Runs the check against `store`.
        public func run(_ store: any SecretStore) async throws {
            try await self.body(store, "contract-\(UInt32.random(in: 0...UInt32.max))")
        }
    }

    /// Every check of the contract.
    public static let checks: [Check] = [
        Check("a value put is read back, and a second put makes a new current version") { store, prefix in
            let name = "\(prefix)/api-key"
            let first = try await store.putSecretValue(name, .string("one"))
            let read = try await store.secretValue(name)
            #expect(read.payload == .string("one"))
            #expect(read.versionID == first)
            #expect(read.name == name)
            let second = try await store.putSecretValue(name, .string(#"{"key":"two"}"#))
            #expect(second != first)
            let current = try await store.secretValue(name)
            #expect(current.payload == .string(#"{"key":"two"}"#))
            #expect(current.versionID == second)
        },
        Check("binary secrets keep every byte") { store, prefix in
            let bytes: [UInt8] = [0, 1, 2, 0xFF, 0xFE, 10, 13]
            try await store.putSecretValue("\(prefix)-binary", .binary(bytes))
            #expect(try await store.secretValue("\(prefix)-binary").payload == .binary(bytes))
        },
        Check("a secret that does not exist, or no longer does, is ResourceNotFound") { store, prefix in
            await expectSecretError(.resourceNotFound) { _ = try await store.secretValue("\(prefix)-missing") }
            await expectSecretError(.resourceNotFound) { try await store.deleteSecret("\(prefix)-missing") }
            try await store.putSecretValue("\(prefix)-doomed", .string("x"))
            try await store.deleteSecret("\(prefix)-doomed")
            await expectSecretError(.resourceNotFound) { _ = try await store.secretValue("\(prefix)-doomed") }
        },
        Check("names and values are held to Secrets Manager's bounds") { store, prefix in
            await expectSecretError(.invalidParameter) { try await store.putSecretValue("", .string("x")) }
            await expectSecretError(.invalidParameter) {
                try await store.putSecretValue("\(prefix) space", .string("x"))
            }
            await expectSecretError(.invalidParameter) {
                try await store.putSecretValue(String(repeating: "n", count: 513), .string("x"))
            }
            let largest = String(repeating: "v", count: SecretLimits.maximumValueSize)
            try await store.putSecretValue("\(prefix)-largest", .string(largest))
            #expect(try await store.secretValue("\(prefix)-largest").payload.byteCount == SecretLimits.maximumValueSize)
            await expectSecretError(.invalidParameter) {
                try await store.putSecretValue("\(prefix)-too-large", .string(largest + "v"))
            }
        },
    ]
}

/// Expects `body` to fail with a ``SecretStoreError`` of `code`.
func expectSecretError(
    _ code: SecretStoreError.Code,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected \(code.rawValue), but the operation succeeded", sourceLocation: sourceLocation)
    } catch let error as SecretStoreError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
    }
}
