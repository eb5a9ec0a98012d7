import AWS
import StratusTesting
import Testing

/// The container source against a fake agent on 127.0.0.1.
@Suite struct ContainerCredentialProviderTests {
    static let document =
        #"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"container-secret","Token":"container-token","Expiration":"2026-12-02T18:00:00Z"}"#

    @Test func fullURIWithTokenFromTheFileWhichWinsOverTheVariable() async throws {
        let folder = try TemporaryDirectory()
        try "file-token\n".write(toFile: folder.path("token"), atomically: true, encoding: .utf8)
        try await FakeHTTPServer.withServer(FakeHTTPServer.always(200, Self.document)) { server in
            let provider = ContainerCredentialProvider(
                environment: AWSEnvironment([
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.baseURL)/v1/credentials",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "variable-token",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": folder.path("token"),
                ]), timeout: .seconds(30))
            let credentials = try #require(try await provider.credentials())
            #expect(credentials.accessKeyID == "ASIACONTAINER")
            #expect(credentials.secretAccessKey == "container-secret")
            #expect(credentials.sessionToken == "container-token")
            #expect(credentials.expirationMilliseconds == AWSTimestamp(iso8601: "2026-12-02T18:00:00Z")?.milliseconds)
            #expect(server.requests.map(\.uri) == ["/v1/credentials"])
            #expect(server.requests.first?.headers["authorization"] == "file-token")
        }
    }

    @Test func tokenFromTheVariable() async throws {
        try await FakeHTTPServer.withServer(FakeHTTPServer.always(200, Self.document)) { server in
            let provider = ContainerCredentialProvider(
                environment: AWSEnvironment([
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.baseURL)/creds",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "variable-token",
                ]), timeout: .seconds(30))
            _ = try await provider.credentials()
            #expect(server.requests.first?.headers["authorization"] == "variable-token")
        }
    }

    @Test func anErrorStatusIsAnError() async throws {
        try await FakeHTTPServer.withServer(FakeHTTPServer.always(500, "{}")) { server in
            let provider = ContainerCredentialProvider(
                environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.baseURL)/creds"]),
                timeout: .seconds(30))
            let error = await #expect(throws: AWSCredentialsError.self) { try await provider.credentials() }
            #expect(error?.code == .invalidResponse)
        }
    }

    @Test func aDocumentWithoutKeysIsAnError() async throws {
        try await FakeHTTPServer.withServer(FakeHTTPServer.always(200, #"{"AccessKeyId":"A"}"#)) { server in
            let provider = ContainerCredentialProvider(
                environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.baseURL)/creds"]),
                timeout: .seconds(30))
            let error = await #expect(throws: AWSCredentialsError.self) { try await provider.credentials() }
            #expect(error?.code == .invalidResponse)
        }
    }

    @Test(arguments: ["http://example.com/creds", "https://127.0.0.1/creds", "not a url"])
    func fullURIsOutsideTheAllowListAreRefused(_ uri: String) async throws {
        let provider = ContainerCredentialProvider(
            environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri]))
        let error = await #expect(throws: AWSCredentialsError.self) { try await provider.credentials() }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func aTokenWithALineBreakIsRefused() async throws {
        let provider = ContainerCredentialProvider(
            environment: AWSEnvironment([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "a\r\nX-Injected: 1",
            ]))
        let error = await #expect(throws: AWSCredentialsError.self) { try await provider.credentials() }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func notConfiguredGivesNil() async throws {
        #expect(try await ContainerCredentialProvider(environment: AWSEnvironment([:])).credentials() == nil)
    }

    @Test func aRelativeURIMustBeAPath() async throws {
        let provider = ContainerCredentialProvider(
            environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "v2/credentials"]))
        let error = await #expect(throws: AWSCredentialsError.self) { try await provider.credentials() }
        #expect(error?.code == .invalidConfiguration)
    }

    /// A URL with a space or line break would let the variable write into the request line or headers.
    @Test(arguments: ["http://127.0.0.1/creds HTTP/1.1\r\nX: y", "http://127.0.0.1\r\n/creds"])
    func fullURIsWithControlCharactersAreRefused(_ uri: String) async throws {
        let provider = ContainerCredentialProvider(
            environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri]))
        let error = await #expect(throws: AWSCredentialsError.self) { try await provider.credentials() }
        #expect(error?.code == .invalidConfiguration)
    }

    /// Only literal 127.x.y.z addresses count as loopback: a name that starts with `127.` may resolve anywhere.
    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("127.255.255.255", true), ("127.evil.example", false),
        ("127.0.0.256", false), ("127.1", false), ("127.0.0.1.nip.io", false), ("128.0.0.1", false),
        ("127.0.0.-1", false),
    ])
    func onlyLiteralLoopbackAddressesPass(host: String, isLoopback: Bool) {
        #expect(ContainerCredentialProvider.isLoopbackIPv4(host) == isLoopback)
    }
}
