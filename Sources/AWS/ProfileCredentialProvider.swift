/// Credentials from a profile of the shared files (``ProfileFiles``): its static keys (`aws_access_key_id`,
/// `aws_secret_access_key`, `aws_session_token`) or its `credential_process`. A profile with `role_arn` needs STS
/// `AssumeRole`, which Stratus does not call yet: it is refused with a clear error rather than skipped.
public struct ProfileCredentialProvider: CredentialProvider {
    /// The variables read (`AWS_PROFILE`, the file locations).
    public let environment: AWSEnvironment

    /// A provider reading `environment`.
    public init(environment: AWSEnvironment) {
        self.environment = environment
    }

    /// `profile`.
    public var name: String { "profile" }

    /// The selected profile's credentials, `nil` when the files have no such profile or it holds none.
    public func credentials() async throws -> AWSCredentials? {
        let profileName = ProfileFiles.selectedProfile(environment: self.environment)
        let files = try ProfileFiles.load(environment: self.environment)
        guard let profile = files.profiles[profileName] else { return nil }
        if profile["role_arn"] != nil {
            throw AWSCredentialsError(
                .invalidConfiguration,
                "Profile \(profileName) assumes a role (role_arn), which needs STS AssumeRole: not supported yet")
        }
        if let accessKeyID = profile["aws_access_key_id"] {
            guard let secret = profile["aws_secret_access_key"], !secret.isEmpty else {
                throw AWSCredentialsError(
                    .invalidConfiguration, "Profile \(profileName) has aws_access_key_id but no aws_secret_access_key")
            }
            return AWSCredentials(
                accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: profile["aws_session_token"])
        }
        if let command = profile["credential_process"], !command.isEmpty {
            return try await CredentialProcess(command: command).run()
        }
        return nil
    }
}
