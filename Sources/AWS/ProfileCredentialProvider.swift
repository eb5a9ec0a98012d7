public import Cloud

/// Credentials from a profile of the shared files (``ProfileFiles``): a role (`role_arn`) assumed through STS with the
/// credentials of its `source_profile` (which may assume a role in turn), else the static keys
/// (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`), else the output of `credential_process`.
public struct ProfileCredentialProvider: CredentialProvider {
    /// The longest chain of profiles assuming roles through one another.
    static let maximumChainLength = 8

    /// The variables read (`AWS_PROFILE`, the file locations).
    public let environment: AWSEnvironment
    private let clock: any Clock
    private let timeout: Duration

    /// A provider reading `environment`, naming role sessions by `clock`, giving up on STS after `timeout`.
    public init(environment: AWSEnvironment, clock: any Clock, timeout: Duration = .seconds(5)) {
        self.environment = environment
        self.clock = clock
        self.timeout = timeout
    }

    /// `profile`.
    public var name: String { "profile" }

    /// The selected profile's credentials, `nil` when the default profile is absent or a profile holds none.
    /// - Throws: ``AWSCredentialsError`` with `invalidConfiguration` when `AWS_PROFILE` names a profile the files do
    ///   not have: as the SDKs do, the chain stops there instead of falling through to other credentials.
    public func credentials() async throws -> AWSCredentials? {
        let files = try ProfileFiles.load(environment: self.environment)
        let selected = ProfileFiles.selectedProfile(environment: self.environment)
        guard let profile = files.profiles[selected] else {
            guard self.environment["AWS_PROFILE"] == nil else {
                throw AWSCredentialsError(
                    .invalidConfiguration, "AWS_PROFILE names profile \(selected), which the shared files do not have")
            }
            return nil
        }
        return try await self.credentials(of: profile, named: selected, in: files, chain: [])
    }

    private func credentials(
        of profile: [String: String], named name: String, in files: ProfileFiles, chain: [String]
    ) async throws -> AWSCredentials? {
        guard let roleARN = profile["role_arn"] else {
            if let keys = try Self.staticKeys(of: profile, named: name) { return keys }
            guard let command = profile["credential_process"], !command.isEmpty else { return nil }
            return try await CredentialProcess(command: command).run()
        }
        guard let sourceName = profile["source_profile"] else {
            throw AWSCredentialsError(
                .invalidConfiguration,
                "Profile \(name) has role_arn but no source_profile (credential_source is not supported)")
        }
        let source: AWSCredentials?
        if sourceName == name {
            source = try Self.staticKeys(of: profile, named: name)
        } else {
            guard !chain.contains(sourceName), chain.count < Self.maximumChainLength,
                let sourceProfile = files.profiles[sourceName]
            else {
                throw AWSCredentialsError(
                    .invalidConfiguration,
                    "Profile \(name) names source_profile \(sourceName), which is missing or loops")
            }
            source = try await self.credentials(of: sourceProfile, named: sourceName, in: files, chain: chain + [name])
        }
        guard let source else {
            throw AWSCredentialsError(
                .invalidConfiguration, "source_profile \(sourceName) of \(name) holds no credentials")
        }
        return try await STSClient(environment: self.environment, clock: self.clock, timeout: self.timeout)
            .assumeRole(
                roleARN: roleARN, sessionName: profile["role_session_name"], externalID: profile["external_id"],
                credentials: source)
    }

    private static func staticKeys(of profile: [String: String], named name: String) throws -> AWSCredentials? {
        guard let accessKeyID = profile["aws_access_key_id"], !accessKeyID.isEmpty else { return nil }
        guard let secret = profile["aws_secret_access_key"], !secret.isEmpty else {
            throw AWSCredentialsError(
                .invalidConfiguration, "Profile \(name) has aws_access_key_id but no aws_secret_access_key")
        }
        return AWSCredentials(
            accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: profile["aws_session_token"])
    }
}
