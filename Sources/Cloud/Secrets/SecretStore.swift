/// The port to secrets (ARCHITECTURE §2), modelled on AWS Secrets Manager: each secret has a name and a current
/// value, text or bytes, replaced as a new version. Kept in the data folder (mode 0600) locally and in Secrets Manager
/// in the cloud, both held to the same contract test suite. Functions read secrets through ``SecretCache``, which
/// keeps each for a maximum age as Powertools' parameters utility does.
///
/// Every operation fails with ``SecretStoreError``; values never appear in an error or a log line.
public protocol SecretStore: Sendable {
    /// The current value of the secret `name`.
    /// - Throws: ``SecretStoreError/Code/resourceNotFound`` when there is no such secret.
    func secretValue(_ name: String) async throws(SecretStoreError) -> SecretValue

    /// Makes `value` the current value of the secret `name`, creating the secret when it does not exist; returns
    /// the new version's id.
    /// - Throws: ``SecretStoreError/Code/invalidParameter`` for a bad name or a value over 65,536 bytes.
    @discardableResult
    func putSecretValue(_ name: String, _ value: SecretPayload) async throws(SecretStoreError) -> String

    /// Deletes the secret `name` at once (Secrets Manager's `ForceDeleteWithoutRecovery`).
    /// - Throws: ``SecretStoreError/Code/resourceNotFound`` when there is no such secret.
    func deleteSecret(_ name: String) async throws(SecretStoreError)
}
