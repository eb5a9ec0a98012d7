/// What sends a request and brings back its answer: ``AWSHTTPClient`` on the network, a fake in tests.
package protocol AWSHTTPTransport: Sendable {
    /// Sends `request` and returns the answer, whatever its status, giving up after `timeout`.
    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws(AWSHTTPError) -> AWSHTTPResponse
}
