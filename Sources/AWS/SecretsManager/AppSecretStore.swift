public import Cloud

/// One app's secrets in a secret store it shares with other apps and stages: the app names a secret as its manifest
/// does (`payments/api-key`), the store by the name `stratus provision` gave it, the app's name prefix and the
/// secret's as a path (`orders-platform/payments/api-key`). Every operation maps the name, and a value read comes
/// back under the app's name.
public struct AppSecretStore: SecretStore {
    private let base: any SecretStore
    private let prefix: String

    /// The secrets of `base` whose names begin with `namePrefix` and a `/`.
    public init(_ base: any SecretStore, namePrefix: String) {
        self.base = base
        self.prefix = namePrefix + "/"
    }

    public func secretValue(_ name: String) async throws(SecretStoreError) -> SecretValue {
        try SecretLimits.validate(name: name)
        let value = try await self.base.secretValue(self.prefix + name)
        return SecretValue(
            name: name, versionID: value.versionID, payload: value.payload,
            createdMilliseconds: value.createdMilliseconds)
    }

    public func putSecretValue(_ name: String, _ value: SecretPayload) async throws(SecretStoreError) -> String {
        try SecretLimits.validate(name: name)
        return try await self.base.putSecretValue(self.prefix + name, value)
    }

    public func deleteSecret(_ name: String) async throws(SecretStoreError) {
        try SecretLimits.validate(name: name)
        try await self.base.deleteSecret(self.prefix + name)
    }
}
