/// Why an ``EventSourceMapping`` was refused: its ``Code`` names the setting that is out of Lambda's bounds, and the
/// message says what the bounds are.
public struct EventSourceMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which setting was refused.
    public enum Code: String, Sendable, Hashable {
        /// The queue name is not an SQS queue name.
        case invalidQueueName = "InvalidQueueName"
        /// The function name is not a Lambda function name.
        case invalidFunctionName = "InvalidFunctionName"
        /// The batch size is out of bounds for the kind of queue or the batching window.
        case invalidBatchSize = "InvalidBatchSize"
        /// The batching window is out of bounds, not whole seconds, or set on a FIFO queue.
        case invalidBatchingWindow = "InvalidBatchingWindow"
        /// The maximum concurrency is out of bounds.
        case invalidMaximumConcurrency = "InvalidMaximumConcurrency"
    }

    /// Which setting was refused.
    public let code: Code
    /// What is wrong, in a sentence.
    public let message: String

    /// An error with `code`, described by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The code followed by the message.
    public var description: String { "\(self.code.rawValue): \(self.message)" }
}
