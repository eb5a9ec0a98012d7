/// A partial batch response (`ReportBatchItemFailures`): only the listed messages return to the queue.
///
/// An empty list means the whole batch succeeded.
public struct SQSBatchResponse: Codable, Sendable, Equatable {
    public var batchItemFailures: [ItemFailure]

    public init(batchItemFailures: [ItemFailure] = []) {
        self.batchItemFailures = batchItemFailures
    }

    /// A message that failed, named by its `messageId`.
    public struct ItemFailure: Codable, Sendable, Equatable {
        public var itemIdentifier: String

        public init(itemIdentifier: String) {
            self.itemIdentifier = itemIdentifier
        }
    }
}
