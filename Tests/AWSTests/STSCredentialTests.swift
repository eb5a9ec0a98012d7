import AWS
import Foundation
import StratusTesting
import Testing

/// Web identity and role profiles against a fake STS on 127.0.0.1 (`AWS_ENDPOINT_URL_STS`).
@Suite struct STSCredentialTests {
    /// A bound on each STS call that a loaded machine stays well within (the real one is five seconds).
    static let patience: Duration = .seconds(30)

    /// STS's answer carrying credentials whose key id is `keyID`.
    static func answer(keyID: String) -> String {
        """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
          <Credentials>
            <AccessKeyId>\(keyID)</AccessKeyId>
            <SecretAccessKey>secret-of-\(keyID)</SecretAccessKey>
            <SessionToken>token&amp;of&lt;\(keyID)</SessionToken>
            <Expiration>2030-01-01T00:00:00Z</Expiration>
          </Credentials>
        </AssumeRoleResult></AssumeRoleResponse>
        """
    }

    /// A fake STS numbering the credentials it hands out.
    static let sts: FakeHTTPServer.Handler = { request in
        guard request.method == "POST",
            request.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true
        else { return (400, "") }
        if request.body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2Fdenied") {
            return (
                403,
                "<ErrorResponse><Error><Code>AccessDenied</Code><Message>Not authorized</Message></Error></ErrorResponse>"
            )
        }
        let roleARN = request.body.split(separator: "&").first { $0.hasPrefix("RoleArn=") }
        let role = roleARN?.components(separatedBy: "%2F").last
        return (200, Self.answer(keyID: "ASIA-\(role ?? "none")"))
    }

    @Test func webIdentityExchangesTheTokenUnsigned() async throws {
        let folder = try TemporaryDirectory()
        try "eyJ.token.sig\n".write(toFile: folder.path("token"), atomically: true, encoding: .utf8)
        try await FakeHTTPServer.withServer(Self.sts) { server in
            let provider = WebIdentityCredentialProvider(
                environment: AWSEnvironment([
                    "AWS_WEB_IDENTITY_TOKEN_FILE": folder.path("token"),
                    "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/pods",
                    "AWS_ROLE_SESSION_NAME": "pod-1", "AWS_ENDPOINT_URL_STS": server.baseURL,
                    "AWS_CONFIG_FILE": folder.path("none"), "AWS_SHARED_CREDENTIALS_FILE": folder.path("none"),
                ]),
                clock: ManualClock(), timeout: Self.patience)
            let credentials = try #require(try await provider.credentials())
            #expect(credentials.accessKeyID == "ASIA-pods")
            #expect(credentials.secretAccessKey == "secret-of-ASIA-pods")
            #expect(credentials.sessionToken == "token&of<ASIA-pods")
            #expect(credentials.expirationMilliseconds == AWSTimestamp(iso8601: "2030-01-01T00:00:00Z")?.milliseconds)
            let request = try #require(server.requests.first)
            #expect(request.headers["authorization"] == nil)
            #expect(
                request.body
                    == "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fpods&RoleSessionName=pod-1&WebIdentityToken=eyJ.token.sig"
            )
        }
    }

    @Test func aRoleProfileChainsThroughItsSourceProfiles() async throws {
        let folder = try TemporaryDirectory()
        try await FakeHTTPServer.withServer(Self.sts) { server in
            let environment = try CredentialChainTests.environment(
                folder,
                config: """
                    [profile deploy]
                    role_arn = arn:aws:iam::123456789012:role/deploy
                    source_profile = hop
                    region = eu-west-3
                    [profile hop]
                    role_arn = arn:aws:iam::123456789012:role/hop
                    source_profile = base
                    """,
                credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n",
                ["AWS_PROFILE": "deploy", "AWS_ENDPOINT_URL_STS": server.baseURL])
            let credentials = try await ProfileCredentialProvider(
                environment: environment, clock: ManualClock(), timeout: Self.patience
            )
            .credentials()
            #expect(credentials?.accessKeyID == "ASIA-deploy")
            let authorizations = server.requests.map { $0.headers["authorization"] ?? "" }
            #expect(authorizations.count == 2)
            #expect(authorizations[0].hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDBASE/"))
            #expect(authorizations.allSatisfy { $0.contains("/eu-west-3/sts/aws4_request") })
            #expect(authorizations[1].hasPrefix("AWS4-HMAC-SHA256 Credential=ASIA-hop/"))
            #expect(server.requests[1].headers["x-amz-security-token"] == "token&of<ASIA-hop")
        }
    }

    @Test func aRefusalCarriesSTSCodeAndMessage() async throws {
        let folder = try TemporaryDirectory()
        try await FakeHTTPServer.withServer(Self.sts) { server in
            let environment = try CredentialChainTests.environment(
                folder,
                config: """
                    [default]
                    role_arn = arn:aws:iam::111111111111:role/denied
                    source_profile = default
                    aws_access_key_id = AKIDSELF
                    aws_secret_access_key = self-secret
                    """,
                ["AWS_ENDPOINT_URL": server.baseURL])
            let error = await #expect(throws: AWSCredentialsError.self) {
                try await ProfileCredentialProvider(
                    environment: environment, clock: ManualClock(), timeout: Self.patience
                ).credentials()
            }
            #expect(error?.description == "STS refused AssumeRole (AccessDenied): Not authorized")
        }
    }

    @Test(arguments: [
        (
            "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = a\n[profile a]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n",
            "loops"
        ),
        ("[default]\nrole_arn = arn:aws:iam::1:role/r\n", "no source_profile"),
    ])
    func misconfiguredRolesAreRefused(_ config: String, _ reason: String) async throws {
        let folder = try TemporaryDirectory()
        let environment = try CredentialChainTests.environment(folder, config: config)
        let error = await #expect(throws: AWSCredentialsError.self) {
            try await ProfileCredentialProvider(environment: environment, clock: ManualClock(), timeout: Self.patience)
                .credentials()
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
    }
}
