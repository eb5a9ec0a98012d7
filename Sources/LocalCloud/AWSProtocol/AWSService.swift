/// A service spoken on the AWS JSON protocol: the `X-Amz-Target` prefix its operations are addressed by
/// (`AmazonSQS.SendMessage`), the JSON protocol version it answers in, how it names faulty input, and its operations.
public struct AWSService: Sendable {
    /// The prefix of `X-Amz-Target` before the dot, e.g. `AmazonSQS`.
    public let targetPrefix: String
    /// The `Content-Type` of its answers: `application/x-amz-json-1.0` or `-1.1`.
    public let contentType: String
    /// The errors of input its model does not allow.
    public let inputFaults: AWSInputFaults
    /// The operations, by name.
    public let operations: [String: AWSOperation]

    /// The service addressed as `targetPrefix`, answering in JSON `jsonVersion` (`1.0` or `1.1`) with `operations`.
    public init(targetPrefix: String, jsonVersion: String, inputFaults: AWSInputFaults, operations: [AWSOperation]) {
        self.targetPrefix = targetPrefix
        self.contentType = "application/x-amz-json-\(jsonVersion)"
        self.inputFaults = inputFaults
        self.operations = Dictionary(operations.map { ($0.name, $0) }) { first, _ in first }
    }
}
