/// A partial batch response (`ReportBatchItemFailures`): only the listed messages return to the queue.
///
/// An empty list means the whole batch succeeded.
public struct SQSBatchResponse: Codable, Sendable, Equatable {
    /// The messages that failed and go back to the queue; empty when the whole batch succeeded.
    public var batchItemFailures: [ItemFailure]

    /// Creates a response naming the failed messages.
    public init(batchItemFailures: [ItemFailure] = []) {
        self.batchItemFailures = batchItemFailures
    }

    /// A message that failed, named by its `messageId`.
    public struct ItemFailure: Codable, Sendable, Equatable {
        /// The failed message's ``SQSEvent/Message/messageId``.
        public var itemIdentifier: String

        /// Creates a failure for the message with the given ID.
        public init(itemIdentifier: String) {
            self.itemIdentifier = itemIdentifier
        }
    }
}
