public import JSONCoding

/// One operation of an AWS JSON protocol service: its name (the part of `X-Amz-Target` after the service's prefix)
/// and what answers it. Each service builds its operations in files of their own (`SQSOperations.sendMessage(...)`),
/// so that adding one is adding a file and naming it in the service's list.
public struct AWSOperation: Sendable {
    /// The operation's name, e.g. `SendMessage`.
    public let name: String
    /// Answers a request with the output structure, or fails with the service's error.
    public let answer: @Sendable (AWSRequest) async throws(AWSProtocolError) -> JSONValue

    /// The operation `name`, answered by `answer`.
    public init(_ name: String, answer: @escaping @Sendable (AWSRequest) async throws(AWSProtocolError) -> JSONValue) {
        self.name = name
        self.answer = answer
    }
}
