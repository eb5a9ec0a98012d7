/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, as Lambda sets them for the
/// function's role.
public struct EnvironmentCredentialProvider: CredentialProvider {
    /// The variables read.
    public let environment: AWSEnvironment

    /// A provider reading `environment`.
    public init(environment: AWSEnvironment) {
        self.environment = environment
    }

    /// `environment`.
    public var name: String { "environment" }

    /// The keys, `nil` when `AWS_ACCESS_KEY_ID` is unset; a key id without its secret is an error.
    public func credentials() async throws -> AWSCredentials? {
        guard let accessKeyID = self.environment["AWS_ACCESS_KEY_ID"] else { return nil }
        guard let secret = self.environment["AWS_SECRET_ACCESS_KEY"] else {
            throw AWSCredentialsError(
                .invalidConfiguration, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: self.environment["AWS_SESSION_TOKEN"])
    }
}
