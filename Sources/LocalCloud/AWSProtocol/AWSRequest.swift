/// What an operation is given: its input's members, and the facts of the HTTP request its answer may name (the host
/// the client reached, which queue URLs are built on, and the region its signature names, which ARNs carry).
public struct AWSRequest: Sendable {
    /// The input structure.
    public let input: AWSMembers
    /// The `Host` the client sent, as `name[:port]`.
    public let host: String
    /// The region of the signature's credential scope (`us-east-1` in `…/20260101/us-east-1/sqs/aws4_request`).
    public let region: String

    /// A request with `input`, made to `host` with a signature for `region`.
    public init(input: AWSMembers, host: String, region: String) {
        self.input = input
        self.host = host
        self.region = region
    }
}
