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
        let response = try await self.client.send("GET", to: url, headers: headers, source: "The container endpoint")
        guard response.status == 200 else {
            throw AWSCredentialsError(.invalidResponse, "The container endpoint answered \(response.status)")
        }
        return try CredentialDocument.parse(response.body, source: "The container endpoint")
    }

    private func endpoint() throws -> HTTPURL? {
        if let relative = self.environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            guard relative.hasPrefix("/"), let url = HTTPURL("http://\(Self.ecsHost)\(relative)") else {
                throw AWSCredentialsError(
                    .invalidConfiguration, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must be a path starting with /")
            }
            return url
        }
        guard let full = self.environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else { return nil }
        guard let url = HTTPURL(full), !url.isSecure else {
            throw AWSCredentialsError(
                .invalidConfiguration,
                "AWS_CONTAINER_CREDENTIALS_FULL_URI must be an http:// URL")
        }
        guard Self.allowedHosts.contains(url.host.lowercased()) || Self.isLoopbackIPv4(url.host) else {
            throw AWSCredentialsError(
                .invalidConfiguration,
                "AWS_CONTAINER_CREDENTIALS_FULL_URI may name only loopback or the container agents over plain HTTP")
        }
        return url
    }

    /// Whether `host` is a literal IPv4 address in 127.0.0.0/8; a name such as `127.evil.example` is not, whatever
    /// it resolves to, so the token is never sent to a host that DNS can point elsewhere.
    package static func isLoopbackIPv4(_ host: String) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            (1...3).contains(octet.count) && octet.allSatisfy(\.isASCII) && octet.allSatisfy(\.isNumber)
                && Int(octet).map { $0 <= 255 } == true
        }
    }

    private func authorizationToken() throws -> String? {
        var token = self.environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        if let path = self.environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let contents = POSIXFile.readText(path, limit: 16 * 1024) else {
                throw AWSCredentialsError(
                    .invalidConfiguration, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names a file that cannot be read")
            }
            token = contents.trimmingWhitespace
        }
        if let token, token.utf8.contains(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) {
            throw AWSCredentialsError(.invalidConfiguration, "The container authorization token holds a line break")
        }
        return token
    }
}
