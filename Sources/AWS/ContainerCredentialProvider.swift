import Foundation

/// Credentials from the container credentials endpoint (ECS tasks, EKS Pod Identity, Lambda's SnapStart):
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` on `169.254.170.2`, or `AWS_CONTAINER_CREDENTIALS_FULL_URI` with the
/// token of `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on each request, as it rotates) or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` in the `Authorization` header.
public struct ContainerCredentialProvider: CredentialProvider {
    /// The ECS agent's address, which relative URIs are resolved against.
    static let ecsHost = "169.254.170.2"
    /// The hosts a full URI may name over plain HTTP, as the SDKs allow: the ECS and EKS agents and loopback.
    static let allowedHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost", "::1"]

    /// The variables read.
    public let environment: AWSEnvironment
    private let client: CredentialHTTPClient

    /// A provider reading `environment`, giving up on the endpoint after `timeout`.
    public init(environment: AWSEnvironment, timeout: Duration = .seconds(2)) {
        self.environment = environment
        self.client = CredentialHTTPClient(timeout: timeout)
    }

    /// `container`.
    public var name: String { "container" }

    /// The endpoint's credentials, `nil` when neither URI variable is set.
    public func credentials() async throws -> AWSCredentials? {
        guard let url = try self.endpoint() else { return nil }
        var headers: [(String, String)] = []
        if let token = try self.authorizationToken() {
            headers.append(("Authorization", token))
        }
        let response = try await self.client.send(.GET, to: url, headers: headers, source: "The container endpoint")
        guard response.status == 200 else {
            throw AWSCredentialsError(.invalidResponse, "The container endpoint answered \(response.status)")
        }
        return try CredentialDocument.parse(response.body, source: "The container endpoint")
    }

    private func endpoint() throws -> PlainHTTPURL? {
        if let relative = self.environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            guard relative.hasPrefix("/"), let url = PlainHTTPURL("http://\(Self.ecsHost)\(relative)") else {
                throw AWSCredentialsError(
                    .invalidConfiguration, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must be a path starting with /")
            }
            return url
        }
        guard let full = self.environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else { return nil }
        guard let url = PlainHTTPURL(full) else {
            throw AWSCredentialsError(
                .invalidConfiguration,
                "AWS_CONTAINER_CREDENTIALS_FULL_URI must be an http:// URL (https is not supported yet)")
        }
        guard Self.allowedHosts.contains(url.host.lowercased()) || url.host.hasPrefix("127.") else {
            throw AWSCredentialsError(
                .invalidConfiguration,
                "AWS_CONTAINER_CREDENTIALS_FULL_URI may name only loopback or the container agents over plain HTTP")
        }
        return url
    }

    private func authorizationToken() throws -> String? {
        var token = self.environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        if let path = self.environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let contents = SmallTextFile.read(path, limit: 16 * 1024) else {
                throw AWSCredentialsError(
                    .invalidConfiguration, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names a file that cannot be read")
            }
            token = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let token, token.utf8.contains(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) {
            throw AWSCredentialsError(.invalidConfiguration, "The container authorization token holds a line break")
        }
        return token
    }
}
