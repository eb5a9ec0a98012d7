import AWS
import StratusTesting
import Testing

/// The environment, profile and web identity sources, and the chain's order.
@Suite struct CredentialChainTests {
    /// An environment whose profile files are `config` and `credentials` in `folder`.
    static func environment(
        _ folder: TemporaryDirectory, config: String = "", credentials: String = "", _ variables: [String: String] = [:]
    ) throws -> AWSEnvironment {
        try config.write(toFile: folder.path("config"), atomically: true, encoding: .utf8)
        try credentials.write(toFile: folder.path("credentials"), atomically: true, encoding: .utf8)
        return AWSEnvironment(
            variables.merging([
                "AWS_CONFIG_FILE": folder.path("config"), "AWS_SHARED_CREDENTIALS_FILE": folder.path("credentials"),
                "AWS_EC2_METADATA_DISABLED": "true",
            ]) { mine, _ in mine })
    }

    @Test func environmentKeysAsLambdaSetsThem() async throws {
        let provider = EnvironmentCredentialProvider(
            environment: AWSEnvironment([
                "AWS_ACCESS_KEY_ID": "ASIALAMBDA", "AWS_SECRET_ACCESS_KEY": "lambda-secret",
                "AWS_SESSION_TOKEN": "lambda-token",
            ]))
        #expect(
            try await provider.credentials()
                == AWSCredentials(
                    accessKeyID: "ASIALAMBDA", secretAccessKey: "lambda-secret", sessionToken: "lambda-token"))
    }

    @Test func aKeyIDWithoutItsSecretIsAnError() async throws {
        let provider = EnvironmentCredentialProvider(environment: AWSEnvironment(["AWS_ACCESS_KEY_ID": "AKID"]))
        let error = await #expect(throws: AWSCredentialsError.self) { try await provider.credentials() }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func theEnvironmentWinsOverTheProfile() async throws {
        let folder = try TemporaryDirectory()
        let environment = try Self.environment(
            folder, credentials: "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n",
            ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"])
        let chain = CredentialProviderChain.standard(environment: environment, clock: ManualClock())
        #expect(try await chain.credentials()?.accessKeyID == "AKIDENV")
    }

    @Test func theSelectedProfileWithCredentialsFileKeysOverConfigKeys() async throws {
        let folder = try TemporaryDirectory()
        let environment = try Self.environment(
            folder,
            config: """
                [default]
                aws_access_key_id = AKIDDEFAULT
                aws_secret_access_key = default-secret
                [profile ci]
                aws_access_key_id = AKIDCONFIG ; a comment
                aws_secret_access_key = config-secret
                region = eu-north-1
                """,
            credentials: """
                # the credentials file names profiles without the prefix
                [ci]
                aws_access_key_id = AKIDCI
                aws_session_token = ci-token
                """,
            ["AWS_PROFILE": "ci"])
        let credentials = try await ProfileCredentialProvider(environment: environment, clock: ManualClock())
            .credentials()
        #expect(
            credentials
                == AWSCredentials(accessKeyID: "AKIDCI", secretAccessKey: "config-secret", sessionToken: "ci-token"))
        let profiles = try ProfileFiles.load(environment: environment)
        #expect(AWSRegionResolver.region(environment: environment, profiles: profiles) == "eu-north-1")
        #expect(AWSRegionResolver.region(environment: environment) == "eu-north-1")
    }

    /// A profile named by AWS_PROFILE that the files lack stops the chain with an error, as in the SDKs, instead of
    /// quietly falling through to the container or instance credentials; an absent default profile does not.
    @Test func aMissingNamedProfileIsAnError() async throws {
        let folder = try TemporaryDirectory()
        let named = try Self.environment(folder, config: "[default]\nregion = eu-west-1\n", ["AWS_PROFILE": "typo"])
        await #expect(throws: AWSCredentialsError.self) {
            try await ProfileCredentialProvider(environment: named, clock: ManualClock()).credentials()
        }
        let unnamed = try Self.environment(folder, config: "[other]\nregion = eu-west-1\n")
        #expect(try await ProfileCredentialProvider(environment: unnamed, clock: ManualClock()).credentials() == nil)
    }

    @Test func credentialProcessOutputIsRead() async throws {
        let folder = try TemporaryDirectory()
        let printed =
            #"{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "process-secret", "SessionToken": "process-token", "Expiration": "2030-01-01T00:00:00Z"}"#
        try printed.write(toFile: folder.path("creds.json"), atomically: true, encoding: .utf8)
        let environment = try Self.environment(
            folder, config: "[default]\ncredential_process = cat \(folder.path("creds.json"))\n")
        let credentials = try #require(
            try await ProfileCredentialProvider(environment: environment, clock: ManualClock()).credentials())
        #expect(credentials.accessKeyID == "ASIAPROCESS")
        #expect(credentials.sessionToken == "process-token")
        #expect(credentials.expirationMilliseconds == AWSTimestamp(iso8601: "2030-01-01T00:00:00Z")?.milliseconds)
    }

    @Test(arguments: [
        ("exit 3", AWSCredentialsError.Code.sourceFailed),
        (#"echo '{"AccessKeyId": "A", "SecretAccessKey": "S"}'"#, .invalidResponse),
        ("echo not json", .invalidResponse),
    ])
    func aFailingOrMalformedCredentialProcessIsAnError(_ command: String, _ code: AWSCredentialsError.Code)
        async throws
    {
        let folder = try TemporaryDirectory()
        let environment = try Self.environment(folder, config: "[default]\ncredential_process = \(command)\n")
        let error = await #expect(throws: AWSCredentialsError.self) {
            try await ProfileCredentialProvider(environment: environment, clock: ManualClock()).credentials()
        }
        #expect(error?.code == code)
    }

    @Test func nothingConfiguredIsNoCredentials() async throws {
        let folder = try TemporaryDirectory()
        let chain = CredentialProviderChain.standard(environment: try Self.environment(folder), clock: ManualClock())
        let error = await #expect(throws: AWSCredentialsError.self) { try await chain.credentials() }
        #expect(error?.code == .noCredentials)
        #expect(chain.name == "environment, then web identity, then profile, then container, then IMDSv2")
    }

    @Test func descriptionsNeverShowSecrets() {
        let credentials = AWSCredentials(
            accessKeyID: "ASIAKEY", secretAccessKey: "very-secret", sessionToken: "very-token",
            expirationMilliseconds: 1_440_938_160_000)
        #expect(!credentials.description.contains("very-"))
        #expect(credentials.description.contains("ASIAKEY"))
        #expect(credentials.description.contains("2015-08-30T12:36:00Z"))
    }

    @Test func equalityTellsAnEmptyTokenFromNone() {
        let withEmptyToken = AWSCredentials(accessKeyID: "A", secretAccessKey: "S", sessionToken: "")
        #expect(withEmptyToken != AWSCredentials(accessKeyID: "A", secretAccessKey: "S"))
        #expect(withEmptyToken != AWSCredentials(accessKeyID: "A", secretAccessKey: "T", sessionToken: ""))
        #expect(withEmptyToken == AWSCredentials(accessKeyID: "A", secretAccessKey: "S", sessionToken: ""))
    }
}
