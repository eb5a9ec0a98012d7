/// How the credential sources reach their endpoints (the container agent, the instance metadata service, STS): the
/// shared ``AWSHTTPClient``, with each failure told as an ``AWSCredentialsError`` naming the source.
struct CredentialHTTPClient: Sendable {
    /// How long the whole exchange may take.
    let timeout: Duration
    private let transport: any AWSHTTPTransport

    /// A client giving up after `timeout` (the SDKs use 1 to 2 seconds) and refusing bodies over 64 KB.
    init(timeout: Duration = .seconds(2), transport: any AWSHTTPTransport = AWSHTTPClient.credentialSources) {
        self.timeout = timeout
        self.transport = transport
    }

    /// Sends one request to `url` and returns its response; `source` names the endpoint in errors.
    func send(
        _ method: String, to url: HTTPURL, headers: [(String, String)] = [], body: [UInt8] = [], source: String
    ) async throws -> AWSHTTPResponse {
        let request = AWSHTTPRequest(method: method, url: url, headers: headers.map { ($0.0, $0.1) }, body: body)
        do throws(AWSHTTPError) {
            return try await self.transport.send(request, timeout: self.timeout)
        } catch {
            switch error.code {
            case .responseTooLarge:
                throw AWSCredentialsError(.invalidResponse, "\(source) answered with too many bytes: \(error.message)")
            case .timedOut:
                throw AWSCredentialsError(.sourceFailed, "\(source) did not answer within \(self.timeout)")
            case .connectionFailed:
                throw AWSCredentialsError(
                    .sourceFailed, "\(source) is unreachable at \(url.hostHeader): \(error.message)")
            default:
                throw AWSCredentialsError(.sourceFailed, "\(source) failed: \(error.message)")
            }
        }
    }
}
