public import Cloud
import JSONCoding

/// The ``SecretStore`` port on AWS Secrets Manager, over its JSON protocol: a secret's current value is its
/// `AWSCURRENT` version, read with `GetSecretValue`, replaced with `PutSecretValue` (the secret created with
/// `CreateSecret` the first time) and deleted at once with `DeleteSecret`'s `ForceDeleteWithoutRecovery` (once
/// `DescribeSecret` showed it exists).
///
/// Names and values are checked against ``SecretLimits`` before they are sent, as the local store checks them.
/// Functions read secrets through ``SecretCache``, which keeps each for its maximum age.
///
/// ```swift
/// let client = try AWSJSONClient(service: .secretsManager, region: region, credentials: chain,
///                                environment: .process, httpClient: http)
/// let secrets = SecretCache(store: SecretsManagerSecretStore(client: client))
/// let key = try await secrets.decoded(APIKey.self, from: "payments/api-key")
/// ```
public final class SecretsManagerSecretStore: SecretStore {
    private let client: AWSJSONClient
    private let requestToken: @Sendable () -> String

    /// Secrets reached through `client`, a client for ``AWSServiceDescription/secretsManager``.
    public convenience init(client: AWSJSONClient) {
        self.init(client: client) {
            (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max) | 1 << 63, radix: 16) }.joined()
        }
    }

    /// Secrets reached through `client`, each new version named by the idempotency token `requestToken` gives
    /// (32…64 characters; the SDKs make a random one, as the public initializer does).
    package init(client: AWSJSONClient, requestToken: @escaping @Sendable () -> String) {
        self.client = client
        self.requestToken = requestToken
    }

    /// `GetSecretValue` of the current version.
    public func secretValue(_ name: String) async throws(SecretStoreError) -> SecretValue {
        try SecretLimits.validate(name: name)
        let output = try await self.call("GetSecretValue", ["SecretId": .string(name)])
        let payload: SecretPayload
        if let text = output["SecretString"]?.stringValue {
            payload = .string(text)
        } else if let encoded = output["SecretBinary"]?.stringValue, let bytes = Base64.decode(encoded) {
            payload = .binary(bytes)
        } else {
            throw SecretStoreError(.unavailable, "Secrets Manager answered the secret \(name) without a value")
        }
        guard let version = output["VersionId"]?.stringValue else {
            throw SecretStoreError(.unavailable, "Secrets Manager answered the secret \(name) without a version")
        }
        return SecretValue(
            name: name, versionID: version, payload: payload,
            createdMilliseconds: AWSJSONNumbers.milliseconds(output["CreatedDate"]) ?? 0)
    }

    /// `PutSecretValue`; for a secret that does not exist yet, `CreateSecret` with the value (and, when another
    /// caller created it meanwhile, `PutSecretValue` once more).
    @discardableResult
    public func putSecretValue(_ name: String, _ value: SecretPayload) async throws(SecretStoreError) -> String {
        try SecretLimits.validate(name: name)
        try SecretLimits.validate(value)
        var input: [String: JSONValue] = ["ClientRequestToken": .string(self.requestToken())]
        switch value {
        case .string(let text): input["SecretString"] = .string(text)
        case .binary(let bytes): input["SecretBinary"] = .string(Base64.encode(bytes))
        }
        var put = input
        put["SecretId"] = .string(name)
        do throws(SecretStoreError) {
            return try Self.versionID(of: try await self.call("PutSecretValue", .object(put)))
        } catch  where error.code == .resourceNotFound {
            var create = input
            create["Name"] = .string(name)
            let created: JSONValue
            do throws(AWSServiceError) {
                created = try await self.client.call("CreateSecret", .object(create))
            } catch  where error.code == "ResourceExistsException" {
                created = try await self.call("PutSecretValue", .object(put))
            } catch {
                throw SecretStoreError(secretsManager: error)
            }
            return try Self.versionID(of: created)
        }
    }

    /// `DescribeSecret`, then `DeleteSecret` without a recovery window: forced, Secrets Manager deletes a secret
    /// that does not exist without a word.
    public func deleteSecret(_ name: String) async throws(SecretStoreError) {
        try SecretLimits.validate(name: name)
        _ = try await self.call("DescribeSecret", ["SecretId": .string(name)])
        _ = try await self.call("DeleteSecret", ["SecretId": .string(name), "ForceDeleteWithoutRecovery": true])
    }

    private static func versionID(of output: JSONValue) throws(SecretStoreError) -> String {
        guard let version = output["VersionId"]?.stringValue else {
            throw SecretStoreError(.unavailable, "Secrets Manager answered a new value without its version")
        }
        return version
    }

    private func call(_ operation: String, _ input: JSONValue) async throws(SecretStoreError) -> JSONValue {
        do throws(AWSServiceError) {
            return try await self.client.call(operation, input)
        } catch {
            throw SecretStoreError(secretsManager: error)
        }
    }
}
