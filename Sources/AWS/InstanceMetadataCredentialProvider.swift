public import Cloud
import Synchronization

/// Credentials of the instance's role from the EC2 instance metadata service, version 2 only: a session token first
/// (`PUT /latest/api/token`, kept until shortly before its lifetime ends), then the role's name, then its credentials.
/// `AWS_EC2_METADATA_DISABLED=true` turns it off; `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it.
public final class InstanceMetadataCredentialProvider: CredentialProvider {
    /// The service's usual address.
    public static let defaultEndpoint = "http://169.254.169.254"
    /// How long a session token is asked to live, in seconds: six hours, as the SDKs ask.
    public static let tokenLifetimeSeconds: Int64 = 21_600
    /// How long before its end a session token is replaced.
    static let tokenRenewalMarginSeconds: Int64 = 60
    private static let credentialsPath = "/latest/meta-data/iam/security-credentials/"

    private struct SessionToken: Sendable {
        let value: String
        let expiresAtMilliseconds: Int64
    }

    /// The variables read.
    public let environment: AWSEnvironment
    private let clock: any Clock
    private let client: CredentialHTTPClient
    private let token = Mutex<SessionToken?>(nil)

    /// A provider reading `environment`, timing its session token by `clock`, giving up on a request after `timeout`
    /// (one second, as the SDKs do: off EC2 nothing answers).
    public init(environment: AWSEnvironment, clock: any Clock, timeout: Duration = .seconds(1)) {
        self.environment = environment
        self.clock = clock
        self.client = CredentialHTTPClient(timeout: timeout)
    }

    /// `IMDSv2`.
    public var name: String { "IMDSv2" }

    /// The role's credentials, `nil` when the service is disabled.
    public func credentials() async throws -> AWSCredentials? {
        if self.environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let endpointText = self.environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? Self.defaultEndpoint
        guard let endpoint = HTTPURL(endpointText), !endpoint.isSecure else {
            throw AWSCredentialsError(
                .invalidConfiguration, "AWS_EC2_METADATA_SERVICE_ENDPOINT must be an http:// URL")
        }
        let roleList = try await self.get(endpoint.withTarget(Self.credentialsPath))
        guard let role = roleList.split(whereSeparator: \.isNewline).first.map(String.init),
            !role.isEmpty, !role.contains("/")
        else {
            throw AWSCredentialsError(.invalidResponse, "The instance metadata service names no role for this instance")
        }
        let document = try await self.get(endpoint.withTarget(Self.credentialsPath + role))
        return try CredentialDocument.parse(Array(document.utf8), source: "The instance metadata service")
    }

    /// GETs `url` with a session token; a 401 (the token was revoked or lapsed early) is tried once with a new one.
    private func get(_ url: HTTPURL) async throws -> String {
        for attempt in 0..<2 {
            let token = try await self.sessionToken(endpoint: url, renew: attempt > 0)
            let response = try await self.client.send(
                "GET", to: url, headers: [("X-aws-ec2-metadata-token", token)], source: "The instance metadata service")
            if response.status == 401 { continue }
            guard response.status == 200 else {
                throw AWSCredentialsError(
                    .invalidResponse, "The instance metadata service answered \(response.status) for \(url.target)")
            }
            return response.text
        }
        throw AWSCredentialsError(.invalidResponse, "The instance metadata service refused a fresh session token")
    }

    private func sessionToken(endpoint: HTTPURL, renew: Bool) async throws -> String {
        let now = self.clock.nowMilliseconds
        if !renew, let current = self.token.withLock({ $0 }), now < current.expiresAtMilliseconds {
            return current.value
        }
        let response = try await self.client.send(
            "PUT", to: endpoint.withTarget("/latest/api/token"),
            headers: [("X-aws-ec2-metadata-token-ttl-seconds", String(Self.tokenLifetimeSeconds))],
            source: "The instance metadata service")
        guard response.status == 200, !response.body.isEmpty, response.body.count <= 4096 else {
            throw AWSCredentialsError(
                .invalidResponse, "The instance metadata service answered \(response.status) for a session token")
        }
        let lifetime = Self.tokenLifetimeSeconds - Self.tokenRenewalMarginSeconds
        let fresh = SessionToken(value: response.text, expiresAtMilliseconds: now + lifetime * 1000)
        self.token.withLock { $0 = fresh }
        return fresh.value
    }
}
