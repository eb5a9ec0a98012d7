/// Why a queue operation failed: its ``Code`` is named after the SQS error code code must be ready for, so that the
/// local queues and SQS fail alike.
public struct MessageQueueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as SQS names it.
    public enum Code: String, Sendable, Hashable {
        /// The queue does not exist (`AWS.SimpleQueueService.NonExistentQueue`, `QueueDoesNotExist`).
        case queueDoesNotExist = "QueueDoesNotExist"
        /// A queue of that name exists with another configuration.
        case queueNameExists = "QueueNameExists"
        /// A parameter is out of its bounds or malformed.
        case invalidParameterValue = "InvalidParameterValue"
        /// A required parameter is missing, e.g. a FIFO message without a group id.
        case missingParameter = "MissingParameter"
        /// The message is larger than the queue's maximum message size.
        case messageTooLong = "MessageTooLong"
        /// The body or an attribute value holds characters SQS does not accept.
        case invalidMessageContents = "InvalidMessageContents"
        /// The receipt handle was not issued by this queue, or no longer names the current receive.
        case receiptHandleIsInvalid = "ReceiptHandleIsInvalid"
        /// The message of the receipt handle is not in flight, so its visibility cannot change.
        case messageNotInflight = "AWS.SimpleQueueService.MessageNotInflight"
        /// A batch request has no entries.
        case emptyBatchRequest = "AWS.SimpleQueueService.EmptyBatchRequest"
        /// A batch request has more than ten entries.
        case tooManyEntriesInBatchRequest = "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"
        /// Two entries of a batch share an id.
        case batchEntryIdsNotDistinct = "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"
        /// An entry id is empty, longer than 80 characters or holds characters other than letters, digits, `-`, `_`.
        case invalidBatchEntryId = "AWS.SimpleQueueService.InvalidBatchEntryId"
        /// The messages of a batch are together larger than the queue's maximum message size.
        case batchRequestTooLong = "AWS.SimpleQueueService.BatchRequestTooLong"
        /// Too many messages are in flight to receive more.
        case overLimit = "OverLimit"
        /// The queue service could not be reached or failed; the operation may be retried.
        case unavailable = "ServiceUnavailable"
    }

    /// What went wrong.
    public let code: Code
    /// The details, in a sentence.
    public let message: String

    /// An error with `code`, described by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// SQS's code followed by the message.
    public var description: String { "\(self.code.rawValue): \(self.message)" }

    /// The queue named `name` does not exist.
    public static func queueDoesNotExist(_ name: String) -> MessageQueueError {
        MessageQueueError(.queueDoesNotExist, "The queue \(name) does not exist")
    }

    /// `parameter` is not valid, for the reason `reason` gives.
    public static func invalidParameter(_ parameter: String, _ reason: String) -> MessageQueueError {
        MessageQueueError(.invalidParameterValue, "Value for parameter \(parameter) is invalid: \(reason)")
    }
}
