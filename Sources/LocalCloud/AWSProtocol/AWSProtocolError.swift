/// Why an AWS JSON protocol request failed, as the service answers it: an ``AWSErrorShape`` and a message. Its codes
/// are the services' own (SQS's, EventBridge's), open-ended, so they are shapes rather than cases of a `Code` enum.
public struct AWSProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error's shape: `__type`, status and Query code.
    public let shape: AWSErrorShape
    /// The details, in a sentence (the body's `message`).
    public let message: String

    /// An error of `shape` explained by `message`.
    public init(shape: AWSErrorShape, message: String) {
        self.shape = shape
        self.message = message
    }

    /// The `__type` followed by the message.
    public var description: String { "\(self.shape.type): \(self.message)" }
}
