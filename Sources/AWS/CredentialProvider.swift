/// One source of credentials: the environment, a profile, the container endpoint, the instance metadata service.
public protocol CredentialProvider: Sendable {
    /// The source's name in messages, e.g. `environment`.
    var name: String { get }

    /// The credentials this source holds, or `nil` when it is not configured (so a chain asks the next one). Throws
    /// ``AWSCredentialsError`` when it is configured but fails.
    func credentials() async throws -> AWSCredentials?
}
