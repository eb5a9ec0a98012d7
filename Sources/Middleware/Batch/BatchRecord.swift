/// One record of a batch as a ``BatchProcessor`` hands it to the record handler: its body decoded as `Body`, and the
/// SQS message it came in.
public struct BatchRecord<Body: Sendable>: Sendable {
    /// The message's body, decoded.
    public let body: Body
    /// The SQS message, for its ID, attributes and receive count.
    public let message: SQSEvent.Message

    /// A record of `message` whose body decoded as `body`.
    public init(body: Body, message: SQSEvent.Message) {
        self.body = body
        self.message = message
    }
}
