public import Cloud

/// Credentials for `AWS_ROLE_ARN` in exchange for the token in `AWS_WEB_IDENTITY_TOKEN_FILE` (as EKS sets them), from
/// STS `AssumeRoleWithWebIdentity`; the session is named by `AWS_ROLE_SESSION_NAME` or after the time.
public struct WebIdentityCredentialProvider: CredentialProvider {
    /// The largest token file read.
    static let maximumTokenByteCount = 16 * 1024

    /// The variables read.
    public let environment: AWSEnvironment
    private let clock: any Clock
    private let timeout: Duration

    /// A provider reading `environment`, naming sessions by `clock`, giving up on STS after `timeout`.
    public init(environment: AWSEnvironment, clock: any Clock, timeout: Duration = .seconds(5)) {
        self.environment = environment
        self.clock = clock
        self.timeout = timeout
    }

    /// `web identity`.
    public var name: String { "web identity" }

    /// The role's credentials, `nil` when the two variables are not both set.
    public func credentials() async throws -> AWSCredentials? {
        guard let tokenFile = self.environment["AWS_WEB_IDENTITY_TOKEN_FILE"],
            let roleARN = self.environment["AWS_ROLE_ARN"]
        else { return nil }
        guard
            let token = POSIXFile.readText(tokenFile, limit: Self.maximumTokenByteCount)?
                .trimmingWhitespace, !token.isEmpty
        else {
            throw AWSCredentialsError(
                .invalidConfiguration, "AWS_WEB_IDENTITY_TOKEN_FILE names no readable token of at most 16 KB")
        }
        return try await STSClient(environment: self.environment, clock: self.clock, timeout: self.timeout)
            .assumeRoleWithWebIdentity(
                roleARN: roleARN, sessionName: self.environment["AWS_ROLE_SESSION_NAME"], token: token)
    }
}
