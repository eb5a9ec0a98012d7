import AWS
import StratusTesting
import Synchronization
import Testing

/// IMDSv2 against a fake metadata service on 127.0.0.1 that hands out numbered session tokens.
@Suite struct InstanceMetadataCredentialProviderTests {
    static let document =
        #"{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIAINSTANCE","SecretAccessKey":"instance-secret","Token":"instance-token","Expiration":"2026-12-02T18:00:00Z"}"#

    /// A bound on each request that a loaded machine stays well within (the real one is a second).
    static let patience: Duration = .seconds(30)

    /// A metadata service; `revoked` tokens are answered 401.
    static func metadataService(revoked: Set<String> = []) -> FakeHTTPServer.Handler {
        let issued = Mutex(0)
        return { request in
            if request.method == "PUT", request.uri == "/latest/api/token" {
                guard request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600" else { return (400, "") }
                let number = issued.withLock { count in
                    count += 1
                    return count
                }
                return (200, "token-\(number)")
            }
            guard let token = request.headers["x-aws-ec2-metadata-token"], !revoked.contains(token) else {
                return (401, "")
            }
            switch request.uri {
            case "/latest/meta-data/iam/security-credentials/": return (200, "app-role")
            case "/latest/meta-data/iam/security-credentials/app-role": return (200, Self.document)
            default: return (404, "")
            }
        }
    }

    @Test func tokenThenRoleThenCredentials() async throws {
        try await FakeHTTPServer.withServer(Self.metadataService()) { server in
            let provider = InstanceMetadataCredentialProvider(
                environment: AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL]),
                clock: ManualClock(), timeout: Self.patience)
            let credentials = try #require(try await provider.credentials())
            #expect(credentials.accessKeyID == "ASIAINSTANCE")
            #expect(credentials.sessionToken == "instance-token")
            #expect(
                server.requests.map { "\($0.method) \($0.uri)" } == [
                    "PUT /latest/api/token",
                    "GET /latest/meta-data/iam/security-credentials/",
                    "GET /latest/meta-data/iam/security-credentials/app-role",
                ])
            #expect(server.requests.dropFirst().allSatisfy { $0.headers["x-aws-ec2-metadata-token"] == "token-1" })
        }
    }

    @Test func theSessionTokenIsKeptUntilItsLifetimeEnds() async throws {
        try await FakeHTTPServer.withServer(Self.metadataService()) { server in
            let clock = ManualClock()
            let provider = InstanceMetadataCredentialProvider(
                environment: AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL]), clock: clock,
                timeout: Self.patience)
            _ = try await provider.credentials()
            clock.advance(by: .seconds(21_600 - 61))
            _ = try await provider.credentials()
            #expect(server.requests.filter { $0.method == "PUT" }.count == 1)
            clock.advance(by: .seconds(2))
            _ = try await provider.credentials()
            #expect(server.requests.filter { $0.method == "PUT" }.count == 2)
            #expect(server.requests.last?.headers["x-aws-ec2-metadata-token"] == "token-2")
        }
    }

    @Test func aRefusedTokenIsReplacedOnce() async throws {
        try await FakeHTTPServer.withServer(Self.metadataService(revoked: ["token-1"])) { server in
            let provider = InstanceMetadataCredentialProvider(
                environment: AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL]),
                clock: ManualClock(), timeout: Self.patience)
            let credentials = try await provider.credentials()
            #expect(credentials?.accessKeyID == "ASIAINSTANCE")
            #expect(server.requests.filter { $0.method == "PUT" }.count == 2)
        }
    }

    @Test func disabledGivesNil() async throws {
        let provider = InstanceMetadataCredentialProvider(
            environment: AWSEnvironment(["AWS_EC2_METADATA_DISABLED": "true"]), clock: ManualClock())
        #expect(try await provider.credentials() == nil)
    }

    @Test func anUnreachableServiceIsAnError() async throws {
        let provider = InstanceMetadataCredentialProvider(
            environment: AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1"]),
            clock: ManualClock())
        let error = await #expect(throws: AWSCredentialsError.self) { try await provider.credentials() }
        #expect(error?.code == .sourceFailed)
    }
}
