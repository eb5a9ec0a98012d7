/// The secret store of a runtime without adapters: every operation fails with
/// ``SecretStoreError/Code/unavailable`` and the reason given.
public struct UnavailableSecretStore: SecretStore {
    /// Why no secret store is available.
    public let reason: String

    /// A secret store that fails every operation with `reason`.
    public init(reason: String) {
        self.reason = reason
    }

    /// Fails with ``SecretStoreError/Code/unavailable``.
    public func secretValue(_ name: String) async throws(SecretStoreError) -> SecretValue {
        throw SecretStoreError(.unavailable, self.reason)
    }

    /// Fails with ``SecretStoreError/Code/unavailable``.
    public func putSecretValue(_ name: String, _ value: SecretPayload) async throws(SecretStoreError) -> String {
        throw SecretStoreError(.unavailable, self.reason)
    }

    /// Fails with ``SecretStoreError/Code/unavailable``.
    public func deleteSecret(_ name: String) async throws(SecretStoreError) {
        throw SecretStoreError(.unavailable, self.reason)
    }
}
