/// The web identity source (`AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN`, as EKS sets them). Exchanging the token
/// needs STS `AssumeRoleWithWebIdentity`, which Stratus does not call yet: when the variables are set it says so,
/// rather than letting the chain fall through to a source that would give other credentials.
public struct WebIdentityCredentialProvider: CredentialProvider {
    /// The variables read.
    public let environment: AWSEnvironment

    /// A provider reading `environment`.
    public init(environment: AWSEnvironment) {
        self.environment = environment
    }

    /// `web identity`.
    public var name: String { "web identity" }

    /// `nil` when the variables are unset; an error when they are set.
    public func credentials() async throws -> AWSCredentials? {
        guard self.environment["AWS_WEB_IDENTITY_TOKEN_FILE"] != nil, self.environment["AWS_ROLE_ARN"] != nil else {
            return nil
        }
        throw AWSCredentialsError(
            .invalidConfiguration,
            "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN need STS AssumeRoleWithWebIdentity: not supported yet")
    }
}
